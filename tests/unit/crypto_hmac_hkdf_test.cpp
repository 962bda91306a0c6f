// HMAC (RFC 4231) and HKDF (RFC 5869) known answers.
#include <gtest/gtest.h>

#include "bytes_hex.h"
#include "crypto/provider.h"

namespace mk::crypto {
namespace {

using test::Bytes;
using test::from_hex;
using test::to_hex;

std::string hex_hmac(const HashAlg& alg, ByteView key, ByteView data) {
  uint8_t out[kMaxHashLen];
  size_t n = hmac(alg, key, data, ByteSpan(out));
  return to_hex(ByteView(out, n));
}

TEST(CryptoHmac, Rfc4231Case1Sha256) {
  Bytes key(20, 0x0b);
  EXPECT_EQ(hex_hmac(sha256(), key, as_bytes("Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(CryptoHmac, Rfc4231Case1Sha384) {
  Bytes key(20, 0x0b);
  EXPECT_EQ(hex_hmac(sha384(), key, as_bytes("Hi There")),
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
            "faea9ea9076ede7f4af152e8b2fa9cb6");
}

TEST(CryptoHmac, Rfc4231Case2Sha256) {
  EXPECT_EQ(hex_hmac(sha256(), as_bytes("Jefe"), as_bytes("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CryptoHmac, Rfc4231Case2Sha512) {
  EXPECT_EQ(hex_hmac(sha512(), as_bytes("Jefe"), as_bytes("what do ya want for nothing?")),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
}

TEST(CryptoHkdf, Rfc5869Case1) {
  Bytes ikm(22, 0x0b);
  Bytes salt = from_hex("000102030405060708090a0b0c");
  Bytes info = from_hex("f0f1f2f3f4f5f6f7f8f9");
  uint8_t prk[32];
  hkdf_extract(sha256(), salt, ikm, ByteSpan(prk));
  EXPECT_EQ(to_hex(ByteView(prk)),
            "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
  uint8_t okm[42];
  ASSERT_EQ(hkdf_expand(sha256(), ByteView(prk), info, ByteSpan(okm)), MK_OK);
  EXPECT_EQ(to_hex(ByteView(okm)),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
            "34007208d5b887185865");
}

TEST(CryptoHkdf, EmptySaltMeansHashLengthZeros) {
  Bytes ikm(22, 0x0b);
  Bytes zeros(48, 0);
  uint8_t with_empty[48], with_zeros[48];
  hkdf_extract(sha384(), ByteView(), ikm, ByteSpan(with_empty));
  hkdf_extract(sha384(), zeros, ikm, ByteSpan(with_zeros));
  EXPECT_EQ(to_hex(ByteView(with_empty)), to_hex(ByteView(with_zeros)));
}

TEST(CryptoHkdf, ExpandRefusesMoreThan255Blocks) {
  uint8_t prk[32] = {};
  std::vector<uint8_t> out(255 * 32 + 1);
  EXPECT_EQ(hkdf_expand(sha256(), ByteView(prk), ByteView(), ByteSpan(out)),
            MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(hkdf_expand(sha256(), ByteView(prk), ByteView(), ByteSpan(out).first(255 * 32)), MK_OK);
}

}  // namespace
}  // namespace mk::crypto
