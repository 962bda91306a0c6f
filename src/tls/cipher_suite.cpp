#include "tls/cipher_suite.h"

#include "tls/features.h"

namespace mk::tls {
namespace {

constexpr uint16_t k13 = 0x0304;
constexpr uint16_t k12 = 0x0303;

// AES-128-GCM first: it is the suite every TLS 1.3 peer must implement (RFC 8446
// 9.1) and the fastest with AES-NI; ChaCha20 last, for CPUs without it.
constexpr CipherSuite kSuites[] = {
    {0x1301, "TLS_AES_128_GCM_SHA256", &crypto::aes128_gcm, &crypto::sha256, k13, SuiteAuth::any,
     12, 0},
    {0x1302, "TLS_AES_256_GCM_SHA384", &crypto::aes256_gcm, &crypto::sha384, k13, SuiteAuth::any,
     12, 0},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256", &crypto::chacha20_poly1305, &crypto::sha256, k13,
     SuiteAuth::any, 12, 0},
#if MEERKAT_ENABLE_TLS12
    {0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", &crypto::aes128_gcm, &crypto::sha256, k12,
     SuiteAuth::ecdsa, 4, 8},
    {0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", &crypto::aes128_gcm, &crypto::sha256, k12,
     SuiteAuth::rsa, 4, 8},
    {0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", &crypto::aes256_gcm, &crypto::sha384, k12,
     SuiteAuth::ecdsa, 4, 8},
    {0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", &crypto::aes256_gcm, &crypto::sha384, k12,
     SuiteAuth::rsa, 4, 8},
    {0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", &crypto::chacha20_poly1305,
     &crypto::sha256, k12, SuiteAuth::ecdsa, 12, 0},
    {0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", &crypto::chacha20_poly1305,
     &crypto::sha256, k12, SuiteAuth::rsa, 12, 0},
#endif
};

}  // namespace

std::span<const CipherSuite> all_cipher_suites() {
  return kSuites;
}

const CipherSuite* find_cipher_suite(uint16_t id) {
  for (const CipherSuite& s : kSuites)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace mk::tls
