// What a SignatureScheme code point means to the provider: which padding, which
// hash, which curve. One table, so verify, sign and can_sign cannot disagree.
#pragma once

#include <cstdint>

#include "crypto/provider.h"

namespace mk::crypto {

enum class SignaturePadding : uint8_t { ecdsa, pkcs1, pss };

struct SignatureScheme {
  uint16_t id;
  SignaturePadding padding;
  HashId hash;
  // ECDSA: the curve the TLS scheme pairs with its hash, or Curve::none for the
  // kEcdsaSha*AnyCurve values (any curve we do).
  Curve curve;
  // RSA-PSS: true for rsa_pss_pss_* (a key with the id-RSASSA-PSS OID), which our
  // rsaEncryption private keys never sign with.
  bool pss_key;
};

// nullptr for schemes the provider does not do (including ecdsa_secp521r1_sha512).
const SignatureScheme* signature_scheme(uint16_t id);

}  // namespace mk::crypto
