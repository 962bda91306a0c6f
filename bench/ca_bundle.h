// Loading Debian's CA bundle into a trust store: how long it takes and how much
// heap the loaded store holds (and needs at its peak while loading), for Meerkat's
// mk_config_load_ca_file and OpenSSL's SSL_CTX_load_verify_locations.
#pragma once

#include <string>

#include "stats.h"
#include "timing.h"

namespace mk::bench {

inline constexpr const char* kDebianCaBundle = "/etc/ssl/certs/ca-certificates.crt";

struct CaBundleLoad {
  Summary seconds;
  Summary held_bytes;  // heap the trust store keeps after loading
  Summary peak_bytes;  // most heap in use while loading (above the empty config)
  std::string error;
  // Set when the library refuses the file as a whole but takes most certificates one
  // by one: the figures are then for those, and this says how many were refused.
  std::string caveat;
};

// mk_config_load_ca_file; if that refuses the file, mk_config_add_ca for each PEM
// certificate in it, skipping the refused ones (see CaBundleLoad::caveat).
CaBundleLoad measure_meerkat_ca_load(const std::string& bundle, const RunPlan& plan);
CaBundleLoad measure_openssl_ca_load(const std::string& bundle, const RunPlan& plan);

}  // namespace mk::bench
