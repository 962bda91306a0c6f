#include "tls/message_order.h"

#include <array>

namespace mk::tls {
namespace {

struct Row {
  HsState state;
  const char* name;
  std::span<const HandshakeType> allowed;
};

constexpr HandshakeType kServerHello_[] = {kServerHello};
constexpr HandshakeType kEncryptedExtensions_[] = {kEncryptedExtensions};
constexpr HandshakeType kCertOrRequest[] = {kCertificate, kCertificateRequest};
constexpr HandshakeType kCertificate_[] = {kCertificate};
constexpr HandshakeType kCertificateVerify_[] = {kCertificateVerify};
constexpr HandshakeType kFinished_[] = {kFinished};
constexpr HandshakeType kClientHello_[] = {kClientHello};
// A client accepts tickets (and discards them) and key updates. A server did not
// ask for post-handshake authentication, so it accepts only key updates.
constexpr HandshakeType kClientPostHandshake[] = {kNewSessionTicket, kKeyUpdate};
constexpr HandshakeType kServerPostHandshake[] = {kKeyUpdate};
constexpr HandshakeType kServerKeyExchange_[] = {kServerKeyExchange};
constexpr HandshakeType kRequestOrDone[] = {kCertificateRequest, kServerHelloDone};
constexpr HandshakeType kServerHelloDone_[] = {kServerHelloDone};
constexpr HandshakeType kClientKeyExchange_[] = {kClientKeyExchange};
// A TLS 1.2 server may ask for renegotiation; Meerkat's client ignores the request
// (RFC 5246 7.4.1.1 allows that). A TLS 1.2 server takes nothing after Finished:
// a client's renegotiating ClientHello is refused.
constexpr HandshakeType kClient12PostHandshake[] = {kHelloRequest};

constexpr Row kTable[] = {
    {HsState::client_start, "client_start", {}},
    {HsState::client_wait_server_hello, "client_wait_server_hello", kServerHello_},
    {HsState::client_wait_encrypted_extensions, "client_wait_encrypted_extensions",
     kEncryptedExtensions_},
    {HsState::client_wait_cert_or_request, "client_wait_cert_or_request", kCertOrRequest},
    {HsState::client_wait_certificate, "client_wait_certificate", kCertificate_},
    {HsState::client_wait_certificate_verify, "client_wait_certificate_verify",
     kCertificateVerify_},
    {HsState::client_wait_finished, "client_wait_finished", kFinished_},
    {HsState::server_wait_client_hello, "server_wait_client_hello", kClientHello_},
    {HsState::server_wait_second_client_hello, "server_wait_second_client_hello", kClientHello_},
    {HsState::server_wait_certificate, "server_wait_certificate", kCertificate_},
    {HsState::server_wait_certificate_verify, "server_wait_certificate_verify",
     kCertificateVerify_},
    {HsState::server_wait_finished, "server_wait_finished", kFinished_},
    {HsState::client_established, "client_established", kClientPostHandshake},
    {HsState::server_established, "server_established", kServerPostHandshake},
    {HsState::client12_wait_certificate, "client12_wait_certificate", kCertificate_},
    {HsState::client12_wait_server_key_exchange, "client12_wait_server_key_exchange",
     kServerKeyExchange_},
    {HsState::client12_wait_cert_request_or_done, "client12_wait_cert_request_or_done",
     kRequestOrDone},
    {HsState::client12_wait_server_hello_done, "client12_wait_server_hello_done",
     kServerHelloDone_},
    {HsState::client12_wait_change_cipher_spec, "client12_wait_change_cipher_spec", {}},
    {HsState::client12_wait_finished, "client12_wait_finished", kFinished_},
    {HsState::client12_established, "client12_established", kClient12PostHandshake},
    {HsState::server12_wait_certificate, "server12_wait_certificate", kCertificate_},
    {HsState::server12_wait_client_key_exchange, "server12_wait_client_key_exchange",
     kClientKeyExchange_},
    {HsState::server12_wait_certificate_verify, "server12_wait_certificate_verify",
     kCertificateVerify_},
    {HsState::server12_wait_change_cipher_spec, "server12_wait_change_cipher_spec", {}},
    {HsState::server12_wait_finished, "server12_wait_finished", kFinished_},
    {HsState::server12_established, "server12_established", {}},
};
static_assert(std::size(kTable) == static_cast<size_t>(HsState::count_), "one row per state");

constexpr bool rows_in_state_order() {
  for (size_t i = 0; i < std::size(kTable); ++i)
    if (static_cast<size_t>(kTable[i].state) != i) return false;
  return true;
}
static_assert(rows_in_state_order(), "rows are indexed by state");

}  // namespace

std::span<const HandshakeType> allowed_messages(HsState state) {
  const size_t i = static_cast<size_t>(state);
  return i < std::size(kTable) ? kTable[i].allowed : std::span<const HandshakeType>{};
}

const char* state_name(HsState state) {
  const size_t i = static_cast<size_t>(state);
  return i < std::size(kTable) ? kTable[i].name : "invalid";
}

}  // namespace mk::tls
