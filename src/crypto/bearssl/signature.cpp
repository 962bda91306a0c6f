// The signature half of the provider: one dispatcher over the scheme table.
// ECDSA runs on BearSSL (ecdsa.cpp); both RSA paddings are ours, over raw RSA.
#include "crypto/bearssl/choice.h"
#include "crypto/bearssl/ecdsa.h"
#include "crypto/provider.h"
#include "crypto/rsa_pkcs1.h"
#include "crypto/rsa_pss.h"
#include "crypto/signature_scheme.h"

namespace mk::crypto {
namespace {

bool ecdsa_fits(const SignatureScheme& s, KeyType type, Curve curve) {
  return type == KeyType::ec && bearssl::ec_impl(curve) != nullptr &&
         (s.curve == Curve::none || s.curve == curve);
}

bool rsa_fits(const PrivateKey& key) {
  return key.type == KeyType::rsa && key.n_bits >= kMinRsaBits && key.n_bits <= kMaxRsaBits;
}

// RSASSA-PSS needs emLen >= hLen + sLen + 2 with sLen = hLen, emLen = ceil((modBits - 1) / 8).
bool pss_fits(const HashAlg& hash, unsigned mod_bits) {
  return (mod_bits - 1 + 7) / 8 >= 2 * hash.out_len + 2;
}

}  // namespace

Err verify_digest(uint16_t scheme, const PublicKey& key, ByteView digest, ByteView sig) {
  const SignatureScheme* s = signature_scheme(scheme);
  if (!s) return MK_ERR_NO_COMMON_SIGNATURE;
  const HashAlg& hash = *hash_by_id(s->hash);
  const bool fits = s->padding == SignaturePadding::ecdsa ? ecdsa_fits(*s, key.type, key.curve)
                                                          : key.type == KeyType::rsa;
  if (!fits) return MK_ERR_NO_COMMON_SIGNATURE;
  if (digest.size() != hash.out_len) return MK_ERR_INVALID_ARGUMENT;
  switch (s->padding) {
    case SignaturePadding::ecdsa:
      return bearssl::ecdsa_verify(key, digest, sig);
    case SignaturePadding::pkcs1:
      return rsassa_pkcs1_verify(hash, key, digest, sig);
    case SignaturePadding::pss:
      return rsassa_pss_verify(hash, key, digest, sig);
  }
  return MK_ERR_INTERNAL;
}

Err verify(uint16_t scheme, const PublicKey& key, ByteView msg, ByteView sig) {
  const SignatureScheme* s = signature_scheme(scheme);
  if (!s) return MK_ERR_NO_COMMON_SIGNATURE;
  uint8_t h[kMaxHashLen];
  const size_t h_len = digest(*hash_by_id(s->hash), msg, ByteSpan(h));
  return verify_digest(scheme, key, ByteView(h, h_len), sig);
}

bool can_sign(const PrivateKey& key, uint16_t scheme) {
  const SignatureScheme* s = signature_scheme(scheme);
  if (!s) return false;
  switch (s->padding) {
    case SignaturePadding::ecdsa:
      return ecdsa_fits(*s, key.type, key.curve) && key.x_len > 0;
    case SignaturePadding::pkcs1:
      return rsa_fits(key);
    case SignaturePadding::pss:
      return !s->pss_key && rsa_fits(key) && pss_fits(*hash_by_id(s->hash), key.n_bits);
  }
  return false;
}

Err sign(uint16_t scheme, const PrivateKey& key, ByteView msg, Rng& rng, ByteSpan sig,
         size_t* sig_len) {
  const SignatureScheme* s = signature_scheme(scheme);
  if (!s) return MK_ERR_NO_COMMON_SIGNATURE;
  uint8_t h[kMaxHashLen];
  const size_t h_len = digest(*hash_by_id(s->hash), msg, ByteSpan(h));
  return sign_digest(scheme, key, ByteView(h, h_len), rng, sig, sig_len);
}

Err sign_digest(uint16_t scheme, const PrivateKey& key, ByteView mhash, Rng& rng, ByteSpan sig,
                size_t* sig_len) {
  if (!sig_len) return MK_ERR_INVALID_ARGUMENT;
  *sig_len = 0;
  if (!can_sign(key, scheme)) return MK_ERR_NO_COMMON_SIGNATURE;
  const SignatureScheme& s = *signature_scheme(scheme);
  const HashAlg& hash = *hash_by_id(s.hash);
  if (mhash.size() != hash.out_len) return MK_ERR_INVALID_ARGUMENT;
  switch (s.padding) {
    case SignaturePadding::ecdsa:
      return bearssl::ecdsa_sign(key, hash, mhash, sig, sig_len);
    case SignaturePadding::pkcs1:
      return rsassa_pkcs1_sign(hash, key, mhash, sig, sig_len);
    case SignaturePadding::pss:
      return rsassa_pss_sign(hash, key, mhash, rng, sig, sig_len);
  }
  return MK_ERR_INTERNAL;
}

}  // namespace mk::crypto
