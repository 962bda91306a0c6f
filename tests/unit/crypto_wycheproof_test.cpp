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

void run_ecdsa(const Json& doc, Curve curve, uint16_t scheme, WycheproofRun& run) {
  for (const Json& group : doc["testGroups"].items()) {
    const PublicKey key = ec_public_key(group, curve);
    for (const Json& t : group["tests"].items()) record_verify(run, t, scheme, key);
  }
}

TEST(CryptoWycheproof, EcdsaSecp256r1Sha256) {
  MK_REQUIRE_SHARED(path, "wycheproof/ecdsa_secp256r1_sha256_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_ecdsa(*doc, Curve::p256, kEcdsaSecp256r1Sha256, run);
  run.finish("ecdsa_secp256r1_sha256");
  EXPECT_EQ(run.valid(), 174u);
  EXPECT_EQ(run.invalid(), 310u);
  // BearSSL only ever sees raw r and s: these refusals are our strict DER reader's.
  EXPECT_EQ(run.count_flag_rejected("BerEncodedSignature"), 7u);
  EXPECT_EQ(run.count_flag_rejected("InvalidEncoding"), 92u);
  EXPECT_EQ(run.count_flag_rejected("MissingZero"), 1u);
}

TEST(CryptoWycheproof, EcdsaSecp384r1Sha384) {
  MK_REQUIRE_SHARED(path, "wycheproof/ecdsa_secp384r1_sha384_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_ecdsa(*doc, Curve::p384, kEcdsaSecp384r1Sha384, run);
  run.finish("ecdsa_secp384r1_sha384");
  EXPECT_EQ(run.valid(), 194u);
  EXPECT_EQ(run.invalid(), 310u);
  // BearSSL only ever sees raw r and s: these refusals are our strict DER reader's.
  EXPECT_EQ(run.count_flag_rejected("BerEncodedSignature"), 7u);
  EXPECT_EQ(run.count_flag_rejected("InvalidEncoding"), 92u);
  EXPECT_EQ(run.count_flag_rejected("MissingZero"), 1u);
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

TEST(CryptoWycheproof, RsaPkcs1_2048Sha256) {
  MK_REQUIRE_SHARED(path, "wycheproof/rsa_signature_2048_sha256_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_rsa_pkcs1(*doc, run);
  run.finish("rsa_signature_2048_sha256");
  EXPECT_EQ(run.valid(), 9u);
  EXPECT_EQ(run.invalid(), 249u);
  EXPECT_EQ(run.acceptable_rejected(), 1u);  // the DigestInfo without NULL parameters
}

TEST(CryptoWycheproof, RsaPkcs1_2048Sha384) {
  MK_REQUIRE_SHARED(path, "wycheproof/rsa_signature_2048_sha384_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_rsa_pkcs1(*doc, run);
  run.finish("rsa_signature_2048_sha384");
  EXPECT_EQ(run.valid(), 7u);
  EXPECT_EQ(run.invalid(), 250u);
  EXPECT_EQ(run.acceptable_rejected(), 1u);
}

TEST(CryptoWycheproof, RsaPkcs1_3072Sha256) {
  MK_REQUIRE_SHARED(path, "wycheproof/rsa_signature_3072_sha256_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_rsa_pkcs1(*doc, run);
  run.finish("rsa_signature_3072_sha256");
  EXPECT_EQ(run.valid(), 8u);
  EXPECT_EQ(run.invalid(), 250u);
  EXPECT_EQ(run.acceptable_rejected(), 1u);
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

TEST(CryptoWycheproof, RsaPss2048Sha256Mgf1_32) {
  MK_REQUIRE_SHARED(path, "wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_rsa_pss(*doc, run);
  run.finish("rsa_pss_2048_sha256_mgf1_32");
  EXPECT_EQ(run.valid(), 63u);
  EXPECT_EQ(run.invalid(), 45u);
}

TEST(CryptoWycheproof, RsaPss2048Sha384Mgf1_48) {
  MK_REQUIRE_SHARED(path, "wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_rsa_pss(*doc, run);
  run.finish("rsa_pss_2048_sha384_mgf1_48");
  EXPECT_EQ(run.valid(), 95u);
  EXPECT_EQ(run.invalid(), 46u);
}

TEST(CryptoWycheproof, RsaPss3072Sha256Mgf1_32) {
  MK_REQUIRE_SHARED(path, "wycheproof/rsa_pss_3072_sha256_mgf1_32_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_rsa_pss(*doc, run);
  run.finish("rsa_pss_3072_sha256_mgf1_32");
  EXPECT_EQ(run.valid(), 63u);
  EXPECT_EQ(run.invalid(), 45u);
}

TEST(CryptoWycheproof, RsaPss4096Sha512Mgf1_64) {
  MK_REQUIRE_SHARED(path, "wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_rsa_pss(*doc, run);
  run.finish("rsa_pss_4096_sha512_mgf1_64");
  EXPECT_EQ(run.valid(), 132u);
  EXPECT_EQ(run.invalid(), 47u);
}

TEST(CryptoWycheproof, RsaPssMisc) {
  MK_REQUIRE_SHARED(path, "wycheproof/rsa_pss_misc_test.json");
  auto doc = WycheproofRun::load(path);
  ASSERT_TRUE(doc);
  WycheproofRun run;
  run_rsa_pss(*doc, run);
  run.finish("rsa_pss_misc");
  // Of 150 parameter sets, SHA-256/384/512 with a same-hash MGF1 and a salt as long
  // as the hash are the three TLS uses.
  EXPECT_EQ(run.valid(), 3u);
  EXPECT_EQ(run.skipped(), 147u);
}

}  // namespace
}  // namespace mk::crypto
