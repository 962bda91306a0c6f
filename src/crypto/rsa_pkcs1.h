// RSASSA-PKCS1-v1_5 (RFC 8017 8.2, 9.2) with SHA-2, over the provider's raw RSA.
// Verification re-encodes and compares (8.2.2 step 3), so exactly one encoding is
// accepted: no BER DigestInfo, no missing NULL parameters, no short padding.
#pragma once

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/provider.h"

namespace mk::crypto {

// EMSA-PKCS1-v1_5-ENCODE (9.2) of the message hash into em (the modulus length).
// MK_ERR_INVALID_ARGUMENT when em is shorter than the DigestInfo plus 11 bytes.
Err emsa_pkcs1_encode(const HashAlg& hash, ByteView mhash, ByteSpan em);

// RSASSA-PKCS1-V1_5-SIGN. sig must hold the modulus length; *sig_len receives it.
Err rsassa_pkcs1_sign(const HashAlg& hash, const PrivateKey& key, ByteView mhash, ByteSpan sig,
                      size_t* sig_len);

// RSASSA-PKCS1-V1_5-VERIFY. MK_ERR_DECRYPT_ERROR on any mismatch.
Err rsassa_pkcs1_verify(const HashAlg& hash, const PublicKey& key, ByteView mhash, ByteView sig);

}  // namespace mk::crypto
