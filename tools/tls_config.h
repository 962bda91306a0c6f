// Building an mk_config from the options serve and get share: certificate and key,
// CA file, ALPN, protocol versions, cipher suites and groups. Every failure comes back as one
// sentence naming the file or option at fault.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "args.h"
#include "meerkat/meerkat.h"

namespace mk::cli {

struct ConfigFree {
  void operator()(mk_config* c) const { mk_config_free(c); }
};
using ConfigPtr = std::unique_ptr<mk_config, ConfigFree>;

struct ConnFree {
  void operator()(mk_conn* c) const { mk_conn_free(c); }
};
using ConnPtr = std::unique_ptr<mk_conn, ConnFree>;

// "cannot load certificate chain chain.pem: PEM data is malformed" style sentences.
bool load_chain_and_key(mk_config* cfg, const std::string& chain, const std::string& key,
                        std::string& error);
bool load_ca_file(mk_config* cfg, const std::string& path, std::string& error);
// --alpn, --versions, --suites and --groups, when given.
bool apply_tls_options(mk_config* cfg, const Args& args, std::string& error);

}  // namespace mk::cli
