// mk_config_*: the C face of tls::Config.
#include <ctime>
#include <new>

#include "api/file.h"
#include "api/guard.h"
#include "api/handles.h"
#include "x509/x509.h"

namespace {

using mk::api::guard;

// The default clock. The engine itself never reads a clock: time reaches it only
// through the config, so a device without a clock can say so (return -1).
int64_t system_time(void*) {
  const std::time_t t = std::time(nullptr);
  return t == static_cast<std::time_t>(-1) ? -1 : static_cast<int64_t>(t);
}

// The default monotonic clock, for handshake deadlines: wall time may jump.
uint64_t system_monotonic_ms(void*) {
  timespec ts{};
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return 0;
  return static_cast<uint64_t>(ts.tv_sec) * 1000 + static_cast<uint64_t>(ts.tv_nsec) / 1000000;
}

mk::ByteView bytes(const uint8_t* data, size_t len) {
  return mk::ByteView(data, data ? len : 0);
}

// Load a file through fn; on failure the config's message names the file.
template <class Fn>
int with_file(mk_config* cfg, const char* path, Fn&& fn) {
  mk::Buffer file;
  mk::Err e = mk::api::read_file(path, file);
  if (e == MK_OK) e = fn(file.view());
  cfg->set_error_message(path ? path : "(null)", e);
  return e;
}

}  // namespace

