#include "tls/names.h"

#include "crypto/provider.h"
#include "tls/cipher_suite.h"

namespace mk::tls {

const char* cipher_suite_name(uint16_t suite) {
  const CipherSuite* s = find_cipher_suite(suite);
  return s ? s->name : "unknown";
}

const char* group_name(uint16_t group) {
  const crypto::KxGroup* g = crypto::kx_group(group);
  return g ? g->name : "unknown";
}

const char* signature_scheme_name(uint16_t scheme) {
  switch (scheme) {
    case crypto::kRsaPkcs1Sha256:
      return "rsa_pkcs1_sha256";
    case crypto::kRsaPkcs1Sha384:
      return "rsa_pkcs1_sha384";
    case crypto::kRsaPkcs1Sha512:
      return "rsa_pkcs1_sha512";
    case crypto::kEcdsaSecp256r1Sha256:
      return "ecdsa_secp256r1_sha256";
    case crypto::kEcdsaSecp384r1Sha384:
      return "ecdsa_secp384r1_sha384";
    case crypto::kEcdsaSecp521r1Sha512:
      return "ecdsa_secp521r1_sha512";
    case crypto::kRsaPssRsaeSha256:
      return "rsa_pss_rsae_sha256";
    case crypto::kRsaPssRsaeSha384:
      return "rsa_pss_rsae_sha384";
    case crypto::kRsaPssRsaeSha512:
      return "rsa_pss_rsae_sha512";
    case crypto::kRsaPssPssSha256:
      return "rsa_pss_pss_sha256";
    case crypto::kRsaPssPssSha384:
      return "rsa_pss_pss_sha384";
    case crypto::kRsaPssPssSha512:
      return "rsa_pss_pss_sha512";
    default:
      return "unknown";
  }
}

}  // namespace mk::tls
