// Authentication steps both roles share: checking the peer's Certificate,
// CertificateVerify and Finished, and sending our own. The client runs them on the
// server's flight, the server on the client's (mutual TLS).
#pragma once

#include <span>

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/provider.h"
#include "tls/key_schedule.h"
#include "tls/messages.h"
#include "tls/transcript.h"
#include "x509/x509.h"

namespace mk::tls {

class Connection;

// Verify the peer's chain as the config says (or, with verification off, only take
// the leaf's key: CertificateVerify is still checked with it). Fills params' time
// and depth from the config. On failure the connection fails with the verifier's
// sentence.
Err check_peer_chain(Connection& c, std::span<const ByteView> certs, x509::VerifyParams params,
                     crypto::PublicKey& peer_key);

// Check a CertificateVerify body against the transcript so far (RFC 8446 4.4.3).
Err check_certificate_verify(Connection& c, const Transcript& transcript, ByteView body,
                             const crypto::PublicKey& peer_key, bool from_server);

// Check a Finished body: HMAC of the transcript under base_secret's finished key,
// compared in constant time (RFC 8446 4.4.4). who names the peer for the sentence.
Err check_finished(Connection& c, const Transcript& transcript, const KeySchedule& keys,
                   ByteView base_secret, ByteView body, const char* who);

// Our Certificate (the configured chain; empty when certs is empty).
Err send_certificate(Connection& c, Transcript& transcript, std::span<const ByteView> certs);
// Our CertificateVerify, signed with the config's key.
Err send_certificate_verify(Connection& c, Transcript& transcript, uint16_t scheme,
                            bool from_server);
Err send_finished(Connection& c, Transcript& transcript, const KeySchedule& keys,
                  ByteView base_secret);

// The configured chain as views, leaf first (at most kMaxChainCerts).
size_t chain_views(const x509::CertChain& chain, ByteView (&out)[kMaxChainCerts]);

}  // namespace mk::tls
