#include "tls_config.h"

#include <vector>

#include "tls_names.h"

namespace mk::cli {
namespace {

// "cannot load private key key.pem: private key is encrypted; decrypt it first (PEM
// block 1 (ENCRYPTED PRIVATE KEY): the key is encrypted)": the code's sentence says
// what to do, the config's message (which starts with the path) where the fault is.
std::string load_failure(const mk_config* cfg, std::string_view what, const std::string& path,
                         int err) {
  std::string line = "cannot load " + std::string(what) + " " + path + ": " + mk_err_text(err);
  std::string_view detail = mk_config_error_message(cfg);
  if (detail.starts_with(path + ": ")) detail.remove_prefix(path.size() + 2);
  if (!detail.empty() && detail != mk_err_text(err)) line += " (" + std::string(detail) + ")";
  return line;
}

}  // namespace

bool load_chain_and_key(mk_config* cfg, const std::string& chain, const std::string& key,
                        std::string& error) {
  if (int rc = mk_config_load_cert_chain_file(cfg, chain.c_str()); rc != MK_OK) {
    error = load_failure(cfg, "certificate chain", chain, rc);
    return false;
  }
  if (int rc = mk_config_load_private_key_file(cfg, key.c_str()); rc != MK_OK) {
    error = load_failure(cfg, "private key", key, rc);
    return false;
  }
  return true;
}

bool load_ca_file(mk_config* cfg, const std::string& path, std::string& error) {
  if (int rc = mk_config_load_ca_file(cfg, path.c_str()); rc != MK_OK) {
    error = load_failure(cfg, "CA file", path, rc);
    return false;
  }
  return true;
}

bool apply_tls_options(mk_config* cfg, const Args& args, std::string& error) {
  if (args.has("--alpn")) {
    std::string alpn(args.value("--alpn"));
    if (int rc = mk_config_set_alpn(cfg, alpn.c_str()); rc != MK_OK) {
      error = "invalid --alpn " + alpn + ": " + mk_err_text(rc);
      return false;
    }
  }
  if (args.has("--versions")) {
    uint16_t min = 0, max = 0;
    if (!parse_versions(args.value("--versions"), min, max, error)) return false;
    if (int rc = mk_config_set_versions(cfg, min, max); rc != MK_OK) {
      error = std::string("invalid --versions: ") + mk_err_text(rc);
      return false;
    }
  }
  std::vector<uint16_t> codes;
  if (args.has("--suites")) {
    if (!parse_cipher_suites(args.value("--suites"), codes, error)) return false;
    if (int rc = mk_config_set_cipher_suites(cfg, codes.data(), codes.size()); rc != MK_OK) {
      error = std::string("invalid --suites: ") + mk_err_text(rc);
      return false;
    }
  }
  if (args.has("--groups")) {
    if (!parse_groups(args.value("--groups"), codes, error)) return false;
    if (int rc = mk_config_set_groups(cfg, codes.data(), codes.size()); rc != MK_OK) {
      error = std::string("invalid --groups: ") + mk_err_text(rc);
      return false;
    }
  }
  return true;
}

}  // namespace mk::cli
