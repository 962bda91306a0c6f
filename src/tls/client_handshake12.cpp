// The TLS 1.2 client handshake (RFC 5246 7.3), ECDHE with AEAD suites only:
// ServerHello, Certificate, ServerKeyExchange, [CertificateRequest],
// ServerHelloDone; then our [Certificate], ClientKeyExchange, [CertificateVerify],
// change_cipher_spec and Finished; then the server's change_cipher_spec and
// Finished. The extended master secret (RFC 7627) is required: without it a
// man in the middle can synchronise two sessions' keys (the triple handshake).
#include <algorithm>
#include <cstring>

#include "base/declassify.h"
#include "base/secure.h"
#include "tls/client_handshake.h"
#include "tls/connection.h"
#include "tls/handshake_auth.h"
#include "tls/messages12.h"
#include "tls/negotiation.h"

namespace mk::tls {
namespace {

bool ends_with(ByteView random, const uint8_t (&tail)[8]) {
  return random.size() == kRandomLen && std::equal(random.end() - 8, random.end(), tail);
}

bool contains_byte(ByteView list, uint8_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

Err ClientHandshake::on_server_hello12(Connection& c, const ServerHello& sh, ByteView message) {
  // RFC 8446 4.1.3: a TLS 1.3 server that negotiates an older version says so in
  // its random; a client that offered TLS 1.3 must not be talked down.
  if (cfg_.allows(kTls13) &&
      (ends_with(sh.random, kDowngradeTls12) || ends_with(sh.random, kDowngradeTls11)))
    return c.fail(MK_ERR_DOWNGRADE, "server signalled a downgrade from TLS 1.3 to TLS 1.2");
  const CipherSuite* suite = find_cipher_suite(sh.cipher_suite);
  const bool offered = suite && suite->version == kTls12 &&
                       std::find(offered_suites_, offered_suites_ + n_offered_suites_,
                                 sh.cipher_suite) != offered_suites_ + n_offered_suites_;
  if (!offered)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER,
                  "server chose cipher suite 0x%04x, which was not offered", sh.cipher_suite);
  if (sh.compression_method != 0)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server chose a compression method");
  // Nothing was offered for resumption: a server echoing our session id would be
  // resuming a session that never existed.
  if (session_id_len_ > 0 &&
      ct_equal(sh.legacy_session_id_echo, ByteView(session_id_, session_id_len_)))
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server claims to resume a session never offered");

  ServerHello12Extensions ext;
  MK_TRY(parse_server_hello12_extensions(sh.extensions, ext));
  if (!ext.has_extended_master_secret)
    return c.fail(MK_ERR_NO_EXTENDED_MASTER_SECRET,
                  "server does not support the extended master secret (RFC 7627)");
  // RFC 5746 3.4: on a first handshake the field must be empty.
  if (ext.has_renegotiation_info && !ext.renegotiation_info.empty())
    return c.fail(MK_ERR_RENEGOTIATION, "server sent renegotiation data on a first handshake");
  if (ext.has_ec_point_formats && !contains_byte(ext.ec_point_formats, 0))
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server does not accept uncompressed points");
  MK_TRY(check_server_extensions(c, ext.has_server_name, ext.has_alpn, ext.alpn_protocol,
                                 ext.record_size_limit));

  tls12_ = true;
  suite_ = suite;
  std::copy(sh.random.begin(), sh.random.end(), server_random_);
  MK_TRY(transcript_.select(suite->hash()));
  MK_TRY(transcript_.add(message));
  Negotiated& n = c.negotiated();
  n.version = kTls12;
  n.cipher_suite = suite->id;
  c.set_hs_state(HsState::client12_wait_certificate);
  return MK_OK;
}

Err ClientHandshake::on_message12(Connection& c, uint8_t type, ByteView body, ByteView message) {
  switch (type) {
    case kCertificate:
      return on_certificate12(c, body, message);
    case kServerKeyExchange:
      return on_server_key_exchange(c, body, message);
    case kCertificateRequest:
      return on_certificate_request12(c, body, message);
    case kServerHelloDone:
      return on_server_hello_done(c, body, message);
    case kFinished:
      return on_finished12(c, body, message);
    default:
      return MK_ERR_UNEXPECTED_MESSAGE;  // the order table lets nothing else through
  }
}

Err ClientHandshake::on_certificate12(Connection& c, ByteView body, ByteView message) {
  CertificateMsg cm;
  MK_TRY(parse_certificate12(body, cm));
  if (cm.certs().empty()) return c.fail(MK_ERR_CERT_EMPTY_CHAIN, "server sent no certificate");
  x509::VerifyParams params;
  if (!skip_name_check_) params.name = as_chars(server_name_.view());
  params.purpose = x509::Purpose::server_auth;
  MK_TRY(check_peer_chain(c, cm.certs(), params, peer_key_));
  // The suite fixed how the server signs: its key must be of that kind.
  if (!suite_fits_key(*suite_, peer_key_.type))
    return c.fail(MK_ERR_CERT_UNSUPPORTED_KEY,
                  "server certificate key does not fit the cipher suite %s", suite_->name);
  MK_TRY(transcript_.add(message));
  c.set_hs_state(HsState::client12_wait_server_key_exchange);
  return MK_OK;
}

Err ClientHandshake::on_server_key_exchange(Connection& c, ByteView body, ByteView message) {
  ServerKeyExchange ske;
  MK_TRY(parse_server_key_exchange(body, ske));
  const auto groups = cfg_.groups();
  const crypto::KxGroup* group = crypto::kx_group(ske.group);
  if (!group || std::find(groups.begin(), groups.end(), ske.group) == groups.end())
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server chose group 0x%04x, which was not offered",
                  ske.group);
  const auto accepted = Config::accepted_signature_schemes();
  if (std::find(accepted.begin(), accepted.end(), ske.scheme) == accepted.end())
    return c.fail(MK_ERR_ILLEGAL_PARAMETER,
                  "server signed with scheme 0x%04x, which was not offered", ske.scheme);
  // RFC 8422 5.4: the signature covers both randoms and the parameters.
  uint8_t content[2 * kRandomLen + 4 + crypto::kMaxKxPublicLen];
  if (ske.params.size() > sizeof content - 2 * kRandomLen) return MK_ERR_DECODE;
  std::memcpy(content, random_, kRandomLen);
  std::memcpy(content + kRandomLen, server_random_, kRandomLen);
  std::memcpy(content + 2 * kRandomLen, ske.params.data(), ske.params.size());
  Err e = crypto::verify(tls12_provider_scheme(ske.scheme), peer_key_,
                         ByteView(content, 2 * kRandomLen + ske.params.size()), ske.signature);
  if (e == MK_ERR_NO_COMMON_SIGNATURE)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "server signed with a scheme its key cannot make");
  if (e != MK_OK) return c.fail(MK_ERR_DECRYPT_ERROR, "server's key exchange signature is invalid");

