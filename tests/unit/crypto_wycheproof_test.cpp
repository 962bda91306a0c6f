// Wycheproof vectors against the provider's public API, one test per file. See
// tests/support/wycheproof.h for how verdicts are scored.
#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/provider.h"
#include "testdata.h"
#include "wycheproof.h"

namespace mk::crypto {
namespace {

using test::Bytes;
using test::hex_field;
using test::Json;
using test::WycheproofRun;

// ---- AEAD ---------------------------------------------------------------------

void run_aead(const Json& doc, const AeadAlg* (*alg_for_key_bits)(long long), WycheproofRun& run) {
  for (const Json& group : doc["testGroups"].items()) {
    const AeadAlg* alg = alg_for_key_bits(group["keySize"].integer());
    // TLS uses 96-bit nonces and full 128-bit tags only.
    if (!alg || group["ivSize"].integer() != 96 || group["tagSize"].integer() != 128) {
      run.skip(group["tests"].size());
      continue;
    }
    for (const Json& t : group["tests"].items()) {
      Bytes key = hex_field(t, "key"), iv = hex_field(t, "iv"), aad = hex_field(t, "aad");
      Bytes msg = hex_field(t, "msg"), ct = hex_field(t, "ct"), tag = hex_field(t, "tag");
      AeadKey k;
      k.set(*alg, key);
      Bytes opened = ct;
      bool accepted = k.open(iv, aad, opened, tag);
      bool output_ok = opened == msg;
      if (t["result"].str() == "valid") {
        // Sealing must reproduce the vector exactly too.
        Bytes sealed = msg;
        uint8_t sealed_tag[kAeadTagLen];
        k.seal(iv, aad, sealed, ByteSpan(sealed_tag));
        output_ok = output_ok && sealed == ct && Bytes(sealed_tag, sealed_tag + 16) == tag;
      }
      run.record(t, accepted, output_ok);
    }
  }
}

TEST(CryptoWycheproof, AesGcm) {
  MK_REQUIRE_SHARED(path, "wycheproof/aes_gcm_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_aead(
      *doc,
      [](long long bits) -> const AeadAlg* {
        return bits == 128 ? &aes128_gcm() : bits == 256 ? &aes256_gcm() : nullptr;
      },
      run);
  run.finish("aes_gcm");
}

TEST(CryptoWycheproof, ChaCha20Poly1305) {
  MK_REQUIRE_SHARED(path, "wycheproof/chacha20_poly1305_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_aead(
      *doc,
      [](long long bits) -> const AeadAlg* { return bits == 256 ? &chacha20_poly1305() : nullptr; },
      run);
  run.finish("chacha20_poly1305");
}

// ---- HMAC and HKDF --------------------------------------------------------------

void run_hmac(const Json& doc, const HashAlg& alg, WycheproofRun& run) {
  for (const Json& group : doc["testGroups"].items()) {
    // Truncated tags are not something TLS uses.
    if (static_cast<size_t>(group["tagSize"].integer()) != alg.out_len * 8) {
      run.skip(group["tests"].size());
      continue;
    }
    for (const Json& t : group["tests"].items()) {
      Bytes key = hex_field(t, "key"), msg = hex_field(t, "msg"), tag = hex_field(t, "tag");
      uint8_t out[kMaxHashLen];
      size_t n = hmac(alg, key, msg, ByteSpan(out));
      run.record(t, ct_equal(ByteView(out, n), tag));
    }
  }
}

TEST(CryptoWycheproof, HmacSha256) {
  MK_REQUIRE_SHARED(path, "wycheproof/hmac_sha256_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_hmac(*doc, sha256(), run);
  run.finish("hmac_sha256");
}

TEST(CryptoWycheproof, HmacSha384) {
  MK_REQUIRE_SHARED(path, "wycheproof/hmac_sha384_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_hmac(*doc, sha384(), run);
  run.finish("hmac_sha384");
}

void run_hkdf(const Json& doc, const HashAlg& alg, WycheproofRun& run) {
  for (const Json& group : doc["testGroups"].items()) {
    for (const Json& t : group["tests"].items()) {
      Bytes ikm = hex_field(t, "ikm"), salt = hex_field(t, "salt"), info = hex_field(t, "info");
      Bytes okm = hex_field(t, "okm");
      uint8_t prk[kMaxHashLen];
      hkdf_extract(alg, salt, ikm, ByteSpan(prk, alg.out_len));
      Bytes out(static_cast<size_t>(t["size"].integer()));
      Err e = hkdf_expand(alg, ByteView(prk, alg.out_len), info, out);
      run.record(t, e == MK_OK, out == okm);
    }
  }
}

TEST(CryptoWycheproof, HkdfSha256) {
  MK_REQUIRE_SHARED(path, "wycheproof/hkdf_sha256_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_hkdf(*doc, sha256(), run);
  run.finish("hkdf_sha256");
}

TEST(CryptoWycheproof, HkdfSha384) {
  MK_REQUIRE_SHARED(path, "wycheproof/hkdf_sha384_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_hkdf(*doc, sha384(), run);
  run.finish("hkdf_sha384");
}

}  // namespace
}  // namespace mk::crypto

// ---- key exchange -----------------------------------------------------------------

namespace mk::crypto {
namespace {

// Wycheproof writes scalars as ASN.1-style integers: strip a sign byte, then
// left-pad to the group's length.
Bytes fixed_width_scalar(const Bytes& in, size_t len) {
  size_t skip = 0;
  while (in.size() - skip > len && in[skip] == 0) ++skip;
  Bytes out(len > in.size() - skip ? len - (in.size() - skip) : 0, 0);
  out.insert(out.end(), in.begin() + static_cast<long>(skip), in.end());
  return out;
}

void run_ecdh(const Json& doc, const KxGroup& group, WycheproofRun& run) {
  for (const Json& group_json : doc["testGroups"].items()) {
    for (const Json& t : group_json["tests"].items()) {
      Bytes priv = fixed_width_scalar(hex_field(t, "private"), group.private_len);
      Bytes shared = hex_field(t, "shared");
      KeyShare k;
      if (k.set_private(group, priv) != MK_OK) {
        ADD_FAILURE() << "tcId " << t["tcId"].integer() << ": private key refused";
        continue;
      }
      uint8_t out[kMaxSharedSecretLen];
      Err e = k.derive(hex_field(t, "public"), ByteSpan(out));
      bool accepted = e == MK_OK;
      if (!accepted) {
        EXPECT_EQ(e, MK_ERR_BAD_KEY_SHARE) << "tcId " << t["tcId"].integer();
      }
      bool output_ok = accepted && Bytes(out, out + group.shared_len) == shared;
      if (test::has_flag(t, "ZeroSharedSecret")) {
        run.record_must_reject(t, accepted);
      } else {
        run.record(t, accepted, output_ok);
      }
    }
  }
}

TEST(CryptoWycheproof, X25519) {
  MK_REQUIRE_SHARED(path, "wycheproof/x25519_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_ecdh(*doc, *kx_group(kGroupX25519), run);
  EXPECT_EQ(run.count_flag_rejected("ZeroSharedSecret"), 31u);
  run.finish("x25519");
}

TEST(CryptoWycheproof, EcdhSecp256r1Ecpoint) {
  MK_REQUIRE_SHARED(path, "wycheproof/ecdh_secp256r1_ecpoint_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_ecdh(*doc, *kx_group(kGroupSecp256r1), run);
  EXPECT_EQ(run.count_flag_rejected("InvalidCurveAttack"), 16u);  // off-curve points
  EXPECT_EQ(run.count_flag_rejected("CompressedPoint"), 8u);
  run.finish("ecdh_secp256r1_ecpoint");
}

TEST(CryptoWycheproof, EcdhSecp384r1Ecpoint) {
  MK_REQUIRE_SHARED(path, "wycheproof/ecdh_secp384r1_ecpoint_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_ecdh(*doc, *kx_group(kGroupSecp384r1), run);
  EXPECT_EQ(run.count_flag_rejected("InvalidCurveAttack"), 16u);  // off-curve points
  EXPECT_EQ(run.count_flag_rejected("CompressedPoint"), 2u);
  run.finish("ecdh_secp384r1_ecpoint");
}

}  // namespace
}  // namespace mk::crypto

// ---- signatures -------------------------------------------------------------------

namespace mk::crypto {
namespace {

// Wycheproof writes key integers ASN.1-style, with a sign byte where the top bit is
// set; PublicKey holds them without leading zeros.
Bytes without_leading_zeros(const Bytes& in) {
  size_t skip = 0;
  while (skip + 1 < in.size() && in[skip] == 0) ++skip;
  return Bytes(in.begin() + static_cast<long>(skip), in.end());
}

PublicKey ec_public_key(const Json& group, Curve curve) {
  PublicKey key;
  key.type = KeyType::ec;
  key.curve = curve;
  const Bytes point = test::from_hex(group["publicKey"]["uncompressed"].str());
  EXPECT_LE(point.size(), sizeof key.point);
  key.point_len = std::min(point.size(), sizeof key.point);
  std::copy_n(point.begin(), key.point_len, key.point);
  return key;
}

PublicKey rsa_public_key(const Json& group) {
  PublicKey key;
  key.type = KeyType::rsa;
  const Bytes n = without_leading_zeros(test::from_hex(group["publicKey"]["modulus"].str()));
  const Bytes e = without_leading_zeros(test::from_hex(group["publicKey"]["publicExponent"].str()));
  EXPECT_LE(n.size(), sizeof key.n);
  EXPECT_LE(e.size(), sizeof key.e);
  key.n_len = std::min(n.size(), sizeof key.n);
  key.e_len = std::min(e.size(), sizeof key.e);
  std::copy_n(n.begin(), key.n_len, key.n);
  std::copy_n(e.begin(), key.e_len, key.e);
  return key;
}

// Verify one vector and record it; every refusal must be a signature mismatch.
void record_verify(WycheproofRun& run, const Json& t, uint16_t scheme, const PublicKey& key) {
  const Err e = verify(scheme, key, hex_field(t, "msg"), hex_field(t, "sig"));
  if (e != MK_OK) {
    EXPECT_EQ(e, MK_ERR_DECRYPT_ERROR) << "tcId " << t["tcId"].integer();
  }
  run.record(t, e == MK_OK);
}

// TLS pairs each curve with one hash; other pairings are the certificate-only
// kEcdsaSha*AnyCurve schemes, which these files do not exercise.
void run_ecdsa(const Json& doc, WycheproofRun& run) {
  for (const Json& group : doc["testGroups"].items()) {
    const std::string& curve = group["publicKey"]["curve"].str();
    const std::string& sha = group["sha"].str();
    const bool p256 = curve == "secp256r1" && sha == "SHA-256";
    const bool p384 = curve == "secp384r1" && sha == "SHA-384";
    if (!p256 && !p384) {
      run.skip(group["tests"].size());
      continue;
    }
    const PublicKey key = ec_public_key(group, p256 ? Curve::p256 : Curve::p384);
    const uint16_t scheme = p256 ? kEcdsaSecp256r1Sha256 : kEcdsaSecp384r1Sha384;
    for (const Json& t : group["tests"].items()) record_verify(run, t, scheme, key);
  }
}

struct HashName {
  const char* name;
  uint16_t pkcs1, pss_rsae, pss_pss;
  size_t len;
};

const HashName* hash_named(const std::string& name) {
  static const HashName kHashes[] = {
      {"SHA-256", kRsaPkcs1Sha256, kRsaPssRsaeSha256, kRsaPssPssSha256, 32},
      {"SHA-384", kRsaPkcs1Sha384, kRsaPssRsaeSha384, kRsaPssPssSha384, 48},
      {"SHA-512", kRsaPkcs1Sha512, kRsaPssRsaeSha512, kRsaPssPssSha512, 64},
  };
  for (const HashName& h : kHashes)
    if (name == h.name) return &h;
  return nullptr;
}

void run_rsa_pkcs1(const Json& doc, WycheproofRun& run) {
  for (const Json& group : doc["testGroups"].items()) {
    const HashName* hash = hash_named(group["sha"].str());
    if (!hash) {
      run.skip(group["tests"].size());
      continue;
    }
    const PublicKey key = rsa_public_key(group);
    for (const Json& t : group["tests"].items()) record_verify(run, t, hash->pkcs1, key);
  }
}

// TLS's RSA-PSS: MGF1 with the message hash and a salt as long as the hash. Other
// parameter sets cannot be asked for through a SignatureScheme, so they are skipped.
void run_rsa_pss(const Json& doc, WycheproofRun& run) {
  for (const Json& group : doc["testGroups"].items()) {
    const HashName* hash = hash_named(group["sha"].str());
    if (!hash || group["mgf"].str() != "MGF1" || group["mgfSha"].str() != group["sha"].str() ||
        static_cast<size_t>(group["sLen"].integer()) != hash->len) {
      run.skip(group["tests"].size());
      continue;
    }
    const PublicKey key = rsa_public_key(group);
    for (const Json& t : group["tests"].items()) {
      record_verify(run, t, hash->pss_rsae, key);
      // rsa_pss_pss_* differs only in the certificate's key OID: same verdict.
      EXPECT_EQ(verify(hash->pss_pss, key, hex_field(t, "msg"), hex_field(t, "sig")),
                verify(hash->pss_rsae, key, hex_field(t, "msg"), hex_field(t, "sig")))
          << "tcId " << t["tcId"].integer();
    }
  }
}

// What each signature file must score: the counts finish() prints. DER refusals
// count the vectors flagged BerEncodedSignature, InvalidEncoding or MissingZero;
// BearSSL only ever sees raw r and s, so those are our strict DER reader's.
struct SignatureFile {
  const char* name;  // wycheproof/<name>_test.json
  void (*run)(const Json& doc, WycheproofRun& run);
  size_t valid, invalid, acceptable_rejected, skipped, der_rejected;
};

class CryptoWycheproofSignature : public ::testing::TestWithParam<SignatureFile> {};

TEST_P(CryptoWycheproofSignature, EveryApplicableVectorGetsItsVerdict) {
  const SignatureFile& file = GetParam();
  MK_REQUIRE_SHARED(path, std::string("wycheproof/") + file.name + "_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  file.run(*doc, run);
  run.finish(file.name);
  EXPECT_EQ(run.valid(), file.valid);
  EXPECT_EQ(run.invalid(), file.invalid);
  EXPECT_EQ(run.acceptable_accepted(), 0u);
  EXPECT_EQ(run.acceptable_rejected(), file.acceptable_rejected);
  EXPECT_EQ(run.skipped(), file.skipped);
  EXPECT_EQ(run.count_flag_rejected("BerEncodedSignature") +
                run.count_flag_rejected("InvalidEncoding") + run.count_flag_rejected("MissingZero"),
            file.der_rejected);
}

INSTANTIATE_TEST_SUITE_P(
    Files, CryptoWycheproofSignature,
    ::testing::Values(
        SignatureFile{"ecdsa_secp256r1_sha256", run_ecdsa, 174, 310, 0, 0, 7 + 92 + 1},
        SignatureFile{"ecdsa_secp384r1_sha384", run_ecdsa, 194, 310, 0, 0, 7 + 92 + 1},
        // The one acceptable vector in each PKCS#1 file leaves out the NULL hash
        // parameters; we accept only the encoding RFC 8017 9.2 builds.
        SignatureFile{"rsa_signature_2048_sha256", run_rsa_pkcs1, 9, 249, 1, 0, 0},
        SignatureFile{"rsa_signature_2048_sha384", run_rsa_pkcs1, 7, 250, 1, 0, 0},
        SignatureFile{"rsa_signature_3072_sha256", run_rsa_pkcs1, 8, 250, 1, 0, 0},
        SignatureFile{"rsa_pss_2048_sha256_mgf1_32", run_rsa_pss, 63, 45, 0, 0, 0},
        SignatureFile{"rsa_pss_2048_sha384_mgf1_48", run_rsa_pss, 95, 46, 0, 0, 0},
        SignatureFile{"rsa_pss_3072_sha256_mgf1_32", run_rsa_pss, 63, 45, 0, 0, 0},
        SignatureFile{"rsa_pss_4096_sha512_mgf1_64", run_rsa_pss, 132, 47, 0, 0, 0},
        // 150 parameter sets, of which SHA-256/384/512 with a same-hash MGF1 and a
        // salt as long as the hash are the three TLS can name.
        SignatureFile{"rsa_pss_misc", run_rsa_pss, 3, 0, 0, 147, 0}),
    [](const ::testing::TestParamInfo<SignatureFile>& info) {
      return std::string(info.param.name);
    });

}  // namespace
}  // namespace mk::crypto
