#include "x509/signature_algorithm.h"

#include "crypto/provider.h"
#include "x509/der.h"
#include "x509/oid.h"

namespace mk::x509 {
namespace {

struct Known {
  const uint8_t* oid;
  size_t oid_len;
  uint16_t scheme;  // 0: refused as weak
  bool null_params;
  const char* name;
};

template <size_t N>
constexpr Known known(const uint8_t (&id)[N], uint16_t scheme, bool null_params, const char* name) {
  return {id, N, scheme, null_params, name};
}

constexpr uint8_t kMd2WithRsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x02};
constexpr uint8_t kMd4WithRsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x03};
constexpr uint8_t kMd5WithRsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04};
constexpr uint8_t kSha1WithRsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05};
constexpr uint8_t kSha224WithRsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0e};

constexpr Known kKnown[] = {
    known(oid::kEcdsaWithSha256, crypto::kEcdsaSha256AnyCurve, false, "ecdsa-with-SHA256"),
    known(oid::kEcdsaWithSha384, crypto::kEcdsaSha384AnyCurve, false, "ecdsa-with-SHA384"),
    known(oid::kEcdsaWithSha512, crypto::kEcdsaSha512AnyCurve, false, "ecdsa-with-SHA512"),
    known(oid::kSha256WithRsa, crypto::kRsaPkcs1Sha256, true, "sha256WithRSAEncryption"),
    known(oid::kSha384WithRsa, crypto::kRsaPkcs1Sha384, true, "sha384WithRSAEncryption"),
    known(oid::kSha512WithRsa, crypto::kRsaPkcs1Sha512, true, "sha512WithRSAEncryption"),
    known(kMd2WithRsa, 0, true, "md2WithRSAEncryption"),
    known(kMd4WithRsa, 0, true, "md4WithRSAEncryption"),
    known(kMd5WithRsa, 0, true, "md5WithRSAEncryption"),
    known(kSha1WithRsa, 0, true, "sha1WithRSAEncryption"),
    known(kSha224WithRsa, 0, true, "sha224WithRSAEncryption"),
    known(oid::kEcdsaWithSha1, 0, false, "ecdsa-with-SHA1"),
    known(oid::kEcdsaWithSha224, 0, false, "ecdsa-with-SHA224"),
    known(oid::kDsaWithSha1, 0, false, "dsa-with-SHA1"),
};

// A hash AlgorithmIdentifier inside RSA-PSS parameters: SHA-256/384/512 with NULL
// or absent parameters (both are seen). Returns the hash length, 0 otherwise.
size_t pss_hash(der::Parser& p, ByteView& id) {
  der::Parser alg = p.nested(der::kSequence);
  id = alg.oid();
  if (alg.next_is(der::kNull)) alg.null();
  alg.expect_end();
  if (!alg.ok()) return 0;
  if (oid::is(id, oid::kSha256)) return 32;
  if (oid::is(id, oid::kSha384)) return 48;
  if (oid::is(id, oid::kSha512)) return 64;
  return 0;
}

// RFC 4055 RSASSA-PSS-params, restricted to the one shape worth accepting.
Err pss(der::Parser& alg, SignatureAlgorithm& out) {
  out.name = "RSASSA-PSS";
  der::Parser params = alg.nested(der::kSequence);
  alg.expect_end();
  // An absent hash or mask generation function means SHA-1, which is refused.
  if (!params.next_is(der::context_constructed(0)))
    return params.ok() ? MK_ERR_CERT_WEAK_SIGNATURE : MK_ERR_CERT_MALFORMED;
  der::Parser hash_field = params.nested(der::context_constructed(0));
  ByteView hash_id;
  size_t hash_len = pss_hash(hash_field, hash_id);
  hash_field.expect_end();
  if (!params.next_is(der::context_constructed(1)))
    return params.ok() ? MK_ERR_CERT_WEAK_SIGNATURE : MK_ERR_CERT_MALFORMED;
  der::Parser mgf_field = params.nested(der::context_constructed(1));
  der::Parser mgf = mgf_field.nested(der::kSequence);
  mgf_field.expect_end();
  ByteView mgf_id = mgf.oid();
  ByteView mgf_hash_id;
  size_t mgf_hash_len = pss_hash(mgf, mgf_hash_id);
  mgf.expect_end();
  // saltLength DEFAULT 20, which DER leaves out.
  int salt = 20;
  if (params.next_is(der::context_constructed(2))) {
    der::Parser salt_field = params.nested(der::context_constructed(2));
    salt = salt_field.small_unsigned();
    salt_field.expect_end();
  }
  // trailerField must be its DEFAULT (1), which DER leaves out.
  params.expect_end();
  if (!params.ok()) return MK_ERR_CERT_MALFORMED;
  if (hash_len == 0 || !oid::is(mgf_id, oid::kMgf1) || mgf_hash_len != hash_len ||
      !std::ranges::equal(mgf_hash_id, hash_id) || static_cast<size_t>(salt) != hash_len)
    return MK_ERR_CERT_UNSUPPORTED_SIGNATURE;
  out.scheme = hash_len == 32   ? crypto::kRsaPssRsaeSha256
               : hash_len == 48 ? crypto::kRsaPssRsaeSha384
                                : crypto::kRsaPssRsaeSha512;
  out.name = hash_len == 32   ? "RSASSA-PSS with SHA-256"
             : hash_len == 48 ? "RSASSA-PSS with SHA-384"
                              : "RSASSA-PSS with SHA-512";
  return MK_OK;
}

}  // namespace

Err parse_signature_algorithm(ByteView algorithm_identifier, SignatureAlgorithm& out) {
  out = SignatureAlgorithm{};
  der::Fault fault = der::Fault::none;
  der::Parser top(algorithm_identifier, fault);
  der::Parser alg = top.nested(der::kSequence);
  top.expect_end();
  ByteView id = alg.oid();
  if (!alg.ok()) return MK_ERR_CERT_MALFORMED;
  if (oid::is(id, oid::kRsaPss)) return pss(alg, out);
  for (const Known& k : kKnown) {
    if (!std::ranges::equal(id, ByteView(k.oid, k.oid_len))) continue;
    out.name = k.name;
    // RFC 4055 / RFC 5758: RSA algorithms carry NULL parameters, ECDSA none.
    if (k.null_params) alg.null();
    alg.expect_end();
    if (!alg.ok()) return MK_ERR_CERT_MALFORMED;
    if (k.scheme == 0) return MK_ERR_CERT_WEAK_SIGNATURE;
    out.scheme = k.scheme;
    return MK_OK;
  }
  return MK_ERR_CERT_UNSUPPORTED_SIGNATURE;
}

}  // namespace mk::x509
