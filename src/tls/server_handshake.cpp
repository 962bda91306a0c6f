// The TLS 1.3 server handshake (RFC 8446 2, 4): a ClientHello (answered with one
// HelloRetryRequest when no key share is usable), then ServerHello,
// EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify and
// Finished in one flight; then the client's [Certificate, CertificateVerify] and
// Finished.
#include "tls/server_handshake.h"

#include "base/secure.h"
#include "tls/connection.h"
#include "tls/features.h"
#include "tls/handshake_auth.h"
#include "tls/negotiation.h"

namespace mk::tls {
Err ServerHandshake::start(Connection& c) {
  c.set_hs_state(HsState::server_wait_client_hello);
  return MK_OK;
}

Err ServerHandshake::on_message(Connection& c, uint8_t type, ByteView message) {
  const ByteView body = message.subspan(kHandshakeHeaderLen);
  if constexpr (kTls12Enabled)
    if (tls12_) return on_message12(c, type, body, message);
  switch (type) {
    case kClientHello:
      return on_client_hello(c, body, message);
    case kCertificate:
      return on_certificate(c, body, message);
    case kCertificateVerify:
      return on_certificate_verify(c, body, message);
    case kFinished:
      return on_finished(c, body, message);
    default:
      return MK_ERR_UNEXPECTED_MESSAGE;  // the order table lets nothing else through
  }
}

Err ServerHandshake::negotiate(Connection& c, const ClientHello& ch, const KeyShareEntry** share,
                               uint16_t* retry_group) {
  // RFC 8446 4.1.2: exactly one compression method, null.
  if (ch.compression_methods.size() != 1 || ch.compression_methods[0] != 0)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "client hello offers compression");
  const CipherSuite* suite =
      choose_cipher_suite(cfg_.cipher_suites(), ch.cipher_suites, kTls13, cfg_.private_key().type);
  if (!suite)
    return c.fail(MK_ERR_NO_COMMON_SUITE, "client offers none of the server's cipher suites");
  if (suite_ && suite != suite_)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "second client hello changed the cipher suites");
  suite_ = suite;
  if (!ch.has_signature_algorithms)
    return c.fail(MK_ERR_MISSING_EXTENSION, "client hello has no signature_algorithms");
  scheme_ = choose_signature_scheme(cfg_.private_key(), ch.signature_algorithms);
  if (scheme_ == 0)
    return c.fail(MK_ERR_NO_COMMON_SIGNATURE,
                  "client accepts no signature scheme that the server's key can make");
  // RFC 8446 9.2: without a PSK, a TLS 1.3 ClientHello needs both of these.
  if (!ch.has_supported_groups || !ch.has_key_share)
    return c.fail(MK_ERR_MISSING_EXTENSION, "client hello lacks supported_groups or key_share");
  // RFC 8446 4.2.8: key shares only for supported groups, in the same order.
  size_t last = 0;
  for (const KeyShareEntry& entry : ch.key_shares()) {
    size_t i = last;
    while (i < ch.supported_groups.size() && ch.supported_groups[i] != entry.group) ++i;
    if (i == ch.supported_groups.size())
      return c.fail(MK_ERR_ILLEGAL_PARAMETER,
                    "client key share for group 0x%04x is out of order "
                    "or not in supported_groups",
                    entry.group);
    last = i + 1;
  }
  *share = choose_key_share(cfg_.groups(), ch.key_shares(), ch.supported_groups, retry_group);
  if (!*share && *retry_group == 0)
    return c.fail(MK_ERR_NO_COMMON_GROUP, "client supports none of the server's groups");
  return MK_OK;
}

Err ServerHandshake::on_client_hello(Connection& c, ByteView body, ByteView message) {
  ClientHello ch;
  MK_TRY(parse_client_hello(body, ch));
  // RFC 8446 4.2.1: only supported_versions negotiates TLS 1.3; a hello without it
  // speaks the version in legacy_version.
  const bool offers13 = ch.has_supported_versions && ch.supported_versions.contains(kTls13);
  const bool offers12 = ch.has_supported_versions ? ch.supported_versions.contains(kTls12)
                                                  : ch.legacy_version >= kTls12;
  if (!(offers13 && cfg_.allows(kTls13))) {
    if constexpr (kTls12Enabled)
      if (offers12 && cfg_.allows(kTls12) && retry_group_ == 0)
        return on_client_hello12(c, ch, message);
    return c.fail(MK_ERR_PROTOCOL_VERSION, "client offers no TLS version the server accepts");
  }
  const KeyShareEntry* share = nullptr;
  uint16_t retry_group = 0;
  MK_TRY(negotiate(c, ch, &share, &retry_group));
  if (retry_group_ != 0) {
    // RFC 8446 4.1.4: the second ClientHello must carry exactly the share asked for.
    if (ch.key_shares().size() != 1 || !share || share->group != retry_group_)
      return c.fail(MK_ERR_ILLEGAL_PARAMETER,
                    "second client hello does not carry the one key share asked for");
  }
  if (!share) return send_hello_retry(c, ch, retry_group, message);
  return send_server_flight(c, ch, *share, message);
}

