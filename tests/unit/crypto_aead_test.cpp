// AEAD round trips and tamper detection, for each algorithm.
#include <gtest/gtest.h>

#include "bytes_hex.h"
#include "crypto/provider.h"

namespace mk::crypto {
namespace {

using test::Bytes;
using test::from_hex;
using test::to_hex;

class CryptoAead : public ::testing::TestWithParam<const AeadAlg* (*)()> {
 protected:
  void SetUp() override {
    alg_ = GetParam()();
    Bytes key(alg_->key_len);
    for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 7 + 1);
    key_.set(*alg_, key);
    sealed_ = plaintext_;
    key_.seal(nonce_, aad_, sealed_, ByteSpan(tag_));
  }

  const AeadAlg* alg_ = nullptr;
  AeadKey key_;
  const Bytes nonce_ = from_hex("000102030405060708090a0b");
  const Bytes aad_ = from_hex("17030300 2a");
  const Bytes plaintext_ = Bytes(37, 0x5a);
  Bytes sealed_;
  uint8_t tag_[kAeadTagLen];
};

TEST_P(CryptoAead, OpenRecoversThePlaintext) {
  EXPECT_NE(to_hex(sealed_), to_hex(plaintext_));
  Bytes data = sealed_;
  ASSERT_TRUE(key_.open(nonce_, aad_, data, ByteView(tag_)));
  EXPECT_EQ(to_hex(data), to_hex(plaintext_));
}

TEST_P(CryptoAead, FlippedTagBitIsRejected) {
  Bytes data = sealed_;
  tag_[15] ^= 0x01;
  EXPECT_FALSE(key_.open(nonce_, aad_, data, ByteView(tag_)));
}

TEST_P(CryptoAead, FlippedCiphertextBitIsRejected) {
  Bytes data = sealed_;
  data[0] ^= 0x80;
  EXPECT_FALSE(key_.open(nonce_, aad_, data, ByteView(tag_)));
}

TEST_P(CryptoAead, ChangedAdditionalDataIsRejected) {
  Bytes data = sealed_;
  Bytes aad = aad_;
  aad[4] ^= 0x01;
  EXPECT_FALSE(key_.open(nonce_, aad, data, ByteView(tag_)));
}

TEST_P(CryptoAead, OtherNonceIsRejected) {
  Bytes data = sealed_;
  Bytes nonce = nonce_;
  nonce[11] ^= 0x01;
  EXPECT_FALSE(key_.open(nonce, aad_, data, ByteView(tag_)));
}

TEST_P(CryptoAead, EmptyPlaintextStillAuthenticatesAad) {
  uint8_t tag[kAeadTagLen];
  key_.seal(nonce_, aad_, ByteSpan(), ByteSpan(tag));
  EXPECT_TRUE(key_.open(nonce_, aad_, ByteSpan(), ByteView(tag)));
  tag[0] ^= 0x01;
  EXPECT_FALSE(key_.open(nonce_, aad_, ByteSpan(), ByteView(tag)));
}

const AeadAlg* aes128() {
  return &aes128_gcm();
}
const AeadAlg* aes256() {
  return &aes256_gcm();
}
const AeadAlg* chacha() {
  return &chacha20_poly1305();
}

INSTANTIATE_TEST_SUITE_P(AllAeads, CryptoAead, ::testing::Values(aes128, aes256, chacha),
                         [](const auto& info) {
                           const AeadAlg* a = info.param();
                           return a->id == AeadId::aes128_gcm   ? std::string("Aes128Gcm")
                                  : a->id == AeadId::aes256_gcm ? std::string("Aes256Gcm")
                                                                : std::string("ChaCha20Poly1305");
                         });

// RFC 8439 2.8.2: the one fixed ChaCha20-Poly1305 answer, so a round trip that is
// wrong in both directions cannot pass.
TEST(CryptoAeadKnownAnswer, ChaCha20Poly1305Rfc8439) {
  Bytes key = from_hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  Bytes nonce = from_hex("070000004041424344454647");
  Bytes aad = from_hex("50515253c0c1c2c3c4c5c6c7");
  std::string msg =
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
      "future, sunscreen would be it.";
  Bytes data(msg.begin(), msg.end());
  AeadKey k;
  k.set(chacha20_poly1305(), key);
  uint8_t tag[16];
  k.seal(nonce, aad, data, ByteSpan(tag));
  EXPECT_EQ(to_hex(ByteView(data).first(16)), "d31a8d34648e60db7b86afbc53ef7ec2");
  EXPECT_EQ(to_hex(ByteView(tag)), "1ae10b594f09e26a7e902ecbd0600691");
}

// NIST GCM test case 2 (AES-128, zero key and IV, one zero block).
TEST(CryptoAeadKnownAnswer, Aes128GcmNistCase2) {
  Bytes key(16, 0), nonce(12, 0), data(16, 0);
  AeadKey k;
  k.set(aes128_gcm(), key);
  uint8_t tag[16];
  k.seal(nonce, ByteView(), data, ByteSpan(tag));
  EXPECT_EQ(to_hex(data), "0388dace60b6a392f328c2b971b2fe78");
  EXPECT_EQ(to_hex(ByteView(tag)), "ab6e47d42cec13bdf53a67b21257bddf");
}

}  // namespace
}  // namespace mk::crypto
