// ECDSA on BearSSL, for the signature dispatcher (signature.cpp). DER on the
// outside, raw r || s towards BearSSL.
#pragma once

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/provider.h"

namespace mk::crypto::bearssl {

// Verify a DER signature over a message digest (any length: ECDSA truncates or
// pads it as SEC 1 says). MK_ERR_NO_COMMON_SIGNATURE for curves we do not do or a
// point of the wrong length; MK_ERR_DECRYPT_ERROR for anything else that fails.
Err ecdsa_verify(const PublicKey& key, ByteView digest, ByteView der);

// Sign a digest of hash (deterministic nonce, RFC 6979); DER into sig.
Err ecdsa_sign(const PrivateKey& key, const HashAlg& hash, ByteView digest, ByteSpan sig,
               size_t* sig_len);

}  // namespace mk::crypto::bearssl
