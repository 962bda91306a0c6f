#include "tls/handshake_auth.h"

#include "base/declassify.h"
#include "base/secure.h"
#include "tls/connection.h"
#include "tls/handshake.h"
#include "tls/names.h"
#include "tls/negotiation.h"

namespace mk::tls {

Err check_peer_chain(Connection& c, std::span<const ByteView> certs, x509::VerifyParams params,
                     crypto::PublicKey& peer_key) {
  const Config& cfg = c.config();
  if (!cfg.verifies_peer()) {
    Err e = x509::public_key_of(certs[0], peer_key);
    if (e != MK_OK) return c.fail(e, "peer certificate could not be parsed");
    return MK_OK;
  }
  params.now = cfg.now();
  params.max_depth = cfg.max_chain_depth();
  x509::VerifyDetail detail;
  Err e = cfg.verify_chain(certs, params, peer_key, &detail);
  if (e != MK_OK) return c.fail(e, "%s", detail.text[0] ? detail.text : err_text(e));
  c.negotiated().peer_verified = true;
  return MK_OK;
}

Err check_certificate_verify(Connection& c, const Transcript& transcript, ByteView body,
                             const crypto::PublicKey& peer_key, bool from_server) {
  CertificateVerify cv;
  MK_TRY(parse_certificate_verify(body, cv));
  bool offered = false;
  for (uint16_t s : Config::accepted_signature_schemes()) offered = offered || s == cv.scheme;
  if (!offered || !is_tls13_signature_scheme(cv.scheme))
    return c.fail(MK_ERR_ILLEGAL_PARAMETER, "peer signed with scheme 0x%04x, which was not offered",
                  cv.scheme);
  uint8_t hash[crypto::kMaxHashLen];
  const size_t hash_len = transcript.current(ByteSpan(hash));
  uint8_t content[64 + 34 + crypto::kMaxHashLen];
  const size_t content_len =
      certificate_verify_content(from_server, ByteView(hash, hash_len), ByteSpan(content));
  Err e = crypto::verify(cv.scheme, peer_key, ByteView(content, content_len), cv.signature);
  if (e == MK_ERR_NO_COMMON_SIGNATURE)
    return c.fail(MK_ERR_ILLEGAL_PARAMETER,
                  "peer signed with %s, which does not fit its certificate key",
                  signature_scheme_name(cv.scheme));
  if (e != MK_OK)
    return c.fail(MK_ERR_DECRYPT_ERROR, "peer's CertificateVerify signature (%s) is invalid",
                  signature_scheme_name(cv.scheme));
  c.negotiated().peer_signature_scheme = cv.scheme;
  return MK_OK;
}

Err check_finished(Connection& c, const Transcript& transcript, const KeySchedule& keys,
                   ByteView base_secret, ByteView body, const char* who) {
  ByteView verify_data;
  MK_TRY(parse_finished(body, transcript.hash_len(), verify_data));
  uint8_t hash[crypto::kMaxHashLen];
  const size_t hash_len = transcript.current(ByteSpan(hash));
  Secret<crypto::kMaxHashLen> expected;
  keys.finished_verify_data(base_secret, ByteView(hash, hash_len), expected.resize(hash_len));
  if (!declassify(ct_equal(verify_data, expected.view())))
    return c.fail(MK_ERR_DECRYPT_ERROR, "%s Finished does not match the handshake", who);
  return MK_OK;
}

size_t chain_views(const x509::CertChain& chain, ByteView (&out)[kMaxChainCerts]) {
  size_t n = 0;
  for (; n < chain.size() && n < kMaxChainCerts; ++n) out[n] = chain.cert(n);
  return n;
}

Err send_certificate(Connection& c, Transcript& transcript, std::span<const ByteView> certs) {
  size_t bound = 64;
  for (ByteView cert : certs) bound += cert.size() + 8;
  return send_message(c, transcript, bound,
                      [&](Writer& w) { write_certificate(w, ByteView{}, certs); });
}

Err send_certificate_verify(Connection& c, Transcript& transcript, uint16_t scheme,
                            bool from_server) {
  uint8_t hash[crypto::kMaxHashLen];
  const size_t hash_len = transcript.current(ByteSpan(hash));
  uint8_t content[64 + 34 + crypto::kMaxHashLen];
  const size_t content_len =
      certificate_verify_content(from_server, ByteView(hash, hash_len), ByteSpan(content));
  uint8_t sig[crypto::kMaxSignatureLen];
  size_t sig_len = 0;
  MK_TRY(crypto::sign(scheme, c.config().private_key(), ByteView(content, content_len),
                      c.config().rng(), ByteSpan(sig), &sig_len));
  c.negotiated().local_signature_scheme = scheme;
  return send_message(c, transcript, sig_len + 16, [&](Writer& w) {
    write_certificate_verify(w, scheme, ByteView(sig, sig_len));
  });
}

Err send_finished(Connection& c, Transcript& transcript, const KeySchedule& keys,
                  ByteView base_secret) {
  uint8_t hash[crypto::kMaxHashLen];
  const size_t hash_len = transcript.current(ByteSpan(hash));
  Secret<crypto::kMaxHashLen> verify_data;
  keys.finished_verify_data(base_secret, ByteView(hash, hash_len), verify_data.resize(hash_len));
  return send_message(c, transcript, hash_len + kHandshakeHeaderLen,
                      [&](Writer& w) { write_finished(w, verify_data.view()); });
}

}  // namespace mk::tls
