// The server side of the TLS 1.3 handshake; see server_handshake.cpp.
#pragma once

#include <cstdint>

#include "crypto/provider.h"
#include "tls/config.h"
#include "tls/handshake.h"
#include "tls/key_schedule.h"
#include "tls/messages.h"
#include "tls/prf12.h"
#include "tls/transcript.h"

namespace mk::tls {

class ServerHandshake final : public Handshake {
 public:
  explicit ServerHandshake(const Config& cfg) : cfg_(cfg) {}

  Err start(Connection& c) override;
  Err on_message(Connection& c, uint8_t type, ByteView message) override;
  Err on_change_cipher_spec(Connection& c) override;

 private:
  Err on_client_hello(Connection& c, ByteView body, ByteView message);
  // Negotiate from a ClientHello: suite, signature scheme, group (or a retry group).
  Err negotiate(Connection& c, const ClientHello& ch, const KeyShareEntry** share,
                uint16_t* retry_group);
  Err send_hello_retry(Connection& c, const ClientHello& ch, uint16_t group, ByteView message);
  Err send_server_flight(Connection& c, const ClientHello& ch, const KeyShareEntry& share,
                         ByteView message);
  Err on_certificate(Connection& c, ByteView body, ByteView message);
  Err on_certificate_verify(Connection& c, ByteView body, ByteView message);
  Err on_finished(Connection& c, ByteView body, ByteView message);
  // ALPN, SNI and record_size_limit, the same in both versions; *alpn gets the
  // protocol chosen (empty: none).
  Err accept_client_extensions(Connection& c, const ClientHello& ch, ByteView* alpn);

  // TLS 1.2 (server_handshake12.cpp).
  Err on_client_hello12(Connection& c, const ClientHello& ch, ByteView message);
  Err on_message12(Connection& c, uint8_t type, ByteView body, ByteView message);
  Err on_certificate12(Connection& c, ByteView body, ByteView message);
  Err on_client_key_exchange(Connection& c, ByteView body, ByteView message);
  Err on_certificate_verify12(Connection& c, ByteView body, ByteView message);
  Err on_finished12(Connection& c, ByteView body, ByteView message);

  const Config& cfg_;
  Transcript transcript_;
  KeySchedule keys_;
  const CipherSuite* suite_ = nullptr;
  uint16_t scheme_ = 0;
  uint16_t retry_group_ = 0;  // the group a HelloRetryRequest asked for
  bool ccs_sent_ = false;
  crypto::PublicKey peer_key_;
  // TLS 1.2.
  bool tls12_ = false;
  bool client_certified_ = false;  // the client sent a certificate: CertificateVerify follows
  uint8_t client_random_[kRandomLen] = {};
  uint8_t server_random_[kRandomLen] = {};
  crypto::KeyShare share_;
  MasterSecret master_;
  KeyBlock12 key_block_;
};

}  // namespace mk::tls
