#include "tls_names.h"

#include <algorithm>
#include <span>

#include "args.h"
#include "meerkat/meerkat.h"
#include "text.h"

namespace mk::cli {
namespace {

struct NamedCode {
  std::string_view name;
  uint16_t code;
};

constexpr NamedCode kSuites[] = {
    {"TLS_AES_128_GCM_SHA256", MK_TLS_AES_128_GCM_SHA256},
    {"TLS_AES_256_GCM_SHA384", MK_TLS_AES_256_GCM_SHA384},
    {"TLS_CHACHA20_POLY1305_SHA256", MK_TLS_CHACHA20_POLY1305_SHA256},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", MK_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
    {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", MK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", MK_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
    {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", MK_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384},
    {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
     MK_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256},
    {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", MK_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256},
};

constexpr NamedCode kVersions[] = {
    {"1.2", MK_TLS_1_2},
    {"TLSv1.2", MK_TLS_1_2},
    {"1.3", MK_TLS_1_3},
    {"TLSv1.3", MK_TLS_1_3},
};

constexpr NamedCode kGroups[] = {
    {"x25519", MK_GROUP_X25519},        {"X25519", MK_GROUP_X25519},
    {"secp256r1", MK_GROUP_SECP256R1},  {"P-256", MK_GROUP_SECP256R1},
    {"prime256v1", MK_GROUP_SECP256R1}, {"secp384r1", MK_GROUP_SECP384R1},
    {"P-384", MK_GROUP_SECP384R1},
};

bool parse_names(std::span<const NamedCode> table, std::string_view what, std::string_view list,
                 std::vector<uint16_t>& out, std::string& error) {
  std::vector<uint16_t> codes;
  for (const std::string& item : split_list(list)) {
    auto it = std::find_if(table.begin(), table.end(),
                           [&](const NamedCode& n) { return equal_ignoring_case(n.name, item); });
    if (it == table.end()) {
      error = "unknown " + std::string(what) + " " + item;
      return false;
    }
    if (std::find(codes.begin(), codes.end(), it->code) != codes.end()) {
      error = std::string(what) + " " + item + " listed twice";
      return false;
    }
    codes.push_back(it->code);
  }
  if (codes.empty()) {
    error = "empty " + std::string(what) + " list";
    return false;
  }
  out = std::move(codes);
  return true;
}

}  // namespace

bool parse_cipher_suites(std::string_view list, std::vector<uint16_t>& out, std::string& error) {
  return parse_names(kSuites, "cipher suite", list, out, error);
}

bool parse_groups(std::string_view list, std::vector<uint16_t>& out, std::string& error) {
  return parse_names(kGroups, "group", list, out, error);
}

bool parse_versions(std::string_view list, uint16_t& min, uint16_t& max, std::string& error) {
  std::vector<uint16_t> codes;
  if (!parse_names(kVersions, "TLS version", list, codes, error)) return false;
  min = *std::min_element(codes.begin(), codes.end());
  max = *std::max_element(codes.begin(), codes.end());
  return true;
}

}  // namespace mk::cli
