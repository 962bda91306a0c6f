#include "scenario.h"

#include "meerkat/meerkat.h"

namespace mk::bench {
namespace {

// TLS SignatureScheme code points (RFC 8446 4.2.3).
constexpr uint16_t kEcdsaP256Sha256 = 0x0403;
constexpr uint16_t kRsaPssRsaeSha256 = 0x0804;
constexpr uint16_t kRsaPkcs1Sha256 = 0x0401;

}  // namespace

std::string source_path(const std::string& relative) {
  return std::string(MEERKAT_SOURCE_DIR) + "/" + relative;
}

std::vector<Scenario> handshake_scenarios() {
  std::string ec = source_path("tests/data/certs/ecdsa-p256");
  std::string rsa = source_path("tests/data/certs/rsa-2048");
  return {
      {"ECDSA P-256 + X25519", ec, MK_GROUP_X25519, MK_TLS_AES_128_GCM_SHA256, kEcdsaP256Sha256,
       kEcdsaP256Sha256},
      {"ECDSA P-256 + P-256", ec, MK_GROUP_SECP256R1, MK_TLS_AES_128_GCM_SHA256, kEcdsaP256Sha256,
       kEcdsaP256Sha256},
      {"RSA-2048 + X25519", rsa, MK_GROUP_X25519, MK_TLS_AES_128_GCM_SHA256, kRsaPssRsaeSha256,
       kRsaPkcs1Sha256},
  };
}

const char* openssl_group_name(uint16_t group) {
  switch (group) {
    case MK_GROUP_X25519:
      return "X25519";
    case MK_GROUP_SECP256R1:
      return "P-256";
    case MK_GROUP_SECP384R1:
      return "P-384";
  }
  return "";
}

const char* suite_name(uint16_t suite) {
  switch (suite) {
    case MK_TLS_AES_128_GCM_SHA256:
      return "TLS_AES_128_GCM_SHA256";
    case MK_TLS_AES_256_GCM_SHA384:
      return "TLS_AES_256_GCM_SHA384";
    case MK_TLS_CHACHA20_POLY1305_SHA256:
      return "TLS_CHACHA20_POLY1305_SHA256";
  }
  return "";
}

}  // namespace mk::bench