  // The key share sent for TLS 1.3 serves when the server picked its group.
  if (share_.group() != group) MK_TRY(share_.generate(*group, cfg_.rng()));
  e = share_.derive(ske.point, pre_master_.resize(group->shared_len));
  if (e != MK_OK) return c.fail(e, "server key share for %s is invalid", group->name);
  Negotiated& n = c.negotiated();
  n.group = group->id;
  n.peer_signature_scheme = ske.scheme;
  MK_TRY(transcript_.add(message));
  c.set_hs_state(HsState::client12_wait_cert_request_or_done);
  return MK_OK;
}

Err ClientHandshake::on_certificate_request12(Connection& c, ByteView body, ByteView message) {
  CertificateRequest12 cr;
  MK_TRY(parse_certificate_request12(body, cr));
  client_auth_requested_ = true;
  requested_schemes_.clear();
  if (!requested_schemes_.append(cr.signature_algorithms.raw)) return MK_ERR_OUT_OF_MEMORY;
  MK_TRY(transcript_.add(message));
  c.set_hs_state(HsState::client12_wait_server_hello_done);
  return MK_OK;
}

Err ClientHandshake::on_server_hello_done(Connection& c, ByteView body, ByteView message) {
  MK_TRY(parse_server_hello_done(body));
  MK_TRY(transcript_.add(message));

  // [Certificate]: a CertificateVerify in TLS 1.2 signs the running transcript
  // hash, so only a scheme on the suite's hash will do; without one, or without a
  // certificate, send an empty list (RFC 5246 7.4.6).
  uint16_t scheme = 0;
  if (client_auth_requested_) {
    if (cfg_.has_identity())
      scheme = choose_signature_scheme12(cfg_.private_key(), U16List{requested_schemes_.view()},
                                         &suite_->hash());
    ByteView certs[kMaxChainCerts];
    const size_t n = scheme ? chain_views(cfg_.chain(), certs) : 0;
    size_t bound = 64;
    for (size_t i = 0; i < n; ++i) bound += certs[i].size() + 3;
    MK_TRY(send_message(c, transcript_, bound, [&](Writer& w) {
      write_certificate12(w, std::span<const ByteView>(certs, n));
    }));
  }
  MK_TRY(send_message(c, transcript_, 16 + share_.public_key().size(),
                      [&](Writer& w) { write_client_key_exchange(w, share_.public_key()); }));

  // RFC 7627 4: the master secret is bound to the handshake through the key exchange.
  uint8_t hash[crypto::kMaxHashLen];
  size_t hash_len = transcript_.current(ByteSpan(hash));
  MK_TRY(extended_master_secret(suite_->hash(), pre_master_.view(), ByteView(hash, hash_len),
                                master_));
  pre_master_.wipe();
  MK_TRY(key_block12(*suite_, master_, ByteView(random_), ByteView(server_random_), key_block_));

  if (scheme != 0) {
    uint8_t sig[crypto::kMaxSignatureLen];
    size_t sig_len = 0;
    MK_TRY(crypto::sign_digest(tls12_provider_scheme(scheme), cfg_.private_key(),
                               ByteView(hash, hash_len), cfg_.rng(), ByteSpan(sig), &sig_len));
    c.negotiated().local_signature_scheme = scheme;
    MK_TRY(send_message(c, transcript_, sig_len + 16, [&](Writer& w) {
      write_certificate_verify(w, scheme, ByteView(sig, sig_len));
    }));
  }
  MK_TRY(c.send_change_cipher_spec());
  MK_TRY(c.install_write_key12(*suite_, key_block_.client_key.view(), key_block_.client_iv.view()));
  hash_len = transcript_.current(ByteSpan(hash));
  uint8_t verify_data[kFinished12Len];
  MK_TRY(finished12(suite_->hash(), master_, /*from_client=*/true, ByteView(hash, hash_len),
                    ByteSpan(verify_data)));
  MK_TRY(send_message(c, transcript_, kHandshakeHeaderLen + kFinished12Len,
                      [&](Writer& w) { write_finished(w, ByteView(verify_data)); }));
  c.set_hs_state(HsState::client12_wait_change_cipher_spec);
  return MK_OK;
}

Err ClientHandshake::on_finished12(Connection& c, ByteView body, ByteView message) {
  (void)message;
  ByteView verify_data;
  MK_TRY(parse_finished(body, kFinished12Len, verify_data));
  uint8_t hash[crypto::kMaxHashLen];
  const size_t hash_len = transcript_.current(ByteSpan(hash));
  Secret<kFinished12Len> expected;
  MK_TRY(finished12(suite_->hash(), master_, /*from_client=*/false, ByteView(hash, hash_len),
                    expected.resize(kFinished12Len)));
  if (!declassify(ct_equal(verify_data, expected.view())))
    return c.fail(MK_ERR_DECRYPT_ERROR, "server Finished does not match the handshake");
  return c.complete_handshake();
}

}  // namespace mk::tls
