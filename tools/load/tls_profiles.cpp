#include "tls_profiles.h"

namespace mk::load {
namespace {

constexpr TlsProfile kProfiles[] = {
    {"TLS 1.3 AES-128-GCM x25519", MK_TLS_1_3, MK_TLS_AES_128_GCM_SHA256, MK_GROUP_X25519},
    {"TLS 1.3 AES-256-GCM P-256", MK_TLS_1_3, MK_TLS_AES_256_GCM_SHA384, MK_GROUP_SECP256R1},
    {"TLS 1.3 ChaCha20-Poly1305 x25519", MK_TLS_1_3, MK_TLS_CHACHA20_POLY1305_SHA256,
     MK_GROUP_X25519},
    {"TLS 1.2 ECDHE-ECDSA AES-128-GCM x25519", MK_TLS_1_2,
     MK_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, MK_GROUP_X25519},
    {"TLS 1.2 ECDHE-ECDSA ChaCha20-Poly1305 P-256", MK_TLS_1_2,
     MK_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, MK_GROUP_SECP256R1},
};

}  // namespace

std::span<const TlsProfile> tls_profiles() {
  return kProfiles;
}

std::vector<ConfigPtr> make_client_configs(const std::string& ca_file, std::string& error) {
  std::vector<ConfigPtr> configs;
  for (const TlsProfile& p : kProfiles) {
    ConfigPtr cfg(mk_config_new(MK_ROLE_CLIENT));
    if (!cfg) {
      error = "out of memory";
      return {};
    }
    if (mk_config_load_ca_file(cfg.get(), ca_file.c_str()) != MK_OK) {
      error = std::string("cannot load ") + ca_file + ": " + mk_config_error_message(cfg.get());
      return {};
    }
    if (mk_config_set_versions(cfg.get(), p.version, p.version) != MK_OK ||
        mk_config_set_cipher_suites(cfg.get(), &p.suite, 1) != MK_OK ||
        mk_config_set_groups(cfg.get(), &p.group, 1) != MK_OK) {
      error = std::string("cannot configure ") + p.name;
      return {};
    }
    configs.push_back(std::move(cfg));
  }
  return configs;
}

}  // namespace mk::load