Err ServerHandshake::send_hello_retry(Connection& c, const ClientHello& ch, uint16_t group,
                                      ByteView message) {
  retry_group_ = group;
  c.negotiated().hello_retry = true;
  MK_TRY(transcript_.add(message));
  MK_TRY(transcript_.select(suite_->hash()));
  MK_TRY(transcript_.restart_for_hello_retry());
  ServerHelloParams p;
  p.hello_retry = true;
  p.session_id_echo = ch.legacy_session_id;
  p.cipher_suite = suite_->id;
  p.selected_group = group;
  MK_TRY(send_message(c, transcript_, 128 + ch.legacy_session_id.size(),
                      [&](Writer& w) { write_server_hello(w, p); }));
  // RFC 8446 D.4: in compatibility mode the server's first CCS follows its first
  // handshake message.
  if (!ch.legacy_session_id.empty()) {
    MK_TRY(c.send_change_cipher_spec());
    ccs_sent_ = true;
  }
  c.set_hs_state(HsState::server_wait_second_client_hello);
  return MK_OK;
}

Err ServerHandshake::send_server_flight(Connection& c, const ClientHello& ch,
                                        const KeyShareEntry& share, ByteView message) {
  // Application choices first, so a refusal costs no key exchange.
  ByteView alpn;
  MK_TRY(accept_client_extensions(c, ch, &alpn));

  const crypto::KxGroup* group = crypto::kx_group(share.group);
  if (!group) return MK_ERR_INTERNAL;
  crypto::KeyShare ours;
  MK_TRY(ours.generate(*group, cfg_.rng()));
  Secret<crypto::kMaxSharedSecretLen> shared;
  Err e = ours.derive(share.key_exchange, shared.resize(group->shared_len));
  if (e != MK_OK) return c.fail(e, "client key share for %s is invalid", group->name);

  if (!transcript_.selected()) MK_TRY(transcript_.select(suite_->hash()));
  MK_TRY(transcript_.add(message));

  uint8_t random[kRandomLen];
  MK_TRY(cfg_.rng().fill(ByteSpan(random)));
  ServerHelloParams sh;
  sh.random = ByteView(random);
  sh.session_id_echo = ch.legacy_session_id;
  sh.cipher_suite = suite_->id;
  sh.key_share = KeyShareEntry{group->id, ours.public_key()};
  MK_TRY(send_message(c, transcript_, 256 + ch.legacy_session_id.size(),
                      [&](Writer& w) { write_server_hello(w, sh); }));

  keys_.init(*suite_);
  uint8_t hash[crypto::kMaxHashLen];
  size_t hash_len = transcript_.current(ByteSpan(hash));
  MK_TRY(keys_.derive_handshake_secrets(shared.view(), ByteView(hash, hash_len)));
  if (!ch.legacy_session_id.empty() && !ccs_sent_) {
    MK_TRY(c.send_change_cipher_spec());
    ccs_sent_ = true;
  }
  MK_TRY(c.install_write_key(*suite_, keys_.server_handshake_secret().view()));
  MK_TRY(c.install_read_key(*suite_, keys_.client_handshake_secret().view()));

  EncryptedExtensionsParams ee;
  ee.ack_server_name = ch.has_server_name;
  ee.alpn_protocol = alpn;
  ee.record_size_limit = ch.record_size_limit != 0 ? cfg_.record_size_limit() : 0;
  MK_TRY(send_message(c, transcript_, 64 + alpn.size(),
                      [&](Writer& w) { write_encrypted_extensions(w, ee); }));
  if (cfg_.verifies_peer()) {
    const auto schemes = Config::accepted_signature_schemes();
    MK_TRY(send_message(c, transcript_, 64 + 2 * schemes.size(),
                        [&](Writer& w) { write_certificate_request(w, ByteView{}, schemes); }));
  }
  ByteView certs[kMaxChainCerts];
  const size_t n = chain_views(cfg_.chain(), certs);
  MK_TRY(send_certificate(c, transcript_, std::span<const ByteView>(certs, n)));
  MK_TRY(send_certificate_verify(c, transcript_, scheme_, /*from_server=*/true));
  MK_TRY(send_finished(c, transcript_, keys_, keys_.server_handshake_secret().view()));

  hash_len = transcript_.current(ByteSpan(hash));
  MK_TRY(keys_.derive_application_secrets(ByteView(hash, hash_len)));
  MK_TRY(c.install_write_key(*suite_, keys_.server_application_secret().view()));

  Negotiated& neg = c.negotiated();
  neg.version = kTls13;
  neg.cipher_suite = suite_->id;
  neg.group = group->id;
  c.set_hs_state(cfg_.verifies_peer() ? HsState::server_wait_certificate
                                      : HsState::server_wait_finished);
  return MK_OK;
}

