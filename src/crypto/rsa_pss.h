// RSASSA-PSS (RFC 8017 8.1, 9.1) over the provider's raw RSA. BearSSL 0.6 has no
// PSS, so the encoding is ours. TLS 1.3 fixes the parameters (RFC 8446 4.2.3):
// MGF1 with the message hash, and a salt as long as the hash.
#pragma once

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/provider.h"

namespace mk::crypto {

// EMSA-PSS-ENCODE (9.1.1) of the message hash mhash, with the given salt, into em,
// which must be ceil(em_bits / 8) bytes. MK_ERR_INVALID_ARGUMENT when em is too
// short for the hash and salt.
Err emsa_pss_encode(const HashAlg& hash, const HashAlg& mgf1_hash, ByteView mhash, ByteView salt,
                    size_t em_bits, ByteSpan em);

// EMSA-PSS-VERIFY (9.1.2): MK_OK when em is the encoding of mhash with some salt of
// salt_len bytes, MK_ERR_DECRYPT_ERROR otherwise.
Err emsa_pss_verify(const HashAlg& hash, const HashAlg& mgf1_hash, ByteView mhash, size_t salt_len,
                    size_t em_bits, ByteView em);

// RSASSA-PSS-SIGN with TLS's parameters; the salt comes from rng. sig must hold
// the modulus length; *sig_len receives it.
Err rsassa_pss_sign(const HashAlg& hash, const PrivateKey& key, ByteView mhash, Rng& rng,
                    ByteSpan sig, size_t* sig_len);

// RSASSA-PSS-VERIFY with TLS's parameters. MK_ERR_DECRYPT_ERROR on any mismatch.
Err rsassa_pss_verify(const HashAlg& hash, const PublicKey& key, ByteView mhash, ByteView sig);

}  // namespace mk::crypto
