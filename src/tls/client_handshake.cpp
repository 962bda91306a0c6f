// The TLS 1.3 client handshake (RFC 8446 2, 4): ClientHello, then the server's
// ServerHello (or one HelloRetryRequest), EncryptedExtensions, optional
// CertificateRequest, Certificate, CertificateVerify and Finished, then our
// Finished. The client never reaches the established state without the server's
// chain, its signature over the transcript and its Finished all checked.
#include "tls/client_handshake.h"

#include "base/secure.h"
#include "tls/connection.h"
#include "tls/features.h"
#include "tls/handshake_auth.h"
#include "tls/messages.h"
#include "tls/negotiation.h"

namespace mk::tls {
namespace {

// An IP literal is checked against the certificate's IP SANs and never sent as SNI
// (RFC 6066 3).
bool is_ip_literal(std::string_view name) {
  if (name.find(':') != std::string_view::npos) return true;  // IPv6
  if (name.empty()) return false;
  for (char ch : name)
    if (!(ch == '.' || (ch >= '0' && ch <= '9'))) return false;
  return true;
}

}  // namespace

Err ClientHandshake::set_server_name(std::string_view name) {
  // A trailing dot names the same host; SNI carries the name without it.
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.empty() || name.size() > 253) return MK_ERR_INVALID_ARGUMENT;
  server_name_.clear();
  if (!server_name_.append(as_bytes(name))) return MK_ERR_OUT_OF_MEMORY;
  send_sni_ = !is_ip_literal(name);
  return MK_OK;
}

Err ClientHandshake::start(Connection& c) {
  if (cfg_.verifies_peer() && server_name_.empty() && !skip_name_check_)
    return c.fail(MK_ERR_NO_SERVER_NAME);
  crypto::Rng& rng = cfg_.rng();
  MK_TRY(rng.fill(ByteSpan(random_)));
  if (cfg_.middlebox_compat()) {
    // RFC 8446 D.4: a non-empty legacy session id makes the handshake look like a
    // TLS 1.2 resumption to middleboxes.
    MK_TRY(rng.fill(ByteSpan(session_id_)));
    session_id_len_ = sizeof session_id_;
  }
  for (uint16_t id : cfg_.cipher_suites()) {
    const CipherSuite* s = find_cipher_suite(id);
    if (s && cfg_.allows(s->version)) offered_suites_[n_offered_suites_++] = id;
  }
  if (n_offered_suites_ == 0)
    return c.fail(MK_ERR_INVALID_ARGUMENT, "no configured cipher suite fits the version range");
  for (uint16_t v : {kTls13, kTls12})
    if (cfg_.allows(v)) offered_versions_[n_offered_versions_++] = v;
  // The key share serves TLS 1.3, and TLS 1.2's ECDHE too when the server picks
  // the same group.
  const crypto::KxGroup* group = crypto::kx_group(cfg_.groups()[0]);
  if (!group) return MK_ERR_INTERNAL;
  MK_TRY(share_.generate(*group, rng));
  MK_TRY(send_client_hello(c, {}));
  c.set_hs_state(HsState::client_wait_server_hello);
  return MK_OK;
}

Err ClientHandshake::send_client_hello(Connection& c, ByteView cookie) {
  const KeyShareEntry share{share_.group()->id, share_.public_key()};
  ClientHelloParams p;
  p.random = ByteView(random_);
  p.session_id = ByteView(session_id_, session_id_len_);
  p.cipher_suites = std::span<const uint16_t>(offered_suites_, n_offered_suites_);
  p.versions = std::span<const uint16_t>(offered_versions_, n_offered_versions_);
  if (send_sni_) p.server_name = server_name_.view();
  p.groups = cfg_.groups();
  p.signature_algorithms = Config::accepted_signature_schemes();
  if (cfg_.allows(kTls13)) p.key_shares = std::span<const KeyShareEntry>(&share, 1);
  p.alpn = cfg_.alpn();
  p.cookie = cookie;
  p.record_size_limit = cfg_.record_size_limit();
  const size_t bound = 512 + server_name_.size() + cfg_.alpn().size() + cookie.size();
  return send_message(c, transcript_, bound, [&](Writer& w) { write_client_hello(w, p); });
}

