// The choices a handshake makes from two lists: ours (in preference order) and the
// peer's. Pure functions, so each rule is tested on its own.
#pragma once

#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "crypto/provider.h"
#include "tls/cipher_suite.h"
#include "tls/messages.h"

namespace mk::tls {

// Server: the first of our suites that the client offers; nullptr when none.
const CipherSuite* choose_cipher_suite(std::span<const uint16_t> ours, U16List offered);

// Server: the group for the key exchange. The first of our groups for which the
// client sent a key share wins, so a usable share never costs a HelloRetryRequest.
// When no share is usable, *retry_group is set to the first of our groups that the
// client supports (0 when none: no common group).
const KeyShareEntry* choose_key_share(std::span<const uint16_t> ours,
                                      std::span<const KeyShareEntry> shares, U16List supported,
                                      uint16_t* retry_group);

// The scheme to sign CertificateVerify with: the first of our acceptable schemes
// that the peer offers and the key can make. TLS 1.3 never signs with PKCS#1 v1.5
// (RFC 8446 4.2.3). 0 when none fits.
uint16_t choose_signature_scheme(const crypto::PrivateKey& key, U16List offered);

// Whether a scheme may appear in a TLS 1.3 CertificateVerify at all.
bool is_tls13_signature_scheme(uint16_t scheme);

// Server: the first of our ALPN protocols (a ProtocolNameList body) that the client
// offers. Empty when none matches. MK_ERR_DECODE when the client's list is malformed.
Err choose_alpn(ByteView ours, ByteView offered, ByteView* chosen);

// Whether protocol is one of the names in a ProtocolNameList body.
bool alpn_list_contains(ByteView list, ByteView protocol);

}  // namespace mk::tls