Err ServerHandshake::on_certificate(Connection& c, ByteView body, ByteView message) {
  CertificateMsg cm;
  MK_TRY(parse_certificate(body, cm));
  if (!cm.context.empty())
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "client certificate has a request context");
  MK_TRY(transcript_.add(message));
  if (cm.certs().empty()) {
    if (cfg_.requires_client_cert())
      return c.fail(MK_ERR_CERTIFICATE_REQUIRED, "client sent no certificate");
    c.set_hs_state(HsState::server_wait_finished);
    return MK_OK;
  }
  x509::VerifyParams params;
  params.purpose = x509::Purpose::client_auth;
  MK_TRY(check_peer_chain(c, cm.certs(), params, peer_key_));
  c.set_hs_state(HsState::server_wait_certificate_verify);
  return MK_OK;
}

Err ServerHandshake::on_certificate_verify(Connection& c, ByteView body, ByteView message) {
  MK_TRY(check_certificate_verify(c, transcript_, body, peer_key_, /*from_server=*/false));
  MK_TRY(transcript_.add(message));
  c.set_hs_state(HsState::server_wait_finished);
  return MK_OK;
}

Err ServerHandshake::on_finished(Connection& c, ByteView body, ByteView message) {
  (void)message;  // nothing is derived from the transcript after the client's Finished
  MK_TRY(check_finished(c, transcript_, keys_, keys_.client_handshake_secret().view(), body,
                        "client"));
  MK_TRY(c.install_read_key(*suite_, keys_.client_application_secret().view()));
  c.keep_application_secrets(*suite_, keys_.client_application_secret().view(),
                             keys_.server_application_secret().view());
  keys_.forget_handshake_secrets();
  return c.complete_handshake();
}

// Virtual, so it stays here: a build without TLS 1.2 still needs it in the vtable.
Err ServerHandshake::on_change_cipher_spec(Connection& c) {
  if (!tls12_ || c.hs_state() != HsState::server12_wait_change_cipher_spec)
    return c.fail(MK_ERR_UNEXPECTED_MESSAGE, "client sent change_cipher_spec out of order");
  if constexpr (kTls12Enabled)
    MK_TRY(
        c.install_read_key12(*suite_, key_block_.client_key.view(), key_block_.client_iv.view()));
  c.set_hs_state(HsState::server12_wait_finished);
  return MK_OK;
}

Err ServerHandshake::accept_client_extensions(Connection& c, const ClientHello& ch,
                                              ByteView* alpn) {
  *alpn = {};
  if (ch.has_alpn && !cfg_.alpn().empty()) {
    MK_TRY(choose_alpn(cfg_.alpn(), ch.alpn, alpn));
    if (alpn->empty())
      return c.fail(MK_ERR_NO_APPLICATION_PROTOCOL,
                    "client offers none of the server's ALPN protocols");
    MK_TRY(c.set_alpn(*alpn));
  }
  if (ch.has_server_name) MK_TRY(c.set_requested_server_name(ch.server_name));
  if (ch.record_size_limit != 0) {
    if (ch.record_size_limit < 64)
      return c.fail(MK_ERR_ILLEGAL_PARAMETER, "client record_size_limit %u is below 64",
                    ch.record_size_limit);
    c.set_record_size_limits(ch.record_size_limit, cfg_.record_size_limit());
  }
  return MK_OK;
}

}  // namespace mk::tls
