// The TLS 1.3 key schedule (RFC 8446 7.1) without PSK: early secret from zeros,
// handshake secret from the (EC)DHE shared secret, master secret, and the traffic
// secrets derived from them. Every secret is wiped when replaced or destroyed.
#pragma once

#include <string_view>

#include "base/bytes.h"
#include "base/secure.h"
#include "crypto/provider.h"
#include "tls/cipher_suite.h"

namespace mk::tls {

using TrafficSecret = Secret<crypto::kMaxHashLen>;

// HKDF-Expand-Label(secret, label, context, out.size()) with the "tls13 " prefix.
// MK_ERR_INVALID_ARGUMENT when the label or context is too long for the HkdfLabel.
Err hkdf_expand_label(const crypto::HashAlg& alg, ByteView secret, std::string_view label,
                      ByteView context, ByteSpan out);
// Derive-Secret(secret, label, messages) given the transcript hash of messages.
// out must be exactly alg.out_len bytes (else MK_ERR_INVALID_ARGUMENT).
Err derive_secret(const crypto::HashAlg& alg, ByteView secret, std::string_view label,
                  ByteView transcript_hash, ByteSpan out);

// The stages of the secret chain, exposed so each can be checked against RFC 8448.
// out must be exactly alg.out_len bytes.
// Early secret without a PSK: HKDF-Extract(0, 0).
Err early_secret(const crypto::HashAlg& alg, ByteSpan out);
// The next secret of the chain: HKDF-Extract(Derive-Secret(previous, "derived", ""), ikm).
// The handshake secret takes the (EC)DHE shared secret as ikm, the master secret
// hash-length zeros.
Err next_stage_secret(const crypto::HashAlg& alg, ByteView previous, ByteView ikm, ByteSpan out);

// The write key and IV of a traffic secret (RFC 8446 7.3).
struct TrafficKeys {
  Secret<crypto::kMaxAeadKeyLen> key;
  Secret<crypto::kAeadNonceLen> iv;
};
Err derive_traffic_keys(const CipherSuite& suite, ByteView traffic_secret, TrafficKeys& out);

class KeySchedule {
 public:
  void init(const CipherSuite& suite);
  const CipherSuite* suite() const { return suite_; }

  // Early secret (no PSK) -> handshake secret, then client/server handshake
  // traffic secrets for the transcript hash of ClientHello..ServerHello.
  // MK_ERR_BAD_STATE before init(); MK_ERR_INVALID_ARGUMENT for a hash of the wrong
  // length.
  Err derive_handshake_secrets(ByteView shared_secret, ByteView hello_hash);
  // Master secret -> client/server application traffic secrets for the transcript
  // hash of ClientHello..server Finished. Wipes the handshake secret.
  // MK_ERR_BAD_STATE unless the handshake secrets were derived first.
  Err derive_application_secrets(ByteView server_finished_hash);

  const TrafficSecret& client_handshake_secret() const { return c_hs_; }
  const TrafficSecret& server_handshake_secret() const { return s_hs_; }
  const TrafficSecret& client_application_secret() const { return c_ap_; }
  const TrafficSecret& server_application_secret() const { return s_ap_; }

  // Finished verify_data = HMAC(finished_key(base_secret), transcript_hash).
  // out holds the hash length; returns it, or 0 before init() or when out is short.
  size_t finished_verify_data(ByteView base_secret, ByteView transcript_hash, ByteSpan out) const;

  // Drop the handshake traffic secrets once the handshake is over.
  void forget_handshake_secrets();

 private:
  const CipherSuite* suite_ = nullptr;
  TrafficSecret handshake_secret_, c_hs_, s_hs_, c_ap_, s_ap_;
};

// application_traffic_secret_N+1 (KeyUpdate), in place.
Err next_application_secret(const crypto::HashAlg& alg, TrafficSecret& secret);

}  // namespace mk::tls
