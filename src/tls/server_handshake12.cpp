// The TLS 1.2 server handshake (RFC 5246 7.3), ECDHE with AEAD suites only:
// ServerHello, Certificate, ServerKeyExchange, [CertificateRequest] and
// ServerHelloDone in one flight; then the client's [Certificate],
// ClientKeyExchange, [CertificateVerify], change_cipher_spec and Finished; then
// ours. Clients without the extended master secret (RFC 7627) are refused, and a
// session is never resumed or renegotiated.
#include <algorithm>
#include <cstring>

#include "base/declassify.h"
#include "base/secure.h"
#include "tls/connection.h"
#include "tls/handshake_auth.h"
#include "tls/messages12.h"
#include "tls/negotiation.h"
#include "tls/server_handshake.h"

namespace mk::tls {
namespace {

bool contains_byte(ByteView list, uint8_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// What we ask a client to sign its CertificateVerify with: our acceptable schemes
// on the suite's hash (TLS 1.2 signs the running transcript hash).
size_t client_auth_schemes(const crypto::HashAlg& hash, uint16_t (&out)[16]) {
  size_t n = 0;
  for (uint16_t scheme : Config::accepted_signature_schemes())
    if (scheme_uses_hash(scheme, hash) && n < 16) out[n++] = scheme;
  return n;
}

}  // namespace

Err ServerHandshake::on_client_hello12(Connection& c, const ClientHello& ch, ByteView message) {
  tls12_ = true;
  c.negotiated().version = kTls12;
  // RFC 5246 7.4.1.2: the null method is always among those offered.
  if (!contains_byte(ch.compression_methods, 0))
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "client hello does not offer null compression");
  const crypto::PrivateKey& key = cfg_.private_key();
  suite_ = choose_cipher_suite(cfg_.cipher_suites(), ch.cipher_suites, kTls12, key.type);
  if (!suite_)
    return c.fail(MK_ERR_NO_COMMON_SUITE,
                  "client offers none of the server's TLS 1.2 cipher suites for its key");
  if (!ch.has_extended_master_secret)
    return c.fail(MK_ERR_NO_EXTENDED_MASTER_SECRET,
                  "client does not support the extended master secret (RFC 7627)");
  // RFC 5746 3.6: a first handshake carries an empty renegotiation_info.
  if (ch.has_renegotiation_info && !ch.renegotiation_info.empty())
    return c.fail(MK_ERR_RENEGOTIATION, "client sent renegotiation data on a first handshake");
  const bool secure_renegotiation =
      ch.has_renegotiation_info || ch.cipher_suites.contains(kRenegotiationScsv);
  if (ch.has_ec_point_formats && !contains_byte(ch.ec_point_formats, 0))
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "client does not accept uncompressed points");
  uint16_t group_id = 0;
  if (ch.has_supported_groups)
    for (uint16_t g : cfg_.groups())
      if (group_id == 0 && ch.supported_groups.contains(g)) group_id = g;
  if (group_id == 0)
    return c.fail(MK_ERR_NO_COMMON_GROUP, "client supports none of the server's groups");
  // Without signature_algorithms TLS 1.2 defaults to SHA-1, which Meerkat refuses.
  if (ch.has_signature_algorithms)
    scheme_ = choose_signature_scheme12(key, ch.signature_algorithms, nullptr);
  if (scheme_ == 0)
    return c.fail(MK_ERR_NO_COMMON_SIGNATURE,
                  "client accepts no signature scheme that the server's key can make");
  ByteView alpn;
  MK_TRY(accept_client_extensions(c, ch, &alpn));

  std::copy(ch.random.begin(), ch.random.end(), client_random_);
  MK_TRY(cfg_.rng().fill(ByteSpan(server_random_)));
  // RFC 8446 4.1.3: a server that could have spoken TLS 1.3 says it did not.
  if (cfg_.allows(kTls13))
    std::copy(std::begin(kDowngradeTls12), std::end(kDowngradeTls12), server_random_ + 24);
  MK_TRY(transcript_.select(suite_->hash()));
  MK_TRY(transcript_.add(message));

