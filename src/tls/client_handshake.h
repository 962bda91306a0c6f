// The client side of the TLS 1.3 handshake; see client_handshake.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/alloc.h"
#include "crypto/provider.h"
#include "tls/config.h"
#include "tls/handshake.h"
#include "tls/key_schedule.h"
#include "tls/messages.h"
#include "tls/prf12.h"
#include "tls/transcript.h"

namespace mk::tls {

class ClientHandshake final : public Handshake {
 public:
  explicit ClientHandshake(const Config& cfg) : cfg_(cfg) {}

  Err set_server_name(std::string_view name) override;
  Err start(Connection& c) override;
  Err on_message(Connection& c, uint8_t type, ByteView message) override;
  Err on_change_cipher_spec(Connection& c) override;

 private:
  Err send_client_hello(Connection& c, ByteView cookie);
  Err check_hello_common(Connection& c, const ServerHello& sh);
  Err on_server_hello(Connection& c, ByteView body, ByteView message);
  Err on_hello_retry(Connection& c, const ServerHello& hrr, const CipherSuite& suite,
                     ByteView message);
  Err on_encrypted_extensions(Connection& c, ByteView body, ByteView message);
  Err on_certificate_request(Connection& c, ByteView body, ByteView message);
  Err on_certificate(Connection& c, ByteView body, ByteView message);
  Err on_certificate_verify(Connection& c, ByteView body, ByteView message);
  Err on_finished(Connection& c, ByteView body, ByteView message);
  // Certificate (ours, or empty when we have none that fits) and CertificateVerify.
  Err send_client_auth(Connection& c, U16List requested_schemes);
  Err check_server_extensions(Connection& c, bool server_name, bool alpn, ByteView protocol,
                              uint16_t record_size_limit);

  // TLS 1.2 (client_handshake12.cpp).
  Err on_server_hello12(Connection& c, const ServerHello& sh, ByteView message);
  Err on_message12(Connection& c, uint8_t type, ByteView body, ByteView message);
  Err on_certificate12(Connection& c, ByteView body, ByteView message);
  Err on_server_key_exchange(Connection& c, ByteView body, ByteView message);
  Err on_certificate_request12(Connection& c, ByteView body, ByteView message);
  Err on_server_hello_done(Connection& c, ByteView body, ByteView message);
  Err on_finished12(Connection& c, ByteView body, ByteView message);

  const Config& cfg_;
  // The suites and versions offered, from the config's lists and version range.
  uint16_t offered_suites_[Config::kMaxSuites] = {};
  size_t n_offered_suites_ = 0;
  uint16_t offered_versions_[2] = {};
  size_t n_offered_versions_ = 0;
  Transcript transcript_;
  KeySchedule keys_;
  crypto::KeyShare share_;
  uint8_t random_[kRandomLen] = {};
  uint8_t session_id_[32] = {};
  size_t session_id_len_ = 0;
  Buffer server_name_;  // DNS name or IP literal, for SNI and verification
  bool send_sni_ = false;
  const CipherSuite* suite_ = nullptr;
  bool hello_retry_ = false;
  bool ccs_sent_ = false;
  bool client_auth_requested_ = false;
  Buffer requested_schemes_;  // CertificateRequest's signature_algorithms
  crypto::PublicKey peer_key_;
  // TLS 1.2.
  bool tls12_ = false;
  uint8_t server_random_[kRandomLen] = {};
  Secret<crypto::kMaxSharedSecretLen> pre_master_;
  MasterSecret master_;
  KeyBlock12 key_block_;
};

}  // namespace mk::tls
