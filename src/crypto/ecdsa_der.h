// ECDSA signatures as TLS and X.509 carry them: DER SEQUENCE { INTEGER r, INTEGER s }
// (RFC 8446 4.2.3, RFC 5480 2.2.3). BER leniency here makes signatures malleable,
// so decoding accepts exactly one encoding per (r, s).
#pragma once

#include "base/bytes.h"
#include "base/error.h"

namespace mk::crypto {

// DER to raw r || s, each left-padded to order.size() bytes (raw is twice that).
// Refused with MK_ERR_DECRYPT_ERROR: another tag, a long-form length that fits the
// short form, a length that disagrees with the content, bytes after the sequence,
// an integer with a superfluous leading zero, a negative integer, r or s outside
// [1, n-1].
Err ecdsa_der_to_raw(ByteView der, ByteView order, ByteSpan raw);

// Raw r || s (two halves of equal length) to DER in out; *out_len receives the
// length. MK_ERR_INVALID_ARGUMENT when out is too short.
Err ecdsa_raw_to_der(ByteView raw, ByteSpan out, size_t* out_len);

}  // namespace mk::crypto
