#include "x509/public_key.h"

#include <algorithm>
#include <cstdio>

#include "x509/der.h"
#include "x509/oid.h"

namespace mk::x509 {
namespace {

constexpr size_t kMinRsaBits = 2048;
constexpr size_t kMaxRsaBits = crypto::kMaxRsaBytes * 8;

size_t bit_length(ByteView magnitude) {
  if (magnitude.empty()) return 0;
  size_t bits = magnitude.size() * 8;
  for (uint8_t top = magnitude[0]; (top & 0x80) == 0; top = static_cast<uint8_t>(top << 1)) --bits;
  return bits;
}

Err refuse(Err e, char* why, size_t cap, const char* text) {
  std::snprintf(why, cap, "%s", text);
  return e;
}

Err rsa_key(der::Parser& alg, ByteView bits, crypto::PublicKey& out, char* why, size_t cap) {
  // RFC 3279 2.3.1: the parameters are NULL.
  alg.null();
  alg.expect_end();
  der::Parser outer = alg.over(bits);
  der::Parser key = outer.nested(der::kSequence);
  outer.expect_end();
  ByteView n = key.positive_integer();
  ByteView e = key.positive_integer();
  key.expect_end();
  if (!key.ok()) return refuse(MK_ERR_CERT_MALFORMED, why, cap, "a malformed RSA key");
  size_t n_bits = bit_length(n);
  if (n_bits < kMinRsaBits) {
    std::snprintf(why, cap, "an RSA key of %zu bits (at least %zu are needed)", n_bits,
                  kMinRsaBits);
    return MK_ERR_CERT_WEAK_KEY;
  }
  if (n_bits > kMaxRsaBits || n_bits % 8 != 0) {
    std::snprintf(why, cap, "an RSA key of %zu bits (supported: 2048 to 4096, in whole octets)",
                  n_bits);
    return MK_ERR_CERT_UNSUPPORTED_KEY;
  }
  bool e_odd = (e.back() & 1) != 0;
  bool e_one = e.size() == 1 && e[0] == 1;
  if (e.size() > sizeof out.e || !e_odd || e_one)
    return refuse(MK_ERR_CERT_UNSUPPORTED_KEY, why, cap, "an RSA key with an unusable exponent");
  out.type = crypto::KeyType::rsa;
  std::ranges::copy(n, out.n);
  out.n_len = n.size();
  std::ranges::copy(e, out.e);
  out.e_len = e.size();
  return MK_OK;
}

Err ec_key(der::Parser& alg, ByteView bits, crypto::PublicKey& out, char* why, size_t cap) {
  if (!alg.next_is(der::kOid)) {
    alg.element();
    if (!alg.ok()) return refuse(MK_ERR_CERT_MALFORMED, why, cap, "a malformed EC key");
    return refuse(MK_ERR_CERT_UNSUPPORTED_KEY, why, cap,
                  "an EC key with explicit curve parameters (only named curves are allowed)");
  }
  ByteView curve = alg.oid();
  alg.expect_end();
  if (!alg.ok()) return refuse(MK_ERR_CERT_MALFORMED, why, cap, "a malformed EC key");
  size_t point_len = 0;
  if (oid::is(curve, oid::kP256)) {
    out.curve = crypto::Curve::p256;
    point_len = 65;
  } else if (oid::is(curve, oid::kP384)) {
    out.curve = crypto::Curve::p384;
    point_len = 97;
  } else {
    return refuse(MK_ERR_CERT_UNSUPPORTED_KEY, why, cap,
                  "an EC key on an unsupported curve (supported: P-256, P-384)");
  }
  if (bits.size() != point_len || bits[0] != 0x04)
    return refuse(MK_ERR_CERT_UNSUPPORTED_KEY, why, cap,
                  "an EC key that is not an uncompressed point of its curve");
  out.type = crypto::KeyType::ec;
  std::ranges::copy(bits, out.point);
  out.point_len = bits.size();
  return MK_OK;
}

}  // namespace

Err parse_public_key(ByteView spki_encoding, crypto::PublicKey& out, char* why, size_t why_cap) {
  out = crypto::PublicKey{};
  if (why_cap) why[0] = '\0';
  der::Fault fault = der::Fault::none;
  der::Parser top(spki_encoding, fault);
  der::Parser spki = top.nested(der::kSequence);
  top.expect_end();
  der::Parser alg = spki.nested(der::kSequence);
  ByteView algorithm = alg.oid();
  ByteView bits = spki.bit_string_octets();
  spki.expect_end();
  if (!spki.ok()) return refuse(MK_ERR_CERT_MALFORMED, why, why_cap, "a malformed public key");
  if (oid::is(algorithm, oid::kRsaEncryption)) return rsa_key(alg, bits, out, why, why_cap);
  if (oid::is(algorithm, oid::kEcPublicKey)) return ec_key(alg, bits, out, why, why_cap);
  return refuse(MK_ERR_CERT_UNSUPPORTED_KEY, why, why_cap,
                "a key of an unsupported type (supported: ECDSA, RSA)");
}

}  // namespace mk::x509
