// Certificate signature algorithms (RFC 3279, 4055, 5758) mapped to the provider's
// signature schemes. What Meerkat accepts: ECDSA with SHA-256/384/512, RSA PKCS#1
// v1.5 with SHA-256/384/512 and RSA-PSS with SHA-256/384/512, MGF1 with the same
// hash and a salt as long as the hash. MD2/MD4/MD5, SHA-1 and SHA-224 are refused
// as weak.
#pragma once

#include <cstdint>

#include "base/bytes.h"
#include "base/error.h"

namespace mk::x509 {

struct SignatureAlgorithm {
  uint16_t scheme = 0;           // crypto::k* signature scheme
  const char* name = "unknown";  // e.g. "ecdsa-with-SHA256", for messages
};

// MK_OK, MK_ERR_CERT_WEAK_SIGNATURE, MK_ERR_CERT_UNSUPPORTED_SIGNATURE or
// MK_ERR_CERT_MALFORMED. out.name is set whenever the algorithm is recognised.
Err parse_signature_algorithm(ByteView algorithm_identifier, SignatureAlgorithm& out);

}  // namespace mk::x509
