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

// Server: the first of our suites of this version that the client offers; for TLS
// 1.2 also one whose authentication fits our key. nullptr when none.
const CipherSuite* choose_cipher_suite(std::span<const uint16_t> ours, U16List offered,
                                       uint16_t version, crypto::KeyType key_type);

// Whether a suite authenticates with this kind of key (TLS 1.3 suites: any).
bool suite_fits_key(const CipherSuite& suite, crypto::KeyType key_type);

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

// TLS 1.2 signatures (RFC 5246 7.4.1.4.1, RFC 8446 4.2.3): the ECDSA code points
// name only the hash, on any curve; PKCS#1 v1.5 is allowed. The provider's code for
// what a wire scheme means in TLS 1.2.
uint16_t tls12_provider_scheme(uint16_t wire_scheme);
// The first of our acceptable schemes that the peer offers and the key can make in
// TLS 1.2; with `hash` set, only schemes on that hash (a CertificateVerify signs the
// running transcript hash). 0 when none fits.
uint16_t choose_signature_scheme12(const crypto::PrivateKey& key, U16List offered,
                                   const crypto::HashAlg* hash);
// Whether wire_scheme uses this hash.
bool scheme_uses_hash(uint16_t wire_scheme, const crypto::HashAlg& hash);

// Server: the first of our ALPN protocols (a ProtocolNameList body) that the client
// offers. Empty when none matches. MK_ERR_DECODE when the client's list is malformed.
Err choose_alpn(ByteView ours, ByteView offered, ByteView* chosen);

// Whether protocol is one of the names in a ProtocolNameList body.
bool alpn_list_contains(ByteView list, ByteView protocol);

}  // namespace mk::tls
