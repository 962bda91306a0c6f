// The TLS configurations the load test's clients use in turn, so one run covers
// both protocol versions, every AEAD and two key exchange groups.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "meerkat/meerkat.h"

namespace mk::load {

struct TlsProfile {
  const char* name;  // "TLS 1.3 AES-128-GCM x25519", for the report
  uint16_t version;
  uint16_t suite;
  uint16_t group;
};

std::span<const TlsProfile> tls_profiles();

struct ConfigFree {
  void operator()(mk_config* c) const { mk_config_free(c); }
};
using ConfigPtr = std::unique_ptr<mk_config, ConfigFree>;

// One client config per profile, trusting ca_file and offering only that profile's
// version, suite and group. Empty with error set when one cannot be built.
std::vector<ConfigPtr> make_client_configs(const std::string& ca_file, std::string& error);

}  // namespace mk::load
