// The legal order of TLS 1.3 handshake messages, as data (RFC 8446 2 and 4). The
// connection looks the current state up before any handler runs, so a message that
// is not allowed now is refused with unexpected_message in one place, and handlers
// only ever see messages that may legally arrive. docs/architecture.md draws this
// table; tests/unit/tls_message_order_test.cpp checks its invariants.
#pragma once

#include <cstdint>
#include <span>

#include "tls/messages.h"

namespace mk::tls {

enum class HsState : uint8_t {
  // Client.
  client_start,              // nothing sent yet
  client_wait_server_hello,  // ClientHello sent (ServerHello or HelloRetryRequest next)
  client_wait_encrypted_extensions,
  client_wait_cert_or_request,  // Certificate, or CertificateRequest first
  client_wait_certificate,      // after CertificateRequest
  client_wait_certificate_verify,
  client_wait_finished,
  // Server.
  server_wait_client_hello,
  server_wait_second_client_hello,  // after HelloRetryRequest
  server_wait_certificate,          // client certificate requested
  server_wait_certificate_verify,
  server_wait_finished,
  // Both, after Finished: only post-handshake messages.
  client_established,
  server_established,
  // TLS 1.2 (RFC 5246 7.3), after the ServerHello. A change_cipher_spec record, not
  // a handshake message, moves the *_wait_change_cipher_spec states on.
  client12_wait_certificate,
  client12_wait_server_key_exchange,
  client12_wait_cert_request_or_done,  // CertificateRequest, or ServerHelloDone
  client12_wait_server_hello_done,     // after CertificateRequest
  client12_wait_change_cipher_spec,
  client12_wait_finished,
  client12_established,
  server12_wait_certificate,  // client certificate requested
  server12_wait_client_key_exchange,
  server12_wait_certificate_verify,
  server12_wait_change_cipher_spec,
  server12_wait_finished,
  server12_established,
  count_,
};

// Handshake messages that may arrive in a state. Empty for client_start (a client
// that has not sent its ClientHello expects nothing).
std::span<const HandshakeType> allowed_messages(HsState state);
inline bool message_allowed(HsState state, uint8_t type) {
  for (HandshakeType t : allowed_messages(state))
    if (t == type) return true;
  return false;
}

const char* state_name(HsState state);

}  // namespace mk::tls