Err ClientHandshake::on_message(Connection& c, uint8_t type, ByteView message) {
  const ByteView body = message.subspan(kHandshakeHeaderLen);
  if constexpr (kTls12Enabled)
    if (tls12_) return on_message12(c, type, body, message);
  switch (type) {
    case kServerHello:
      return on_server_hello(c, body, message);
    case kEncryptedExtensions:
      return on_encrypted_extensions(c, body, message);
    case kCertificateRequest:
      return on_certificate_request(c, body, message);
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

Err ClientHandshake::check_hello_common(Connection& c, const ServerHello& sh) {
  // RFC 8446 4.1.3: TLS 1.3 is chosen only through supported_versions; without it
  // the server picked TLS 1.2 or older.
  if (!sh.has_supported_versions)
    return c.fail(MK_ERR_PROTOCOL_VERSION, "server chose TLS version 0x%04x, which is not enabled",
                  sh.legacy_version);
  if (sh.selected_version != kTls13)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server selected version 0x%04x, which was not offered",
                  sh.selected_version);
  if (sh.legacy_version != kTls12)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server hello has legacy_version 0x%04x",
                  sh.legacy_version);
  if (!ct_equal(sh.legacy_session_id_echo, ByteView(session_id_, session_id_len_)))
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server did not echo the legacy session id");
  bool offered = false;
  for (uint16_t s : std::span<const uint16_t>(offered_suites_, n_offered_suites_))
    offered = offered || s == sh.cipher_suite;
  if (!offered)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER,
                  "server chose cipher suite 0x%04x, which was not offered", sh.cipher_suite);
  if (hello_retry_ && sh.cipher_suite != suite_->id)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER,
                  "server changed the cipher suite after its HelloRetryRequest");
  if (sh.compression_method != 0)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server chose a compression method");
  if (sh.has_psk)
    return c.fail(MK_ERR_UNSUPPORTED_EXTENSION, "server accepted a pre-shared key never offered");
  return MK_OK;
}

Err ClientHandshake::on_server_hello(Connection& c, ByteView body, ByteView message) {
  ServerHello sh;
  MK_TRY(parse_server_hello(body, sh));
  // RFC 8446 4.1.3: without supported_versions the server chose TLS 1.2 or older.
  if constexpr (kTls12Enabled)
    if (!sh.has_supported_versions && sh.legacy_version == kTls12 && cfg_.allows(kTls12) &&
        !hello_retry_)
      return on_server_hello12(c, sh, message);
  MK_TRY(check_hello_common(c, sh));
  const CipherSuite* suite = find_cipher_suite(sh.cipher_suite);
  if (!suite || suite->version != kTls13)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server chose a TLS 1.2 cipher suite for TLS 1.3");
  if (sh.is_hello_retry) return on_hello_retry(c, sh, *suite, message);

  if (!sh.has_key_share) return c.fail(MK_ERR_MISSING_EXTENSION, "server hello has no key_share");
  if (sh.key_share.group != share_.group()->id)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER,
                  "server key share is for group 0x%04x, not the one offered", sh.key_share.group);
  Secret<crypto::kMaxSharedSecretLen> shared;
  Err e = share_.derive(sh.key_share.key_exchange, shared.resize(share_.group()->shared_len));
  if (e != MK_OK) return c.fail(e, "server key share for %s is invalid", share_.group()->name);

  suite_ = suite;
  if (!transcript_.selected()) MK_TRY(transcript_.select(suite->hash()));
  MK_TRY(transcript_.add(message));
  keys_.init(*suite_);
  uint8_t hash[crypto::kMaxHashLen];
  const size_t hash_len = transcript_.current(ByteSpan(hash));
  MK_TRY(keys_.derive_handshake_secrets(shared.view(), ByteView(hash, hash_len)));
  MK_TRY(c.install_read_key(*suite_, keys_.server_handshake_secret().view()));
  // From here on everything we send is protected, alerts included, so the server
  // can read why we stop. In compatibility mode the dummy change_cipher_spec goes
  // first (RFC 8446 D.4: before the encrypted flight).
  if (cfg_.middlebox_compat() && !ccs_sent_) {
    MK_TRY(c.send_change_cipher_spec());
    ccs_sent_ = true;
  }
  MK_TRY(c.install_write_key(*suite_, keys_.client_handshake_secret().view()));

  Negotiated& n = c.negotiated();
  n.version = kTls13;
  n.cipher_suite = suite_->id;
  n.group = share_.group()->id;
  c.set_hs_state(HsState::client_wait_encrypted_extensions);
  return MK_OK;
}