  ServerHello12Params sh;
  sh.random = ByteView(server_random_);
  sh.cipher_suite = suite_->id;
  sh.renegotiation_info = secure_renegotiation;
  sh.ec_point_formats = ch.has_ec_point_formats;
  sh.alpn_protocol = alpn;
  sh.ack_server_name = ch.has_server_name;
  sh.record_size_limit = ch.record_size_limit != 0 ? cfg_.record_size_limit() : 0;
  MK_TRY(send_message(c, transcript_, 128 + alpn.size(),
                      [&](Writer& w) { write_server_hello12(w, sh); }));
  ByteView certs[kMaxChainCerts];
  const size_t n = chain_views(cfg_.chain(), certs);
  size_t bound = 64;
  for (size_t i = 0; i < n; ++i) bound += certs[i].size() + 3;
  MK_TRY(send_message(c, transcript_, bound, [&](Writer& w) {
    write_certificate12(w, std::span<const ByteView>(certs, n));
  }));

  // ServerKeyExchange: our ephemeral point, signed with both randoms (RFC 8422 5.4).
  const crypto::KxGroup* group = crypto::kx_group(group_id);
  if (!group) return MK_ERR_INTERNAL;
  MK_TRY(share_.generate(*group, cfg_.rng()));
  uint8_t content[2 * kRandomLen + 4 + crypto::kMaxKxPublicLen];
  std::memcpy(content, client_random_, kRandomLen);
  std::memcpy(content + kRandomLen, server_random_, kRandomLen);
  const size_t params_len =
      write_ecdhe_params(ByteSpan(content).subspan(2 * kRandomLen), group->id, share_.public_key());
  if (params_len == 0) return MK_ERR_INTERNAL;
  uint8_t sig[crypto::kMaxSignatureLen];
  size_t sig_len = 0;
  MK_TRY(crypto::sign(tls12_provider_scheme(scheme_), key,
                      ByteView(content, 2 * kRandomLen + params_len), cfg_.rng(), ByteSpan(sig),
                      &sig_len));
  const ByteView params(content + 2 * kRandomLen, params_len);
  c.negotiated().local_signature_scheme = scheme_;
  MK_TRY(send_message(c, transcript_, params_len + sig_len + 16, [&](Writer& w) {
    write_server_key_exchange(w, params, scheme_, ByteView(sig, sig_len));
  }));
  if (cfg_.verifies_peer()) {
    uint16_t schemes[16];
    const size_t count = client_auth_schemes(suite_->hash(), schemes);
    MK_TRY(send_message(c, transcript_, 64 + 2 * count, [&](Writer& w) {
      write_certificate_request12(w, std::span<const uint16_t>(schemes, count));
    }));
  }
  MK_TRY(send_message(c, transcript_, kHandshakeHeaderLen,
                      [&](Writer& w) { write_server_hello_done(w); }));

  Negotiated& neg = c.negotiated();
  neg.cipher_suite = suite_->id;
  neg.group = group->id;
  c.set_hs_state(cfg_.verifies_peer() ? HsState::server12_wait_certificate
                                      : HsState::server12_wait_client_key_exchange);
  return MK_OK;
}

Err ServerHandshake::on_message12(Connection& c, uint8_t type, ByteView body, ByteView message) {
  switch (type) {
    case kCertificate:
      return on_certificate12(c, body, message);
    case kClientKeyExchange:
      return on_client_key_exchange(c, body, message);
    case kCertificateVerify:
      return on_certificate_verify12(c, body, message);
    case kFinished:
      return on_finished12(c, body, message);
    default:
      return MK_ERR_UNEXPECTED_MESSAGE;  // the order table lets nothing else through
  }
}

Err ServerHandshake::on_certificate12(Connection& c, ByteView body, ByteView message) {
  CertificateMsg cm;
  MK_TRY(parse_certificate12(body, cm));
  MK_TRY(transcript_.add(message));
  if (cm.certs().empty()) {
    if (cfg_.requires_client_cert())
      return c.fail(MK_ERR_CERTIFICATE_REQUIRED, "client sent no certificate");
  } else {
    x509::VerifyParams params;
    params.purpose = x509::Purpose::client_auth;
    MK_TRY(check_peer_chain(c, cm.certs(), params, peer_key_));
    client_certified_ = true;
  }
  c.set_hs_state(HsState::server12_wait_client_key_exchange);
  return MK_OK;
}

