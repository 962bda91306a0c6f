// Key exchange: RFC 7748 answers for X25519, agreement for every group, and the
// refusals TLS 1.3 requires of a peer's key share.
#include <gtest/gtest.h>

#include "bytes_hex.h"
#include "crypto/provider.h"
#include "fixed_rng.h"

namespace mk::crypto {
namespace {

using test::Bytes;
using test::from_hex;
using test::to_hex;

// RFC 7748 6.1.
const char* kAlicePriv = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const char* kAlicePub = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
const char* kBobPriv = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const char* kBobPub = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
const char* kShared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

TEST(CryptoKeyShare, X25519PublicKeysMatchRfc7748) {
  KeyShare alice, bob;
  ASSERT_EQ(alice.set_private(*kx_group(kGroupX25519), from_hex(kAlicePriv)), MK_OK);
  ASSERT_EQ(bob.set_private(*kx_group(kGroupX25519), from_hex(kBobPriv)), MK_OK);
  EXPECT_EQ(to_hex(alice.public_key()), kAlicePub);
  EXPECT_EQ(to_hex(bob.public_key()), kBobPub);
}

TEST(CryptoKeyShare, X25519SharedSecretMatchesRfc7748BothWays) {
  KeyShare alice, bob;
  ASSERT_EQ(alice.set_private(*kx_group(kGroupX25519), from_hex(kAlicePriv)), MK_OK);
  ASSERT_EQ(bob.set_private(*kx_group(kGroupX25519), from_hex(kBobPriv)), MK_OK);
  uint8_t a[32], b[32];
  ASSERT_EQ(alice.derive(from_hex(kBobPub), ByteSpan(a)), MK_OK);
  ASSERT_EQ(bob.derive(from_hex(kAlicePub), ByteSpan(b)), MK_OK);
  EXPECT_EQ(to_hex(ByteView(a)), kShared);
  EXPECT_EQ(to_hex(ByteView(b)), kShared);
}

TEST(CryptoKeyShare, X25519AllZeroSharedSecretIsRefused) {
  KeyShare alice;
  ASSERT_EQ(alice.set_private(*kx_group(kGroupX25519), from_hex(kAlicePriv)), MK_OK);
  Bytes order_one_point(32, 0);
  order_one_point[0] = 1;  // u = 1 has order 4: the product is the neutral element
  uint8_t out[32];
  EXPECT_EQ(alice.derive(order_one_point, ByteSpan(out)), MK_ERR_BAD_KEY_SHARE);
  EXPECT_EQ(alice.derive(Bytes(32, 0), ByteSpan(out)), MK_ERR_BAD_KEY_SHARE);
}

class CryptoKeyShareGroup : public ::testing::TestWithParam<uint16_t> {};

TEST_P(CryptoKeyShareGroup, GeneratedPairsAgree) {
  const KxGroup& g = *kx_group(GetParam());
  test::FixedRng rng_a(1), rng_b(2);
  KeyShare a, b;
  ASSERT_EQ(a.generate(g, rng_a), MK_OK);
  ASSERT_EQ(b.generate(g, system_rng()), MK_OK);
  ASSERT_EQ(a.public_key().size(), g.public_len);
  uint8_t sa[kMaxSharedSecretLen], sb[kMaxSharedSecretLen];
  ASSERT_EQ(a.derive(b.public_key(), ByteSpan(sa)), MK_OK);
  ASSERT_EQ(b.derive(a.public_key(), ByteSpan(sb)), MK_OK);
  EXPECT_EQ(to_hex(ByteView(sa, g.shared_len)), to_hex(ByteView(sb, g.shared_len)));
}

TEST_P(CryptoKeyShareGroup, WrongLengthPeerKeyIsRefused) {
  const KxGroup& g = *kx_group(GetParam());
  KeyShare a, b;
  ASSERT_EQ(a.generate(g, system_rng()), MK_OK);
  ASSERT_EQ(b.generate(g, system_rng()), MK_OK);
  Bytes longer(b.public_key().begin(), b.public_key().end());
  longer.push_back(0);
  uint8_t out[kMaxSharedSecretLen];
  EXPECT_EQ(a.derive(longer, ByteSpan(out)), MK_ERR_BAD_KEY_SHARE);
  EXPECT_EQ(a.derive(b.public_key().first(g.public_len - 1), ByteSpan(out)), MK_ERR_BAD_KEY_SHARE);
}

TEST_P(CryptoKeyShareGroup, RngFailurePropagates) {
  test::FailingRng rng;
  KeyShare a;
  EXPECT_EQ(a.generate(*kx_group(GetParam()), rng), MK_ERR_RANDOM);
  EXPECT_EQ(a.group(), nullptr);
}

INSTANTIATE_TEST_SUITE_P(AllGroups, CryptoKeyShareGroup,
                         ::testing::Values(kGroupX25519, kGroupSecp256r1, kGroupSecp384r1),
                         [](const auto& info) { return std::string(kx_group(info.param)->name); });

class CryptoKeyShareNist : public ::testing::TestWithParam<uint16_t> {
 protected:
  void SetUp() override {
    g_ = kx_group(GetParam());
    ASSERT_EQ(a_.generate(*g_, system_rng()), MK_OK);
    ASSERT_EQ(b_.generate(*g_, system_rng()), MK_OK);
    peer_.assign(b_.public_key().begin(), b_.public_key().end());
  }
  Err derive(const Bytes& peer) {
    uint8_t out[kMaxSharedSecretLen];
    return a_.derive(peer, ByteSpan(out));
  }
  const KxGroup* g_ = nullptr;
  KeyShare a_, b_;
  Bytes peer_;
};

TEST_P(CryptoKeyShareNist, PublicKeyIsUncompressed) {
  EXPECT_EQ(peer_[0], 0x04);
}

TEST_P(CryptoKeyShareNist, OffCurvePointIsRefused) {
  peer_.back() ^= 0x01;
  EXPECT_EQ(derive(peer_), MK_ERR_BAD_KEY_SHARE);
}

TEST_P(CryptoKeyShareNist, CompressedFormIsRefused) {
  const size_t coord = g_->shared_len;
  Bytes compressed(1 + coord);
  compressed[0] = static_cast<uint8_t>(0x02 | (peer_.back() & 1));
  std::copy(peer_.begin() + 1, peer_.begin() + 1 + static_cast<long>(coord),
            compressed.begin() + 1);
  EXPECT_EQ(derive(compressed), MK_ERR_BAD_KEY_SHARE);
  // Same length as a valid key, but a compressed-point prefix.
  peer_[0] = 0x02;
  EXPECT_EQ(derive(peer_), MK_ERR_BAD_KEY_SHARE);
}

TEST_P(CryptoKeyShareNist, PointAtInfinityIsRefused) {
  EXPECT_EQ(derive(Bytes{0x00}), MK_ERR_BAD_KEY_SHARE);
  EXPECT_EQ(derive(Bytes(g_->public_len, 0)), MK_ERR_BAD_KEY_SHARE);
}

TEST_P(CryptoKeyShareNist, PrivateKeyOutOfRangeIsRefused) {
  KeyShare k;
  EXPECT_EQ(k.set_private(*g_, Bytes(g_->private_len, 0)), MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(k.set_private(*g_, Bytes(g_->private_len, 0xff)), MK_ERR_INVALID_ARGUMENT);
}

INSTANTIATE_TEST_SUITE_P(NistGroups, CryptoKeyShareNist,
                         ::testing::Values(kGroupSecp256r1, kGroupSecp384r1),
                         [](const auto& info) { return std::string(kx_group(info.param)->name); });

TEST(CryptoKeyShare, UnknownGroupIsNull) {
  EXPECT_EQ(kx_group(0x0019), nullptr);  // secp521r1
  EXPECT_EQ(kx_group(0x001e), nullptr);  // x448
}

}  // namespace
}  // namespace mk::crypto
