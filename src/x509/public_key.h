// SubjectPublicKeyInfo -> crypto::PublicKey, with the key policy Meerkat applies
// to every certificate: ECDSA on P-256 or P-384 (named curve, uncompressed point),
// RSA of 2048 to 4096 bits in whole octets with an odd exponent of at least 3.
#pragma once

#include <cstddef>

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/provider.h"

namespace mk::x509 {

// MK_OK, or MK_ERR_CERT_MALFORMED, MK_ERR_CERT_UNSUPPORTED_KEY or
// MK_ERR_CERT_WEAK_KEY with a phrase in why ("an RSA key of 1024 bits").
Err parse_public_key(ByteView spki, crypto::PublicKey& out, char* why, size_t why_cap);

}  // namespace mk::x509