Err ServerHandshake::on_client_key_exchange(Connection& c, ByteView body, ByteView message) {
  ByteView point;
  MK_TRY(parse_client_key_exchange(body, point));
  Secret<crypto::kMaxSharedSecretLen> pre_master;
  Err e = share_.derive(point, pre_master.resize(share_.group()->shared_len));
  if (e != MK_OK) return c.fail(e, "client key share for %s is invalid", share_.group()->name);
  MK_TRY(transcript_.add(message));
  // RFC 7627 4: the session hash runs through ClientKeyExchange.
  uint8_t hash[crypto::kMaxHashLen];
  const size_t hash_len = transcript_.current(ByteSpan(hash));
  MK_TRY(
      extended_master_secret(suite_->hash(), pre_master.view(), ByteView(hash, hash_len), master_));
  MK_TRY(key_block12(*suite_, master_, ByteView(client_random_), ByteView(server_random_),
                     key_block_));
  c.set_hs_state(client_certified_ ? HsState::server12_wait_certificate_verify
                                   : HsState::server12_wait_change_cipher_spec);
  return MK_OK;
}

Err ServerHandshake::on_certificate_verify12(Connection& c, ByteView body, ByteView message) {
  CertificateVerify cv;
  MK_TRY(parse_certificate_verify(body, cv));
  uint16_t schemes[16];
  const size_t count = client_auth_schemes(suite_->hash(), schemes);
  if (std::find(schemes, schemes + count, cv.scheme) == schemes + count)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER,
                  "client signed with scheme 0x%04x, which was not offered", cv.scheme);
  uint8_t hash[crypto::kMaxHashLen];
  const size_t hash_len = transcript_.current(ByteSpan(hash));
  Err e = crypto::verify_digest(tls12_provider_scheme(cv.scheme), peer_key_,
                                ByteView(hash, hash_len), cv.signature);
  if (e == MK_ERR_NO_COMMON_SIGNATURE)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "client signed with a scheme its key cannot make");
  if (e != MK_OK)
    return c.fail(MK_ERR_DECRYPT_ERROR, "client's CertificateVerify signature is invalid");
  c.negotiated().peer_signature_scheme = cv.scheme;
  MK_TRY(transcript_.add(message));
  c.set_hs_state(HsState::server12_wait_change_cipher_spec);
  return MK_OK;
}

Err ServerHandshake::on_finished12(Connection& c, ByteView body, ByteView message) {
  ByteView verify_data;
  MK_TRY(parse_finished(body, kFinished12Len, verify_data));
  uint8_t hash[crypto::kMaxHashLen];
  size_t hash_len = transcript_.current(ByteSpan(hash));
  Secret<kFinished12Len> expected;
  MK_TRY(finished12(suite_->hash(), master_, /*from_client=*/true, ByteView(hash, hash_len),
                    expected.resize(kFinished12Len)));
  if (!declassify(ct_equal(verify_data, expected.view())))
    return c.fail(MK_ERR_DECRYPT_ERROR, "client Finished does not match the handshake");
  MK_TRY(transcript_.add(message));

  MK_TRY(c.send_change_cipher_spec());
  MK_TRY(c.install_write_key12(*suite_, key_block_.server_key.view(), key_block_.server_iv.view()));
  hash_len = transcript_.current(ByteSpan(hash));
  uint8_t ours[kFinished12Len];
  MK_TRY(finished12(suite_->hash(), master_, /*from_client=*/false, ByteView(hash, hash_len),
                    ByteSpan(ours)));
  MK_TRY(send_message(c, transcript_, kHandshakeHeaderLen + kFinished12Len,
                      [&](Writer& w) { write_finished(w, ByteView(ours)); }));
  return c.complete_handshake();
}

}  // namespace mk::tls