extern "C" {

mk_config* mk_config_new(mk_role role) {
  if (role != MK_ROLE_CLIENT && role != MK_ROLE_SERVER) return nullptr;
  mk_config* cfg = new mk_config(role);
  if (cfg) {
    cfg->set_time(system_time, nullptr);
    cfg->set_monotonic_clock(system_monotonic_ms, nullptr);
  }
  return cfg;
}

void mk_config_free(mk_config* cfg) {
  delete cfg;
}

int mk_config_set_cert_chain(mk_config* cfg, const uint8_t* data, size_t len) {
  if (!cfg || !data) return MK_ERR_INVALID_ARGUMENT;
  return guard([&] { return cfg->set_cert_chain(bytes(data, len)); });
}

int mk_config_load_cert_chain_file(mk_config* cfg, const char* path) {
  if (!cfg) return MK_ERR_INVALID_ARGUMENT;
  return guard(
      [&] { return with_file(cfg, path, [&](mk::ByteView b) { return cfg->set_cert_chain(b); }); });
}

int mk_config_set_private_key(mk_config* cfg, const uint8_t* data, size_t len) {
  if (!cfg || !data) return MK_ERR_INVALID_ARGUMENT;
  return guard([&] { return cfg->set_private_key(bytes(data, len)); });
}

int mk_config_load_private_key_file(mk_config* cfg, const char* path) {
  if (!cfg) return MK_ERR_INVALID_ARGUMENT;
  return guard([&] {
    return with_file(cfg, path, [&](mk::ByteView b) { return cfg->set_private_key(b); });
  });
}

int mk_config_add_ca(mk_config* cfg, const uint8_t* data, size_t len) {
  if (!cfg || !data) return MK_ERR_INVALID_ARGUMENT;
  return guard([&] { return cfg->add_trust_anchors(bytes(data, len)); });
}

int mk_config_load_ca_file(mk_config* cfg, const char* path) {
  if (!cfg) return MK_ERR_INVALID_ARGUMENT;
  return guard([&] {
    return with_file(cfg, path, [&](mk::ByteView b) { return cfg->add_trust_anchors(b); });
  });
}

void mk_config_set_verify(mk_config* cfg, mk_verify_mode mode) {
  if (cfg && mode >= MK_VERIFY_NONE && mode <= MK_VERIFY_REQUIRED) cfg->set_verify(mode);
}

void mk_config_set_max_chain_depth(mk_config* cfg, int depth) {
  if (cfg && depth >= 1) cfg->set_max_chain_depth(depth);
}

int mk_config_set_alpn(mk_config* cfg, const char* comma_list) {
  if (!cfg || !comma_list) return MK_ERR_INVALID_ARGUMENT;
  return guard([&] { return cfg->set_alpn(comma_list); });
}

int mk_config_set_cipher_suites(mk_config* cfg, const uint16_t* suites, size_t n) {
  if (!cfg || !suites) return MK_ERR_INVALID_ARGUMENT;
  return cfg->set_cipher_suites(std::span<const uint16_t>(suites, n));
}

int mk_config_set_versions(mk_config* cfg, uint16_t min_version, uint16_t max_version) {
  if (!cfg) return MK_ERR_INVALID_ARGUMENT;
  return cfg->set_versions(min_version, max_version);
}

int mk_config_set_groups(mk_config* cfg, const uint16_t* groups, size_t n) {
  if (!cfg || !groups) return MK_ERR_INVALID_ARGUMENT;
  return cfg->set_groups(std::span<const uint16_t>(groups, n));
}

void mk_config_set_time(mk_config* cfg, mk_time_fn fn, void* user) {
  if (cfg) cfg->set_time(fn ? fn : system_time, fn ? user : nullptr);
}

void mk_config_set_handshake_timeout(mk_config* cfg, uint32_t ms) {
  if (cfg) cfg->set_handshake_timeout(ms);
}

void mk_config_set_monotonic_clock(mk_config* cfg, mk_millis_fn fn, void* user) {
  if (cfg) cfg->set_monotonic_clock(fn ? fn : system_monotonic_ms, fn ? user : nullptr);
}

void mk_config_set_random(mk_config* cfg, mk_random_fn fn, void* user) {
  if (cfg) cfg->set_random(fn, user);
}

int mk_config_set_record_size_limit(mk_config* cfg, uint16_t limit) {
  if (!cfg) return MK_ERR_INVALID_ARGUMENT;
  return cfg->set_record_size_limit(limit);
}

void mk_config_set_middlebox_compat(mk_config* cfg, int on) {
  if (cfg) cfg->set_middlebox_compat(on != 0);
}

const char* mk_config_error_message(const mk_config* cfg) {
  return cfg ? cfg->error_message() : "";
}

int mk_config_verify(const mk_config* cfg, const mk_verify_request* req, char* detail,
                     size_t detail_cap) {
  if (detail && detail_cap > 0) detail[0] = '\0';
  if (!cfg || !req || !req->leaf) return MK_ERR_INVALID_ARGUMENT;
  if (req->purpose != MK_PURPOSE_SERVER && req->purpose != MK_PURPOSE_CLIENT)
    return MK_ERR_INVALID_ARGUMENT;
  return guard([&]() -> mk::Err {
    mk::Vec<mk::Buffer> leaf, untrusted;
    MK_TRY(mk::x509::load_certificates(bytes(req->leaf, req->leaf_len), leaf));
    if (leaf.empty()) return MK_ERR_NO_CERTIFICATE;
    if (req->untrusted)
      MK_TRY(mk::x509::load_certificates(bytes(req->untrusted, req->untrusted_len), untrusted));
    mk::Vec<mk::ByteView> chain;
    chain.push_back(leaf[0].view());
    for (const mk::Buffer& b : untrusted) chain.push_back(b.view());

    mk::x509::VerifyParams params;
    if (req->name) params.name = std::string_view(req->name, req->name_len);
    params.now = req->at >= 0 ? req->at : cfg->now();
    params.purpose = req->purpose == MK_PURPOSE_CLIENT ? mk::x509::Purpose::client_auth
                                                       : mk::x509::Purpose::server_auth;
    params.max_depth = cfg->max_chain_depth();
    mk::x509::VerifyDetail d;
    mk::Err e = cfg->verify(chain, params, &d);
    if (e != MK_OK && detail && detail_cap > 0) {
      const char* text = d.text[0] ? d.text : mk_err_text(e);
      size_t i = 0;
      for (; text[i] && i + 1 < detail_cap; ++i) detail[i] = text[i];
      detail[i] = '\0';
    }
    return e;
  });
}

}  // extern "C"
