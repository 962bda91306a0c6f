// Signatures through the provider: every scheme signs and verifies with the
// repository's test keys, known answers pin the deterministic schemes, and each way
// a signature, its encoding or its key can be wrong is refused.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "bytes_hex.h"
#include "crypto/ecdsa_der.h"
#include "crypto/provider.h"
#include "crypto/rsa_pss.h"
#include "fixed_rng.h"
#include "test_keys.h"

namespace mk::crypto {
namespace {

using test::Bytes;
using test::from_hex;
using test::load_test_key;
using test::TestKey;
using test::to_hex;

const ByteView kMessage = as_bytes("meerkat");

// sign() into a fresh buffer; empty when it fails.
Bytes sign_bytes(uint16_t scheme, const PrivateKey& key, ByteView msg, Rng& rng = system_rng()) {
  Bytes sig(kMaxSignatureLen);
  size_t len = 0;
  const Err e = sign(scheme, key, msg, rng, sig, &len);
  EXPECT_EQ(e, MK_OK) << err_name(e);
  sig.resize(e == MK_OK ? len : 0);
  return sig;
}

PublicKey test_public_key(TestKey which) {
  PrivateKey key;
  load_test_key(which, key);
  return key.pub;
}

Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// ---- round trips: every scheme with every key it fits ------------------------------

struct RoundTrip {
  TestKey key;
  uint16_t scheme;
  size_t max_len;  // RSA: exactly the modulus length
};

std::string round_trip_name(const ::testing::TestParamInfo<RoundTrip>& info) {
  std::string name = test::test_key_dir(info.param.key);
  for (char& c : name)
    if (c == '-') c = '_';
  char scheme[8];
  std::snprintf(scheme, sizeof scheme, "_%04x", info.param.scheme);
  return name + scheme;
}

class CryptoSignatureRoundTrip : public ::testing::TestWithParam<RoundTrip> {
 protected:
  void SetUp() override { load_test_key(GetParam().key, key_); }
  bool is_rsa() const { return key_.type == KeyType::rsa; }
  PrivateKey key_;
};

TEST_P(CryptoSignatureRoundTrip, KeyCanSignTheScheme) {
  EXPECT_TRUE(can_sign(key_, GetParam().scheme));
}

TEST_P(CryptoSignatureRoundTrip, SignatureVerifiesWithThePublicKey) {
  const Bytes sig = sign_bytes(GetParam().scheme, key_, kMessage);
  EXPECT_EQ(verify(GetParam().scheme, key_.pub, kMessage, sig), MK_OK);
}

TEST_P(CryptoSignatureRoundTrip, SignatureHasTheSchemesLength) {
  const Bytes sig = sign_bytes(GetParam().scheme, key_, kMessage);
  if (is_rsa()) {
    EXPECT_EQ(sig.size(), GetParam().max_len);
  } else {
    EXPECT_LE(sig.size(), GetParam().max_len);
    EXPECT_GE(sig.size(), 8u);
  }
}

TEST_P(CryptoSignatureRoundTrip, FlippedSignatureBitIsRefused) {
  Bytes sig = sign_bytes(GetParam().scheme, key_, kMessage);
  ASSERT_FALSE(sig.empty());
  sig[sig.size() / 2] ^= 0x10;
  EXPECT_EQ(verify(GetParam().scheme, key_.pub, kMessage, sig), MK_ERR_DECRYPT_ERROR);
}

TEST_P(CryptoSignatureRoundTrip, SignatureOverAnotherMessageIsRefused) {
  const Bytes sig = sign_bytes(GetParam().scheme, key_, kMessage);
  EXPECT_EQ(verify(GetParam().scheme, key_.pub, as_bytes("meerkaT"), sig), MK_ERR_DECRYPT_ERROR);
}

INSTANTIATE_TEST_SUITE_P(
    AllSchemes, CryptoSignatureRoundTrip,
    ::testing::Values(RoundTrip{TestKey::ecdsa_p256, kEcdsaSecp256r1Sha256, 72},
                      RoundTrip{TestKey::ecdsa_p256, kEcdsaSha256AnyCurve, 72},
                      RoundTrip{TestKey::ecdsa_p256, kEcdsaSha384AnyCurve, 72},
                      RoundTrip{TestKey::ecdsa_p256, kEcdsaSha512AnyCurve, 72},
                      RoundTrip{TestKey::ecdsa_p384, kEcdsaSecp384r1Sha384, 104},
                      RoundTrip{TestKey::ecdsa_p384, kEcdsaSha256AnyCurve, 104},
                      RoundTrip{TestKey::ecdsa_p384, kEcdsaSha384AnyCurve, 104},
                      RoundTrip{TestKey::ecdsa_p384, kEcdsaSha512AnyCurve, 104},
                      RoundTrip{TestKey::rsa_2048, kRsaPkcs1Sha256, 256},
                      RoundTrip{TestKey::rsa_2048, kRsaPkcs1Sha384, 256},
                      RoundTrip{TestKey::rsa_2048, kRsaPkcs1Sha512, 256},
                      RoundTrip{TestKey::rsa_2048, kRsaPssRsaeSha256, 256},
                      RoundTrip{TestKey::rsa_2048, kRsaPssRsaeSha384, 256},
                      RoundTrip{TestKey::rsa_2048, kRsaPssRsaeSha512, 256},
                      RoundTrip{TestKey::rsa_4096, kRsaPkcs1Sha256, 512},
                      RoundTrip{TestKey::rsa_4096, kRsaPkcs1Sha384, 512},
                      RoundTrip{TestKey::rsa_4096, kRsaPkcs1Sha512, 512},
                      RoundTrip{TestKey::rsa_4096, kRsaPssRsaeSha256, 512},
                      RoundTrip{TestKey::rsa_4096, kRsaPssRsaeSha384, 512},
                      RoundTrip{TestKey::rsa_4096, kRsaPssRsaeSha512, 512}),
    round_trip_name);

// ---- known answers -------------------------------------------------------------------

// RFC 6979 A.2.5 and A.2.6: the private keys, and the signatures of "sample".
const char* kRfc6979P256Private =
    "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
const char* kRfc6979P384Private =
    "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2"
    "edf5";

void set_ec_private(Curve curve, const char* hex, PrivateKey& key) {
  const Bytes x = from_hex(hex);
  key.type = KeyType::ec;
  key.curve = curve;
  std::copy(x.begin(), x.end(), key.x);
  key.x_len = x.size();
}

TEST(CryptoSignatureKnownAnswer, EcdsaP256Sha256SignatureOfSampleIsRfc6979s) {
  PrivateKey key;
  set_ec_private(Curve::p256, kRfc6979P256Private, key);
  // r = EFD48B2A..., s = F7CB1C94...: both need a sign octet.
  EXPECT_EQ(to_hex(sign_bytes(kEcdsaSecp256r1Sha256, key, as_bytes("sample"))),
            "3046022100efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716022100f7"
            "cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
}

TEST(CryptoSignatureKnownAnswer, EcdsaP384Sha384SignatureOfSampleIsRfc6979s) {
  PrivateKey key;
  set_ec_private(Curve::p384, kRfc6979P384Private, key);
  EXPECT_EQ(to_hex(sign_bytes(kEcdsaSecp384r1Sha384, key, as_bytes("sample"))),
            "3066023100"
            "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36"
            "dd1e80fabe46"
            "023100"
            "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82"
            "c71a38628ac8");
}

TEST(CryptoSignatureKnownAnswer, EcPublicKeyOfRfc6979P256KeyIsRfc6979s) {
  PrivateKey key;
  set_ec_private(Curve::p256, kRfc6979P256Private, key);
  PublicKey pub;
  ASSERT_EQ(ec_public_from_private(key, pub), MK_OK);
  EXPECT_EQ(pub.type, KeyType::ec);
  EXPECT_EQ(pub.curve, Curve::p256);
  EXPECT_EQ(to_hex(ByteView(pub.point, pub.point_len)),
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a4"
            "1ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
}

// The signature OpenSSL makes with tests/data/certs/rsa-2048/key.pem over "meerkat"
// (PKCS#1 v1.5 is deterministic).
const char* kRsa2048Pkcs1Sha256OfMeerkat =
    "2a22fec58dfbece6ea874a15abf150f76b00392b42b37a489a6c5468bbdf9f6e24fb799b24099c53e2f9f76c94d5"
    "b457fb3628322f62acf4105d175cc50df7ac3ff9a6987a165f0c46197ae74eff8e26ad26907fdc56136984dd5324"
    "aad5663af333a600e068a8ca8a3a6af5331c99016f793a0d19d7d5dc131e352b03d46b235d60325729ee7122fb93"
    "d0b9db60ad9ea6f8a4aca313f4b74d0acf81127ef6a8dfc8f06df7eca577756298a6bb7d9b8e80abcc688d1b0dcf"
    "1174584cb99ca8b80229d84b4185689d5833e05ad40aad5d2b60727406ccd055c84b95fbf8e9e20b6f10e5a762fa"
    "d7df738cca403363eef772be02f2e54a2a77789e08bcf2e58a38";

// And an RSA-PSS signature OpenSSL made (SHA-256, MGF1-SHA-256, 32-byte salt).
const char* kRsa2048PssSha256OfMeerkat =
    "78675e8569681afe48f8a7143c171fe528d69714cd63276b49dfa6035dda392cc53effa1511060801f8d7084c314"
    "b11108494da901727622242676c7db09217ba364a580908863b92eca332c3d84a787583a449ff8912e60699a4e59"
    "4132bfce2e6bd9fd9ac1d7cbd19856e2e8f0d3c0fc5fb90af670a2100ba1d3de692f4984799cd1cdcbc4e7302ba2"
    "ec726134ebb1d3be5d9bdb8289761b23b41e687ca657e7bd803c9f4a669dbae20d0913371aa077f385aec13e99ae"
    "039473209b6a28052a142191395b53aeeac689bd73c74b6fcd569263c1eacbdfd98fd07525623e499517f223981d"
    "c26f99c1574a00d70cd82306a411a21272837bfaf949d4bfb569";

TEST(CryptoSignatureKnownAnswer, RsaPkcs1Sha256SignatureIsOpenSsls) {
  PrivateKey key;
  load_test_key(TestKey::rsa_2048, key);
  EXPECT_EQ(to_hex(sign_bytes(kRsaPkcs1Sha256, key, kMessage)), kRsa2048Pkcs1Sha256OfMeerkat);
}

TEST(CryptoSignatureKnownAnswer, RsaPssSignatureByOpenSslVerifies) {
  EXPECT_EQ(verify(kRsaPssRsaeSha256, test_public_key(TestKey::rsa_2048), kMessage,
                   from_hex(kRsa2048PssSha256OfMeerkat)),
            MK_OK);
}

// ---- which schemes fit which keys -------------------------------------------------------

struct Fit {
  TestKey key;
  uint16_t scheme;
  bool can_sign;
};

class CryptoSignatureCanSign : public ::testing::TestWithParam<Fit> {};

TEST_P(CryptoSignatureCanSign, FollowsKeyTypeCurveAndHash) {
  PrivateKey key;
  load_test_key(GetParam().key, key);
  EXPECT_EQ(can_sign(key, GetParam().scheme), GetParam().can_sign);
}

std::string fit_name(const ::testing::TestParamInfo<Fit>& info) {
  return round_trip_name({RoundTrip{info.param.key, info.param.scheme, 0}, info.index});
}

INSTANTIATE_TEST_SUITE_P(
    Table, CryptoSignatureCanSign,
    ::testing::Values(
        // EC keys: the TLS scheme of their curve and every any-curve scheme.
        Fit{TestKey::ecdsa_p256, kEcdsaSecp256r1Sha256, true},
        Fit{TestKey::ecdsa_p256, kEcdsaSecp384r1Sha384, false},
        Fit{TestKey::ecdsa_p256, kEcdsaSha384AnyCurve, true},
        Fit{TestKey::ecdsa_p384, kEcdsaSecp384r1Sha384, true},
        Fit{TestKey::ecdsa_p384, kEcdsaSecp256r1Sha256, false},
        Fit{TestKey::ecdsa_p384, kEcdsaSha256AnyCurve, true},
        Fit{TestKey::ecdsa_p384, kRsaPkcs1Sha384, false},
        Fit{TestKey::ecdsa_p384, kRsaPssRsaeSha384, false},
        // RSA keys: PKCS#1 v1.5 and rsa_pss_rsae; never rsa_pss_pss (not a PSS key).
        Fit{TestKey::rsa_2048, kRsaPkcs1Sha512, true},
        Fit{TestKey::rsa_2048, kRsaPssRsaeSha512, true},
        Fit{TestKey::rsa_2048, kRsaPssPssSha256, false},
        Fit{TestKey::rsa_2048, kEcdsaSha256AnyCurve, false},
        // Schemes we do not do: P-521, ed25519, ecdsa_sha1.
        Fit{TestKey::ecdsa_p256, kEcdsaSecp521r1Sha512, false},
        Fit{TestKey::ecdsa_p256, 0x0807, false}, Fit{TestKey::ecdsa_p256, 0x0203, false}),
    fit_name);

TEST(CryptoSignatureFit, SigningWithASchemeThatDoesNotFitIsRefused) {
  PrivateKey p256;
  load_test_key(TestKey::ecdsa_p256, p256);
  uint8_t sig[kMaxSignatureLen];
  size_t len = 99;
  EXPECT_EQ(sign(kEcdsaSecp384r1Sha384, p256, kMessage, system_rng(), ByteSpan(sig), &len),
            MK_ERR_NO_COMMON_SIGNATURE);
  EXPECT_EQ(len, 0u);
}

TEST(CryptoSignatureFit, VerifyingWithASchemeThatDoesNotFitIsRefused) {
  const PublicKey p256 = test_public_key(TestKey::ecdsa_p256);
  const PublicKey rsa = test_public_key(TestKey::rsa_2048);
  const Bytes sig(64, 1);
  EXPECT_EQ(verify(kEcdsaSecp384r1Sha384, p256, kMessage, sig), MK_ERR_NO_COMMON_SIGNATURE);
  EXPECT_EQ(verify(kRsaPssRsaeSha256, p256, kMessage, sig), MK_ERR_NO_COMMON_SIGNATURE);
  EXPECT_EQ(verify(kEcdsaSha256AnyCurve, rsa, kMessage, sig), MK_ERR_NO_COMMON_SIGNATURE);
  EXPECT_EQ(verify(kEcdsaSecp521r1Sha512, p256, kMessage, sig), MK_ERR_NO_COMMON_SIGNATURE);
  EXPECT_EQ(verify(0x0807, p256, kMessage, sig), MK_ERR_NO_COMMON_SIGNATURE);
}

// A signature made under one scheme, checked under another.
struct CrossScheme {
  TestKey key;
  uint16_t signed_as, verified_as;
  Err verdict;
};

class CryptoSignatureCrossScheme : public ::testing::TestWithParam<CrossScheme> {};

TEST_P(CryptoSignatureCrossScheme, VerdictFollowsHashAndPadding) {
  PrivateKey key;
  load_test_key(GetParam().key, key);
  const Bytes sig = sign_bytes(GetParam().signed_as, key, kMessage);
  EXPECT_EQ(verify(GetParam().verified_as, key.pub, kMessage, sig), GetParam().verdict);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CryptoSignatureCrossScheme,
    ::testing::Values(
        // On its own curve, the any-curve scheme is the TLS scheme.
        CrossScheme{TestKey::ecdsa_p256, kEcdsaSha256AnyCurve, kEcdsaSecp256r1Sha256, MK_OK},
        CrossScheme{TestKey::ecdsa_p384, kEcdsaSecp384r1Sha384, kEcdsaSha384AnyCurve, MK_OK},
        CrossScheme{TestKey::ecdsa_p256, kEcdsaSha256AnyCurve, kEcdsaSha384AnyCurve,
                    MK_ERR_DECRYPT_ERROR},
        CrossScheme{TestKey::rsa_2048, kRsaPkcs1Sha256, kRsaPssRsaeSha256, MK_ERR_DECRYPT_ERROR},
        CrossScheme{TestKey::rsa_2048, kRsaPssRsaeSha256, kRsaPkcs1Sha256, MK_ERR_DECRYPT_ERROR},
        CrossScheme{TestKey::rsa_2048, kRsaPssRsaeSha256, kRsaPssRsaeSha384, MK_ERR_DECRYPT_ERROR},
        CrossScheme{TestKey::rsa_2048, kRsaPkcs1Sha256, kRsaPkcs1Sha512, MK_ERR_DECRYPT_ERROR},
        // rsa_pss_pss differs from rsa_pss_rsae only in the certificate's key OID.
        CrossScheme{TestKey::rsa_2048, kRsaPssRsaeSha384, kRsaPssPssSha384, MK_OK}));

// ---- behaviour of sign and verify -------------------------------------------------------

TEST(CryptoSignature, EcdsaSignaturesAreDeterministic) {
  PrivateKey key;
  load_test_key(TestKey::ecdsa_p384, key);
  EXPECT_EQ(sign_bytes(kEcdsaSecp384r1Sha384, key, kMessage),
            sign_bytes(kEcdsaSecp384r1Sha384, key, kMessage));
}

TEST(CryptoSignature, PssSignaturesAreSalted) {
  PrivateKey key;
  load_test_key(TestKey::rsa_2048, key);
  EXPECT_NE(sign_bytes(kRsaPssRsaeSha256, key, kMessage),
            sign_bytes(kRsaPssRsaeSha256, key, kMessage));
}

TEST(CryptoSignature, PssSigningPropagatesRngFailure) {
  PrivateKey key;
  load_test_key(TestKey::rsa_2048, key);
  test::FailingRng rng;
  uint8_t sig[kMaxSignatureLen];
  size_t len = 0;
  EXPECT_EQ(sign(kRsaPssRsaeSha256, key, kMessage, rng, ByteSpan(sig), &len), MK_ERR_RANDOM);
}

TEST(CryptoSignature, TooShortSignatureBufferIsRefused) {
  PrivateKey rsa, ec;
  load_test_key(TestKey::rsa_2048, rsa);
  load_test_key(TestKey::ecdsa_p256, ec);
  uint8_t sig[255];
  size_t len = 0;
  EXPECT_EQ(sign(kRsaPkcs1Sha256, rsa, kMessage, system_rng(), ByteSpan(sig), &len),
            MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(sign(kEcdsaSecp256r1Sha256, ec, kMessage, system_rng(), ByteSpan(sig, 16), &len),
            MK_ERR_INVALID_ARGUMENT);
}

TEST(CryptoSignature, RsaResultThePublicKeyDoesNotConfirmIsWithheld) {
  PrivateKey key;
  load_test_key(TestKey::rsa_2048, key);
  key.pub.n[key.pub.n_len - 1] ^= 0x02;  // a different (still odd) modulus
  uint8_t sig[kMaxSignatureLen];
  size_t len = 0;
  EXPECT_EQ(sign(kRsaPkcs1Sha256, key, kMessage, system_rng(), ByteSpan(sig), &len), MK_ERR_CRYPTO);
  EXPECT_EQ(len, 0u);
}

TEST(CryptoSignature, VerifyDigestTakesThePrecomputedHash) {
  PrivateKey key;
  load_test_key(TestKey::ecdsa_p256, key);
  const Bytes sig = sign_bytes(kEcdsaSecp256r1Sha256, key, kMessage);
  uint8_t h[kMaxHashLen];
  const size_t n = digest(sha256(), kMessage, ByteSpan(h));
  EXPECT_EQ(verify_digest(kEcdsaSecp256r1Sha256, key.pub, ByteView(h, n), sig), MK_OK);
}

TEST(CryptoSignature, VerifyDigestRefusesADigestOfAnotherLength) {
  PrivateKey key;
  load_test_key(TestKey::ecdsa_p256, key);
  const Bytes sig = sign_bytes(kEcdsaSecp256r1Sha256, key, kMessage);
  uint8_t h[kMaxHashLen];
  const size_t n = digest(sha384(), kMessage, ByteSpan(h));
  EXPECT_EQ(verify_digest(kEcdsaSecp256r1Sha256, key.pub, ByteView(h, n), sig),
            MK_ERR_INVALID_ARGUMENT);
}

// ---- ECDSA: one DER encoding per signature -----------------------------------------------

Bytes der(uint8_t tag, const Bytes& content) {
  Bytes out{tag, static_cast<uint8_t>(content.size())};
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

// The P-256 order n.
const char* kP256Order = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

// INTEGER content octets for a non-negative magnitude: no leading zeros, then one
// zero octet if the top bit would otherwise read as a sign.
Bytes canonical_integer(ByteView magnitude) {
  size_t skip = 0;
  while (skip + 1 < magnitude.size() && magnitude[skip] == 0) ++skip;
  Bytes out(magnitude.begin() + static_cast<long>(skip), magnitude.end());
  if (out[0] & 0x80) out.insert(out.begin(), 0x00);
  return out;
}

// A P-256 signature whose r has its top bit set (so DER needs a sign octet for it),
// taken apart into canonical INTEGER contents.
class CryptoSignatureEcdsaDer : public ::testing::Test {
 protected:
  void SetUp() override {
    load_test_key(TestKey::ecdsa_p256, key_);
    // Signatures are deterministic, so the search ends at the same message every run.
    for (int i = 0; i < 64 && r_.empty(); ++i) {
      msg_ = "message " + std::to_string(i);
      sig_ = sign_bytes(kEcdsaSecp256r1Sha256, key_, as_bytes(msg_));
      uint8_t raw[64];
      ASSERT_EQ(ecdsa_der_to_raw(sig_, from_hex(kP256Order), ByteSpan(raw)), MK_OK);
      const ByteView r = ByteView(raw).first(32), s = ByteView(raw).subspan(32);
      if (r[0] & 0x80) {
        r_magnitude_.assign(r.begin(), r.end());
        r_ = canonical_integer(r);
        s_ = canonical_integer(s);
      }
    }
    ASSERT_EQ(r_.size(), 33u);
  }

  Err verify_der(const Bytes& der_sig) {
    return verify(kEcdsaSecp256r1Sha256, key_.pub, as_bytes(msg_), der_sig);
  }
  Bytes sequence_of(const Bytes& r, const Bytes& s) {
    return der(0x30, concat({der(0x02, r), der(0x02, s)}));
  }

  PrivateKey key_;
  std::string msg_;
  Bytes sig_;
  Bytes r_magnitude_;  // 32 bytes, top bit set
  Bytes r_, s_;        // canonical INTEGER contents
};

TEST_F(CryptoSignatureEcdsaDer, CanonicalEncodingIsWhatSignProducesAndVerifies) {
  EXPECT_EQ(sequence_of(r_, s_), sig_);
  EXPECT_EQ(verify_der(sequence_of(r_, s_)), MK_OK);
}

TEST_F(CryptoSignatureEcdsaDer, SuperfluousLeadingZeroIsRefused) {
  EXPECT_EQ(verify_der(sequence_of(concat({{0x00}, r_}), s_)), MK_ERR_DECRYPT_ERROR);
  EXPECT_EQ(verify_der(sequence_of(r_, concat({{0x00}, s_}))), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignatureEcdsaDer, MissingSignOctetIsRefused) {
  EXPECT_EQ(verify_der(sequence_of(r_magnitude_, s_)), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignatureEcdsaDer, LongFormLengthThatFitsTheShortFormIsRefused) {
  const Bytes content = concat({der(0x02, r_), der(0x02, s_)});
  EXPECT_EQ(verify_der(concat({{0x30, 0x81, static_cast<uint8_t>(content.size())}, content})),
            MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignatureEcdsaDer, IndefiniteLengthIsRefused) {
  const Bytes content = concat({der(0x02, r_), der(0x02, s_)});
  EXPECT_EQ(verify_der(concat({{0x30, 0x80}, content, {0x00, 0x00}})), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignatureEcdsaDer, BytesAfterTheSequenceAreRefused) {
  EXPECT_EQ(verify_der(concat({sig_, {0x00}})), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignatureEcdsaDer, BytesAfterTheIntegersAreRefused) {
  EXPECT_EQ(verify_der(der(0x30, concat({der(0x02, r_), der(0x02, s_), {0x05, 0x00}}))),
            MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignatureEcdsaDer, OtherTagsAreRefused) {
  EXPECT_EQ(verify_der(der(0x31, concat({der(0x02, r_), der(0x02, s_)}))), MK_ERR_DECRYPT_ERROR);
  EXPECT_EQ(verify_der(der(0x30, concat({der(0x03, r_), der(0x02, s_)}))), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignatureEcdsaDer, ZeroIsRefused) {
  EXPECT_EQ(verify_der(sequence_of({0x00}, s_)), MK_ERR_DECRYPT_ERROR);
  EXPECT_EQ(verify_der(sequence_of(r_, {0x00})), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignatureEcdsaDer, ValueOfTheOrderIsRefused) {
  const Bytes n = concat({{0x00}, from_hex(kP256Order)});
  EXPECT_EQ(verify_der(sequence_of(n, s_)), MK_ERR_DECRYPT_ERROR);
  EXPECT_EQ(verify_der(sequence_of(r_, n)), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignatureEcdsaDer, EmptySignatureIsRefused) {
  EXPECT_EQ(verify_der({}), MK_ERR_DECRYPT_ERROR);
  EXPECT_EQ(verify_der({0x30, 0x00}), MK_ERR_DECRYPT_ERROR);
}

// ---- RSA-PSS: the encoding is checked, not just the hash ----------------------------------

// Signatures over hand-made EMSA-PSS encodings with the rsa-2048 key (modBits 2048,
// so emBits 2047 and EM fills all 256 octets).
class CryptoSignaturePss : public ::testing::Test {
 protected:
  void SetUp() override {
    load_test_key(TestKey::rsa_2048, key_);
    digest(sha256(), kMessage, ByteSpan(mhash_, 32));
  }

  Bytes encode(const HashAlg& mgf1_hash, size_t salt_len) {
    Bytes em(256);
    const Bytes salt(salt_len, 0x5a);
    EXPECT_EQ(emsa_pss_encode(sha256(), mgf1_hash, ByteView(mhash_, 32), salt, 2047, em), MK_OK);
    return em;
  }
  Err verify_em(Bytes em) {
    EXPECT_EQ(rsa_private_raw(key_, em), MK_OK);
    return verify(kRsaPssRsaeSha256, key_.pub, kMessage, em);
  }

  PrivateKey key_;
  uint8_t mhash_[32];
};

TEST_F(CryptoSignaturePss, HashLengthSaltWithSameHashMgfVerifies) {
  EXPECT_EQ(verify_em(encode(sha256(), 32)), MK_OK);
}

TEST_F(CryptoSignaturePss, OtherSaltLengthsAreRefused) {
  EXPECT_EQ(verify_em(encode(sha256(), 0)), MK_ERR_DECRYPT_ERROR);
  EXPECT_EQ(verify_em(encode(sha256(), 20)), MK_ERR_DECRYPT_ERROR);
  EXPECT_EQ(verify_em(encode(sha256(), 31)), MK_ERR_DECRYPT_ERROR);
  EXPECT_EQ(verify_em(encode(sha256(), 33)), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignaturePss, MgfWithAnotherHashIsRefused) {
  EXPECT_EQ(verify_em(encode(sha384(), 32)), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignaturePss, WrongTrailerIsRefused) {
  Bytes em = encode(sha256(), 32);
  em.back() = 0xbd;
  EXPECT_EQ(verify_em(em), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignaturePss, NonZeroPaddingIsRefused) {
  // The first octet of DB is PS padding: flipping a low bit of maskedDB there
  // flips it in DB too.
  Bytes em = encode(sha256(), 32);
  em[1] ^= 0x01;
  EXPECT_EQ(verify_em(em), MK_ERR_DECRYPT_ERROR);
}

TEST_F(CryptoSignaturePss, EncodingWithoutRoomForHashAndSaltIsRefused) {
  Bytes em(65);
  EXPECT_EQ(emsa_pss_encode(sha256(), sha256(), ByteView(mhash_, 32), Bytes(32, 0), 65 * 8, em),
            MK_ERR_INVALID_ARGUMENT);
}

// ---- RSA keys and signature values ----------------------------------------------------------

TEST(CryptoSignatureRsaKey, RsaBitsIsTheModulusLength) {
  EXPECT_EQ(test_public_key(TestKey::rsa_2048).rsa_bits(), 2048u);
  EXPECT_EQ(test_public_key(TestKey::rsa_4096).rsa_bits(), 4096u);
  EXPECT_EQ(test_public_key(TestKey::ecdsa_p256).rsa_bits(), 0u);
}

TEST(CryptoSignatureRsaKey, RsaBitsIgnoresLeadingZeroBytes) {
  PublicKey key = test_public_key(TestKey::rsa_2048);
  std::copy_backward(key.n, key.n + key.n_len, key.n + key.n_len + 1);
  key.n[0] = 0;
  key.n_len += 1;
  EXPECT_EQ(key.rsa_bits(), 2048u);
}

TEST(CryptoSignatureRsaKey, ModulusBelow1024BitsIsNotUsable) {
  PublicKey key = test_public_key(TestKey::rsa_2048);
  key.n_len = 127;  // an odd 1016-bit modulus
  key.n[126] |= 1;
  EXPECT_EQ(verify(kRsaPkcs1Sha256, key, kMessage, Bytes(127, 1)), MK_ERR_NO_COMMON_SIGNATURE);
}

TEST(CryptoSignatureRsaKey, ExponentOneOrEvenIsNotUsable) {
  PublicKey key = test_public_key(TestKey::rsa_2048);
  const Bytes sig = from_hex(kRsa2048Pkcs1Sha256OfMeerkat);
  key.e[0] = 1;
  key.e_len = 1;
  EXPECT_EQ(verify(kRsaPkcs1Sha256, key, kMessage, sig), MK_ERR_NO_COMMON_SIGNATURE);
  key.e[0] = 4;
  EXPECT_EQ(verify(kRsaPkcs1Sha256, key, kMessage, sig), MK_ERR_NO_COMMON_SIGNATURE);
}

TEST(CryptoSignatureRsaKey, SignatureOfAnotherLengthThanTheModulusIsRefused) {
  const PublicKey key = test_public_key(TestKey::rsa_2048);
  const Bytes sig = from_hex(kRsa2048Pkcs1Sha256OfMeerkat);
  EXPECT_EQ(verify(kRsaPkcs1Sha256, key, kMessage, concat({{0x00}, sig})), MK_ERR_DECRYPT_ERROR);
  EXPECT_EQ(verify(kRsaPkcs1Sha256, key, kMessage, Bytes(sig.begin() + 1, sig.end())),
            MK_ERR_DECRYPT_ERROR);
}

TEST(CryptoSignatureRsaKey, SignatureValueNotBelowTheModulusIsRefused) {
  const PublicKey key = test_public_key(TestKey::rsa_2048);
  EXPECT_EQ(verify(kRsaPkcs1Sha256, key, kMessage, Bytes(key.n, key.n + key.n_len)),
            MK_ERR_DECRYPT_ERROR);
  EXPECT_EQ(verify(kRsaPkcs1Sha256, key, kMessage, Bytes(key.n_len, 0xff)), MK_ERR_DECRYPT_ERROR);
}

// ---- EC public keys ----------------------------------------------------------------------------

TEST(CryptoSignatureEcKey, PublicKeyFromPrivateMatchesTheKeyFiles) {
  for (TestKey which : {TestKey::ecdsa_p256, TestKey::ecdsa_p384}) {
    PrivateKey key;
    load_test_key(which, key);
    PublicKey pub;
    ASSERT_EQ(ec_public_from_private(key, pub), MK_OK);
    EXPECT_EQ(to_hex(ByteView(pub.point, pub.point_len)),
              to_hex(ByteView(key.pub.point, key.pub.point_len)))
        << test::test_key_dir(which);
  }
}

TEST(CryptoSignatureEcKey, ScalarOneGivesTheGenerator) {
  PrivateKey key;
  set_ec_private(Curve::p256, "01", key);
  PublicKey pub;
  ASSERT_EQ(ec_public_from_private(key, pub), MK_OK);
  EXPECT_EQ(to_hex(ByteView(pub.point, pub.point_len)),
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8e"
            "e7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");
}

TEST(CryptoSignatureEcKey, ScalarsOutsideOneToOrderMinusOneAreRefused) {
  PrivateKey zero, order;
  set_ec_private(Curve::p256, "00", zero);
  set_ec_private(Curve::p256, kP256Order, order);
  PublicKey pub;
  EXPECT_EQ(ec_public_from_private(zero, pub), MK_ERR_KEY_PARSE);
  EXPECT_EQ(ec_public_from_private(order, pub), MK_ERR_KEY_PARSE);
}

TEST(CryptoSignatureEcKey, P521AndRsaKeysHaveNoEcPublicKey) {
  PrivateKey p521, rsa;
  set_ec_private(Curve::p521, "01", p521);
  load_test_key(TestKey::rsa_2048, rsa);
  PublicKey pub;
  EXPECT_EQ(ec_public_from_private(p521, pub), MK_ERR_KEY_UNSUPPORTED);
  EXPECT_EQ(ec_public_from_private(rsa, pub), MK_ERR_KEY_UNSUPPORTED);
}

// ---- key generation ----------------------------------------------------------------------------

TEST(CryptoSignatureKeyGen, GeneratedEcKeySignsAndVerifies) {
  PrivateKey key;
  test::FixedRng rng(3);
  ASSERT_EQ(generate_ec_key(Curve::p384, rng, key), MK_OK);
  EXPECT_EQ(key.x_len, 48u);
  EXPECT_EQ(key.pub.point_len, 97u);
  const Bytes sig = sign_bytes(kEcdsaSecp384r1Sha384, key, kMessage);
  EXPECT_EQ(verify(kEcdsaSecp384r1Sha384, key.pub, kMessage, sig), MK_OK);
}

TEST(CryptoSignatureKeyGen, SameRngStreamGivesTheSameEcKey) {
  PrivateKey a, b;
  test::FixedRng rng_a(7), rng_b(7);
  ASSERT_EQ(generate_ec_key(Curve::p256, rng_a, a), MK_OK);
  ASSERT_EQ(generate_ec_key(Curve::p256, rng_b, b), MK_OK);
  EXPECT_EQ(to_hex(ByteView(a.x, a.x_len)), to_hex(ByteView(b.x, b.x_len)));
}

TEST(CryptoSignatureKeyGen, EcKeyGenerationRefusesP521AndPropagatesRngFailure) {
  PrivateKey key;
  test::FailingRng failing;
  EXPECT_EQ(generate_ec_key(Curve::p521, system_rng(), key), MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(generate_ec_key(Curve::p256, failing, key), MK_ERR_RANDOM);
  EXPECT_EQ(key.type, KeyType::none);
}

TEST(CryptoSignatureKeyGen, GeneratedRsaKeyHasTheSizeAndExponentAskedFor) {
  PrivateKey key;
  test::FixedRng rng(11);
  ASSERT_EQ(generate_rsa_key(2048, rng, key), MK_OK);
  EXPECT_EQ(key.n_bits, 2048u);
  EXPECT_EQ(key.pub.rsa_bits(), 2048u);
  EXPECT_EQ(to_hex(ByteView(key.pub.e, key.pub.e_len)), "010001");
  const Bytes sig = sign_bytes(kRsaPssRsaeSha256, key, kMessage);
  EXPECT_EQ(verify(kRsaPssRsaeSha256, key.pub, kMessage, sig), MK_OK);
}

TEST(CryptoSignatureKeyGen, RsaKeyGenerationRefusesSizesOutside2048To4096) {
  PrivateKey key;
  EXPECT_EQ(generate_rsa_key(1024, system_rng(), key), MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(generate_rsa_key(4104, system_rng(), key), MK_ERR_INVALID_ARGUMENT);
}

TEST(CryptoSignatureKeyGen, RsaKeyGenerationPropagatesRngFailure) {
  PrivateKey key;
  test::FailingRng failing;
  EXPECT_EQ(generate_rsa_key(2048, failing, key), MK_ERR_RANDOM);
  EXPECT_EQ(key.type, KeyType::none);
}

}  // namespace
}  // namespace mk::crypto