Err ClientHandshake::on_hello_retry(Connection& c, const ServerHello& hrr, const CipherSuite& suite,
                                    ByteView message) {
  // RFC 8446 4.1.4.
  if (hello_retry_)
    return c.fail(MK_ERR_UNEXPECTED_MESSAGE, "server sent a second HelloRetryRequest");
  hello_retry_ = true;
  c.negotiated().hello_retry = true;
  const crypto::KxGroup* group = nullptr;
  if (hrr.has_key_share) {
    bool offered = false;
    for (uint16_t g : cfg_.groups()) offered = offered || g == hrr.selected_group;
    group = crypto::kx_group(hrr.selected_group);
    if (!offered || !group)
      return c.fail(MK_ERR_BAD_HELLO_RETRY, "server asked for group 0x%04x, which was not offered",
                    hrr.selected_group);
    if (group == share_.group())
      return c.fail(MK_ERR_BAD_HELLO_RETRY,
                    "server asked for a key share for %s, which was already sent", group->name);
  } else if (!hrr.has_cookie) {
    return c.fail(MK_ERR_BAD_HELLO_RETRY,
                  "server HelloRetryRequest would not change the ClientHello");
  }

  suite_ = &suite;
  MK_TRY(transcript_.select(suite.hash()));
  MK_TRY(transcript_.restart_for_hello_retry());
  MK_TRY(transcript_.add(message));
  if (group) MK_TRY(share_.generate(*group, cfg_.rng()));
  if (cfg_.middlebox_compat() && !ccs_sent_) {
    MK_TRY(c.send_change_cipher_spec());
    ccs_sent_ = true;
  }
  return send_client_hello(c, hrr.has_cookie ? hrr.cookie : ByteView{});
}

Err ClientHandshake::on_encrypted_extensions(Connection& c, ByteView body, ByteView message) {
  EncryptedExtensions ee;
  MK_TRY(parse_encrypted_extensions(body, ee));
  if (ee.has_early_data)
    return c.fail(MK_ERR_UNSUPPORTED_EXTENSION, "server accepted early data never offered");
  MK_TRY(check_server_extensions(c, ee.has_server_name, ee.has_alpn, ee.alpn_protocol,
                                 ee.record_size_limit));
  MK_TRY(transcript_.add(message));
  c.set_hs_state(HsState::client_wait_cert_or_request);
  return MK_OK;
}

Err ClientHandshake::on_certificate_request(Connection& c, ByteView body, ByteView message) {
  CertificateRequest cr;
  MK_TRY(parse_certificate_request(body, cr));
  // RFC 8446 4.3.2: the context is empty except in post-handshake authentication.
  if (!cr.context.empty())
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "certificate_request_context is not empty");
  client_auth_requested_ = true;
  requested_schemes_.clear();
  if (!requested_schemes_.append(cr.signature_algorithms.raw)) return MK_ERR_OUT_OF_MEMORY;
  MK_TRY(transcript_.add(message));
  c.set_hs_state(HsState::client_wait_certificate);
  return MK_OK;
}

Err ClientHandshake::on_certificate(Connection& c, ByteView body, ByteView message) {
  CertificateMsg cm;
  MK_TRY(parse_certificate(body, cm));
  if (!cm.context.empty())
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server certificate has a request context");
  // RFC 8446 4.4.2.4: an empty server Certificate is a decode_error.
  if (cm.certs().empty()) return c.fail(MK_ERR_CERT_EMPTY_CHAIN, "server sent no certificate");
  x509::VerifyParams params;
  if (!skip_name_check_) params.name = as_chars(server_name_.view());
  params.purpose = x509::Purpose::server_auth;
  MK_TRY(check_peer_chain(c, cm.certs(), params, peer_key_));
  MK_TRY(transcript_.add(message));
  c.set_hs_state(HsState::client_wait_certificate_verify);
  return MK_OK;
}

