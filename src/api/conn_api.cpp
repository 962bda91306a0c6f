// mk_conn_*: the C face of tls::Connection.
#include "api/guard.h"
#include "api/handles.h"
#include "tls/names.h"

namespace {

using mk::api::guard;

mk::ByteView bytes(const uint8_t* data, size_t len) {
  return mk::ByteView(data, data ? len : 0);
}

}  // namespace

extern "C" {

mk_conn* mk_conn_new(const mk_config* cfg) {
  if (!cfg) return nullptr;
  mk_conn* c = new mk_conn(*cfg);
  if (!c) return nullptr;
  // A config that cannot make this connection still yields one, failed, so the
  // caller can ask mk_conn_error() why.
  const mk::Err e = c->init();
  if (e == MK_ERR_OUT_OF_MEMORY) {
    delete c;
    return nullptr;
  }
  if (e != MK_OK) c->fail(e);
  return c;
}

void mk_conn_free(mk_conn* c) {
  delete c;
}

int mk_conn_set_server_name(mk_conn* c, const char* name, size_t len) {
  if (!c || !name) return MK_ERR_INVALID_ARGUMENT;
  return c->set_server_name(std::string_view(name, len));
}

int mk_conn_skip_name_check(mk_conn* c) {
  if (!c) return MK_ERR_INVALID_ARGUMENT;
  return c->skip_name_check();
}

unsigned mk_conn_state(const mk_conn* c) {
  return c ? c->state() : MK_STATE_FAILED | MK_STATE_CLOSED;
}

int mk_conn_start(mk_conn* c) {
  if (!c) return MK_ERR_INVALID_ARGUMENT;
  return guard([&] { return c->start(); });
}

int mk_conn_check_timeout(mk_conn* c) {
  if (!c) return MK_ERR_INVALID_ARGUMENT;
  return guard([&] { return c->check_timeout(); });
}

int64_t mk_conn_timeout_ms(const mk_conn* c) {
  return c ? c->timeout_ms() : -1;
}

int mk_conn_feed(mk_conn* c, const uint8_t* data, size_t len, size_t* used) {
  size_t ignored = 0;
  if (!used) used = &ignored;
  *used = 0;
  if (!c || (!data && len > 0)) return MK_ERR_INVALID_ARGUMENT;
  return guard([&] { return c->feed(bytes(data, len), used); });
}

size_t mk_conn_output(mk_conn* c, const uint8_t** data) {
  if (!c || !data) return 0;
  const mk::ByteView out = c->output();
  *data = out.data();
  return out.size();
}

void mk_conn_output_ack(mk_conn* c, size_t n) {
  if (c) c->output_ack(n);
}

int mk_conn_read(mk_conn* c, uint8_t* buf, size_t cap, size_t* got) {
  size_t ignored = 0;
  if (!got) got = &ignored;
  *got = 0;
  if (!c || (!buf && cap > 0)) return MK_ERR_INVALID_ARGUMENT;
  return c->read(mk::ByteSpan(buf, buf ? cap : 0), got);
}

size_t mk_conn_read_view(mk_conn* c, const uint8_t** data) {
  if (!c || !data) return 0;
  const mk::ByteView v = c->read_view();
  *data = v.data();
  return v.size();
}

void mk_conn_read_ack(mk_conn* c, size_t n) {
  if (c) c->read_ack(n);
}

size_t mk_conn_pending(const mk_conn* c) {
  return c ? c->pending() : 0;
}

int mk_conn_write(mk_conn* c, const uint8_t* data, size_t len, size_t* used) {
  size_t ignored = 0;
  if (!used) used = &ignored;
  *used = 0;
  if (!c || (!data && len > 0)) return MK_ERR_INVALID_ARGUMENT;
  return guard([&] { return c->write(bytes(data, len), used); });
}

int mk_conn_feed_eof(mk_conn* c) {
  if (!c) return MK_ERR_INVALID_ARGUMENT;
  return c->feed_eof();
}

int mk_conn_close(mk_conn* c) {
  if (!c) return MK_ERR_INVALID_ARGUMENT;
  return c->close();
}

int mk_conn_key_update(mk_conn* c, int request_peer) {
  if (!c) return MK_ERR_INVALID_ARGUMENT;
  return c->key_update(request_peer != 0);
}

int mk_conn_error(const mk_conn* c) {
  return c ? c->error() : MK_ERR_INVALID_ARGUMENT;
}

const char* mk_conn_error_message(const mk_conn* c) {
  return c ? c->error_message() : mk_err_text(MK_ERR_INVALID_ARGUMENT);
}

uint16_t mk_conn_version(const mk_conn* c) {
  return c ? c->negotiated().version : 0;
}
uint16_t mk_conn_cipher_suite(const mk_conn* c) {
  return c ? c->negotiated().cipher_suite : 0;
}
uint16_t mk_conn_group(const mk_conn* c) {
  return c ? c->negotiated().group : 0;
}
uint16_t mk_conn_signature_scheme(const mk_conn* c) {
  return c ? c->negotiated().peer_signature_scheme : 0;
}
uint16_t mk_conn_local_signature_scheme(const mk_conn* c) {
  return c ? c->negotiated().local_signature_scheme : 0;
}
int mk_conn_hello_retry(const mk_conn* c) {
  return c && c->negotiated().hello_retry ? 1 : 0;
}
int mk_conn_peer_verified(const mk_conn* c) {
  return c && c->negotiated().peer_verified ? 1 : 0;
}

const char* mk_conn_alpn(const mk_conn* c, size_t* len) {
  size_t ignored = 0;
  if (!len) len = &ignored;
  *len = 0;
  if (!c || c->alpn().empty()) return nullptr;
  *len = c->alpn().size();
  return reinterpret_cast<const char*>(c->alpn().data());
}

const char* mk_conn_server_name(const mk_conn* c) {
  if (!c) return "";
  return c->requested_server_name().empty() ? "" : c->requested_server_name().data();
}

const char* mk_cipher_suite_name(uint16_t suite) {
  return mk::tls::cipher_suite_name(suite);
}
const char* mk_group_name(uint16_t group) {
  return mk::tls::group_name(group);
}
const char* mk_signature_scheme_name(uint16_t s) {
  return mk::tls::signature_scheme_name(s);
}

}  // extern "C"
