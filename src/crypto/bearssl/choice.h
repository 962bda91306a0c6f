// Which BearSSL implementation backs each primitive on this CPU. BearSSL ships
// several constant-time variants per primitive; the fastest ones need CPU
// features (AES-NI, PCLMULQDQ, SSE2, 64-bit multiplies) and are only reachable
// through *_get() accessors that return null when the feature is missing. We ask
// once, at first use, and keep the answer for the life of the process.
#pragma once

#include <bearssl.h>

#include "crypto/provider.h"

namespace mk::crypto::bearssl {

struct Choice {
  const br_block_ctr_class* aes_ctr;
  br_ghash ghash;
  br_chacha20_run chacha20;
  br_poly1305_run poly1305;
  const br_ec_impl* x25519;
  const br_ec_impl* p256;
  const br_ec_impl* p384;
  br_rsa_public rsa_public;
  br_rsa_private rsa_private;
  br_rsa_keygen rsa_keygen;
  // ECDSA on raw r || s: the DER side is ours (src/crypto/ecdsa_der.h), because
  // BearSSL's asn1 variants accept non-canonical encodings.
  br_ecdsa_sign ecdsa_sign;
  br_ecdsa_vrfy ecdsa_vrfy;
  const char* summary;
};

const Choice& choice();

// The BearSSL hash class behind one of our hash descriptors.
const br_hash_class* hash_class(const HashAlg& alg);

// The EC implementation and BearSSL curve id for one of our curves (nullptr and 0
// for curves we do not do).
const br_ec_impl* ec_impl(Curve curve);
int ec_curve_id(Curve curve);
// The curve's subgroup order n, big-endian (empty for curves we do not do).
ByteView ec_order(Curve curve);

}  // namespace mk::crypto::bearssl
