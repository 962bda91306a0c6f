#include "configs.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "deterministic.h"
#include "streams.h"

namespace mk::fuzz {
namespace {

// Without its fixed configs a target would fuzz something else: stop loudly.
[[noreturn]] void die(const char* what, const std::string& which) {
  std::fprintf(stderr, "fuzz setup: %s %s failed\n", what, which.c_str());
  std::abort();
}

void load(int (*set)(mk_config*, const uint8_t*, size_t), mk_config* cfg, const std::string& rel) {
  const std::string data = source_file("tests/data/certs/" + rel);
  if (data.empty() || set(cfg, reinterpret_cast<const uint8_t*>(data.data()), data.size()) != MK_OK)
    die("loading", rel);
}

mk_config* base(mk_role role) {
  mk_config* cfg = mk_config_new(role);
  if (!cfg) die("mk_config_new", "");
  mk_config_set_time(cfg, fuzz_time, nullptr);
  mk_config_set_random(cfg, fuzz_random,
                       role == MK_ROLE_CLIENT ? &client_stream() : &server_stream());
  return cfg;
}

mk_config* make_server(size_t variant) {
  mk_config* cfg = base(MK_ROLE_SERVER);
  const std::string pki = variant == 1 ? "rsa-2048" : variant == 5 ? "ecdsa-p384" : "ecdsa-p256";
  load(mk_config_set_cert_chain, cfg, pki + "/chain.pem");
  load(mk_config_set_private_key, cfg, pki + "/key.pem");
  switch (variant) {
    case 2:
      mk_config_set_alpn(cfg, "h2,http/1.1");
      load(mk_config_add_ca, cfg, "ecdsa-p256/ca.pem");
      mk_config_set_verify(cfg, MK_VERIFY_OPTIONAL);
      break;
    case 3:
      mk_config_set_versions(cfg, MK_TLS_1_2, MK_TLS_1_2);
      break;
    case 4: {
      const uint16_t groups[] = {MK_GROUP_SECP256R1};
      mk_config_set_groups(cfg, groups, 1);
      mk_config_set_record_size_limit(cfg, 512);
      break;
    }
    case 5:
      load(mk_config_add_ca, cfg, "ecdsa-p256/ca.pem");
      mk_config_set_verify(cfg, MK_VERIFY_REQUIRED);
      mk_config_set_middlebox_compat(cfg, 0);
      break;
    default:
      break;
  }
  return cfg;
}

mk_config* make_client(size_t variant) {
  mk_config* cfg = base(MK_ROLE_CLIENT);
  switch (variant) {
    case 1:
      load(mk_config_add_ca, cfg, "rsa-2048/ca.pem");
      break;
    case 2:
      load(mk_config_add_ca, cfg, "ecdsa-p256/ca.pem");
      load(mk_config_set_cert_chain, cfg, "bad/client-chain.pem");
      load(mk_config_set_private_key, cfg, "bad/client-key.pem");
      mk_config_set_alpn(cfg, "h2,http/1.1");
      break;
    case 3:
      load(mk_config_add_ca, cfg, "ecdsa-p256/ca.pem");
      mk_config_set_versions(cfg, MK_TLS_1_2, MK_TLS_1_2);
      break;
    case 4:
      mk_config_set_verify(cfg, MK_VERIFY_NONE);
      mk_config_set_middlebox_compat(cfg, 0);
      break;
    case 5:
      load(mk_config_add_ca, cfg, "ecdsa-p384/ca.pem");
      load(mk_config_set_cert_chain, cfg, "bad/client-chain.pem");
      load(mk_config_set_private_key, cfg, "bad/client-key.pem");
      break;
    case 6: {
      mk_config_set_verify(cfg, MK_VERIFY_NONE);
      const uint16_t suites[] = {MK_TLS_CHACHA20_POLY1305_SHA256,
                                 MK_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256};
      mk_config_set_cipher_suites(cfg, suites, 2);
      break;
    }
    case 7: {
      mk_config_set_verify(cfg, MK_VERIFY_NONE);
      const uint16_t suites[] = {MK_TLS_AES_256_GCM_SHA384,
                                 MK_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384};
      mk_config_set_cipher_suites(cfg, suites, 2);
      break;
    }
    case 8:
      mk_config_set_verify(cfg, MK_VERIFY_NONE);
      mk_config_set_versions(cfg, MK_TLS_1_2, MK_TLS_1_2);
      break;
    default:
      load(mk_config_add_ca, cfg, "ecdsa-p256/ca.pem");
      break;
  }
  return cfg;
}

}  // namespace

DeterministicStream& client_stream() {
  static DeterministicStream s(0xC11E47);
  return s;
}

DeterministicStream& server_stream() {
  static DeterministicStream s(0x5E4BE4);
  return s;
}

std::string source_file(const std::string& rel) {
  std::ifstream in(std::string(MEERKAT_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return in ? out.str() : std::string();
}

// Built once, never freed: the configs live as long as the fuzzing process.
const mk_config* server_config(size_t variant) {
  static const std::array<mk_config*, kServerVariants> configs = [] {
    std::array<mk_config*, kServerVariants> a{};
    for (size_t i = 0; i < a.size(); ++i) a[i] = make_server(i);
    return a;
  }();
  return configs[variant % kServerVariants];
}

const mk_config* client_config(size_t variant) {
  static const std::array<mk_config*, kClientVariants> configs = [] {
    std::array<mk_config*, kClientVariants> a{};
    for (size_t i = 0; i < a.size(); ++i) a[i] = make_client(i);
    return a;
  }();
  return configs[variant % kClientVariants];
}

mk_conn* new_connection(const mk_config* cfg, bool client) {
  mk_conn* c = mk_conn_new(cfg);
  if (c && client) {
    static const char kName[] = "localhost";
    mk_conn_set_server_name(c, kName, sizeof kName - 1);
  }
  return c;
}

size_t discard_output(mk_conn* c) {
  const uint8_t* out = nullptr;
  const size_t n = mk_conn_output(c, &out);
  mk_conn_output_ack(c, n);
  return n;
}

void discard_plaintext(mk_conn* c) {
  const uint8_t* view = nullptr;
  while (const size_t n = mk_conn_read_view(c, &view)) mk_conn_read_ack(c, n);
}

size_t pump(mk_conn* from, mk_conn* to) {
  const uint8_t* out = nullptr;
  const size_t n = mk_conn_output(from, &out);
  if (n == 0) return 0;
  // Copy: feeding `to` must not depend on `from`'s buffer staying put.
  const std::string bytes(reinterpret_cast<const char*>(out), n);
  mk_conn_output_ack(from, n);
  size_t off = 0;
  while (off < bytes.size()) {
    size_t used = 0;
    const int e = mk_conn_feed(to, reinterpret_cast<const uint8_t*>(bytes.data()) + off,
                               bytes.size() - off, &used);
    off += used;
    const size_t pending = mk_conn_pending(to);
    discard_plaintext(to);
    if (e != MK_OK || (used == 0 && pending == 0)) break;
  }
  return n;
}

void trace_outcome(const char* who, const mk_conn* c) {
  static const bool verbose = std::getenv("MEERKAT_FUZZ_VERBOSE") != nullptr;
  if (!verbose || !c) return;
  std::fprintf(stderr, "%s: handshake %s, version %04x, suite %04x, error %s (%s)\n", who,
               mk_conn_state(c) & MK_STATE_HANDSHAKE_DONE ? "done" : "not done", mk_conn_version(c),
               mk_conn_cipher_suite(c), mk_err_name(mk_conn_error(c)), mk_conn_error_message(c));
}

}  // namespace mk::fuzz