Err ClientHandshake::on_certificate_verify(Connection& c, ByteView body, ByteView message) {
  MK_TRY(check_certificate_verify(c, transcript_, body, peer_key_, /*from_server=*/true));
  MK_TRY(transcript_.add(message));
  c.set_hs_state(HsState::client_wait_finished);
  return MK_OK;
}

Err ClientHandshake::on_finished(Connection& c, ByteView body, ByteView message) {
  MK_TRY(check_finished(c, transcript_, keys_, keys_.server_handshake_secret().view(), body,
                        "server"));
  MK_TRY(transcript_.add(message));
  uint8_t hash[crypto::kMaxHashLen];
  const size_t hash_len = transcript_.current(ByteSpan(hash));
  MK_TRY(keys_.derive_application_secrets(ByteView(hash, hash_len)));
  MK_TRY(c.install_read_key(*suite_, keys_.server_application_secret().view()));

  // Our second flight, under the handshake key: [Certificate, CertificateVerify],
  // Finished.
  if (client_auth_requested_) MK_TRY(send_client_auth(c, U16List{requested_schemes_.view()}));
  MK_TRY(send_finished(c, transcript_, keys_, keys_.client_handshake_secret().view()));
  MK_TRY(c.install_write_key(*suite_, keys_.client_application_secret().view()));
  c.keep_application_secrets(*suite_, keys_.server_application_secret().view(),
                             keys_.client_application_secret().view());
  keys_.forget_handshake_secrets();
  return c.complete_handshake();
}

Err ClientHandshake::send_client_auth(Connection& c, U16List requested_schemes) {
  // RFC 8446 4.4.2: with no certificate that fits the request, send an empty one
  // and let the server decide whether it can go on without.
  const uint16_t scheme =
      cfg_.has_identity() ? choose_signature_scheme(cfg_.private_key(), requested_schemes) : 0;
  if (scheme == 0) return send_certificate(c, transcript_, {});
  ByteView certs[kMaxChainCerts];
  const size_t n = chain_views(cfg_.chain(), certs);
  MK_TRY(send_certificate(c, transcript_, std::span<const ByteView>(certs, n)));
  return send_certificate_verify(c, transcript_, scheme, /*from_server=*/false);
}

// What the server says about our server_name, ALPN and record_size_limit offers
// (TLS 1.3 EncryptedExtensions, TLS 1.2 ServerHello).
Err ClientHandshake::check_server_extensions(Connection& c, bool server_name, bool alpn,
                                             ByteView protocol, uint16_t record_size_limit) {
  if (server_name && !send_sni_)
    return c.fail(MK_ERR_UNSUPPORTED_EXTENSION, "server acknowledged a server_name never sent");
  if (alpn) {
    if (cfg_.alpn().empty())
      return c.fail(MK_ERR_UNSUPPORTED_EXTENSION,
                    "server chose an ALPN protocol, none was offered");
    if (!alpn_list_contains(cfg_.alpn(), protocol))
      return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server chose an ALPN protocol that was not offered");
    MK_TRY(c.set_alpn(protocol));
  }
  if (record_size_limit != 0) {
    if (record_size_limit < 64)
      return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server record_size_limit %u is below 64",
                    record_size_limit);
    // The server understood the extension, so our own limit now holds too.
    c.set_record_size_limits(record_size_limit, cfg_.record_size_limit());
  }
  return MK_OK;
}

Err ClientHandshake::on_change_cipher_spec(Connection& c) {
  if (!tls12_ || c.hs_state() != HsState::client12_wait_change_cipher_spec)
    return c.fail(MK_ERR_UNEXPECTED_MESSAGE, "server sent change_cipher_spec out of order");
  if constexpr (kTls12Enabled)
    MK_TRY(
        c.install_read_key12(*suite_, key_block_.server_key.view(), key_block_.server_iv.view()));
  c.set_hs_state(HsState::client12_wait_finished);
  return MK_OK;
}

}  // namespace mk::tls
