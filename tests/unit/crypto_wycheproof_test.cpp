// Wycheproof vectors against the provider's public API, one test per file. See
// tests/support/wycheproof.h for how verdicts are scored.
#include <gtest/gtest.h>

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
