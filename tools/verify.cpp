// `meerkat verify`: check a certificate chain the way a TLS peer would, outside any
// handshake (like `openssl verify`), through mk_config_verify.
#include <cstdio>
#include <fstream>
#include <iterator>

#include "args.h"
#include "commands.h"
#include "tls_config.h"

namespace mk::cli {
namespace {

constexpr OptionSpec kOptions[] = {
    {"--ca", "", true},      {"--untrusted", "", true}, {"--name", "", true},    {"--at", "", true},
    {"--purpose", "", true}, {"--max-depth", "", true}, {"--help", "-h", false},
};

constexpr const char* kUsage =
    "usage: meerkat verify --ca CA.pem [--untrusted CHAIN.pem] [--name NAME]\n"
    "                      [--at UNIX_SECONDS] [--purpose server|client] [--max-depth N]\n"
    "                      LEAF.pem\n"
    "\n"
    "Verify LEAF.pem against the CA certificates in CA.pem, building the path through\n"
    "the intermediates in CHAIN.pem (any order). Prints OK and exits 0, or prints the\n"
    "named error with the reason and exits 1.\n"
    "\n"
    "      --ca FILE          trusted CA certificates, PEM (a bundle is fine)\n"
    "      --untrusted FILE   intermediate certificates, PEM\n"
    "      --name NAME        DNS name or IP address the leaf must be valid for\n"
    "      --at SECONDS       check validity at this time (seconds since 1970, UTC)\n"
    "                         instead of now\n"
    "      --purpose P        server (serverAuth, default) or client (clientAuth)\n"
    "      --max-depth N      longest path accepted, leaf and CA included (default 8)\n";

bool read_whole_file(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  out.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return !f.bad();
}

}  // namespace

int run_verify(std::span<const char* const> argv) {
  Args args;
  if (!args.parse(kOptions, argv)) return usage_error("verify", args.error());
  if (args.has("--help")) {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (args.positional().size() != 1)
    return usage_error("verify", "give exactly one leaf certificate file");
  if (!args.has("--ca")) return usage_error("verify", "--ca is required");
  int64_t at = -1;
  if (args.has("--at") && !parse_int(args.value("--at"), 0, INT64_MAX, at)) {
    return usage_error("verify", "--at needs a time in seconds since 1970");
  }
  int64_t depth = 8;
  if (args.has("--max-depth") && !parse_int(args.value("--max-depth"), 1, 64, depth)) {
    return usage_error("verify", "--max-depth needs a number from 1 to 64");
  }
  std::string_view purpose = args.value("--purpose", "server");
  if (purpose != "server" && purpose != "client") {
    return usage_error("verify", "--purpose must be server or client");
  }

  ConfigPtr config(mk_config_new(MK_ROLE_CLIENT));
  if (!config) {
    std::puts("out of memory");
    return kExitFailure;
  }
  std::string error;
  if (!load_ca_file(config.get(), std::string(args.value("--ca")), error)) {
    std::printf("%s\n", error.c_str());
    return kExitFailure;
  }
  mk_config_set_max_chain_depth(config.get(), static_cast<int>(depth));

  std::string leaf, untrusted;
  const std::string& leaf_path = args.positional()[0];
  if (!read_whole_file(leaf_path, leaf)) {
    std::printf("cannot read %s\n", leaf_path.c_str());
    return kExitFailure;
  }
  if (args.has("--untrusted")) {
    std::string path(args.value("--untrusted"));
    if (!read_whole_file(path, untrusted)) {
      std::printf("cannot read %s\n", path.c_str());
      return kExitFailure;
    }
  }
  std::string name(args.value("--name"));

  mk_verify_request req{};
  req.leaf = reinterpret_cast<const uint8_t*>(leaf.data());
  req.leaf_len = leaf.size();
  req.untrusted = untrusted.empty() ? nullptr : reinterpret_cast<const uint8_t*>(untrusted.data());
  req.untrusted_len = untrusted.size();
  req.name = name.empty() ? nullptr : name.c_str();
  req.name_len = name.size();
  req.at = at;
  req.purpose = purpose == "client" ? MK_PURPOSE_CLIENT : MK_PURPOSE_SERVER;

  char detail[512] = {};
  int rc = mk_config_verify(config.get(), &req, detail, sizeof detail);
  if (rc == MK_OK) {
    std::puts("OK");
    return kExitOk;
  }
  std::string line = std::string(mk_err_name(rc)) + ": " + mk_err_text(rc);
  if (detail[0] && line.find(detail) == std::string::npos) line += " (" + std::string(detail) + ")";
  std::printf("%s\n", line.c_str());
  return kExitFailure;
}

}  // namespace mk::cli
