#include "crypto/bearssl/choice.h"

#include <cstdio>

namespace mk::crypto {
namespace bearssl {
namespace {

Choice pick() {
  Choice c{};
  const char* aes = "aes_x86ni";
  c.aes_ctr = br_aes_x86ni_ctr_get_vtable();
  if (!c.aes_ctr) {
    c.aes_ctr = &br_aes_ct64_ctr_vtable;
    aes = "aes_ct64";
  }
  const char* ghash = "ghash_pclmul";
  c.ghash = br_ghash_pclmul_get();
  if (!c.ghash) {
    c.ghash = &br_ghash_ctmul64;
    ghash = "ghash_ctmul64";
  }
  const char* chacha = "chacha20_sse2";
  c.chacha20 = br_chacha20_sse2_get();
  if (!c.chacha20) {
    c.chacha20 = &br_chacha20_ct_run;
    chacha = "chacha20_ct";
  }
  const char* poly = "poly1305_ctmulq";
  c.poly1305 = br_poly1305_ctmulq_get();
  if (!c.poly1305) {
    c.poly1305 = &br_poly1305_ctmul_run;
    poly = "poly1305_ctmul";
  }
  // BearSSL 0.6 has no m62/m64 curve code; m31 is its fastest constant-time
  // Curve25519 and P-256, and i31 the fastest generic prime-curve code.
  c.x25519 = &br_ec_c25519_m31;
  c.p256 = &br_ec_p256_m31;
  c.p384 = &br_ec_prime_i31;
  // i62 makes the private operation about 20% faster than i31 (RSA-2048: 2.6 ms
  // against 3.3 ms here). The public operation, with its short exponent, is about
  // 7% faster on i31 (194 us against 209 us), so verification stays on i31
  // (measured by `make bench`, docs/performance.md).
  const char* rsa = "rsa_i62 (private) rsa_i31 (public)";
  c.rsa_public = &br_rsa_i31_public;
  c.rsa_private = br_rsa_i62_private_get();
  c.rsa_keygen = br_rsa_i62_keygen_get();
  if (!c.rsa_private || !c.rsa_keygen) {
    c.rsa_private = &br_rsa_i31_private;
    c.rsa_keygen = &br_rsa_i31_keygen;
    rsa = "rsa_i31";
  }
  // i31 is BearSSL's fastest ECDSA on 32- and 64-bit CPUs (i15 is for small cores);
  // the curve arithmetic under it is the p256/p384 choice above.
  c.ecdsa_sign = &br_ecdsa_i31_sign_raw;
  c.ecdsa_vrfy = &br_ecdsa_i31_vrfy_raw;
  static char summary[192];
  std::snprintf(summary, sizeof summary,
                "BearSSL 0.6: %s %s %s %s ec_c25519_m31 ec_p256_m31 ec_prime_i31 ecdsa_i31 %s", aes,
                ghash, chacha, poly, rsa);
  c.summary = summary;
  return c;
}

}  // namespace

const Choice& choice() {
  static const Choice c = pick();
  return c;
}

const br_hash_class* hash_class(const HashAlg& alg) {
  switch (alg.id) {
    case HashId::sha256:
      return &br_sha256_vtable;
    case HashId::sha384:
      return &br_sha384_vtable;
    case HashId::sha512:
      return &br_sha512_vtable;
  }
  return nullptr;
}

const br_ec_impl* ec_impl(Curve curve) {
  switch (curve) {
    case Curve::p256:
      return choice().p256;
    case Curve::p384:
      return choice().p384;
    default:
      return nullptr;
  }
}

ByteView ec_order(Curve curve) {
  const br_ec_impl* impl = ec_impl(curve);
  if (!impl) return {};
  size_t len = 0;
  const uint8_t* order = impl->order(ec_curve_id(curve), &len);
  return ByteView(order, len);
}

int ec_curve_id(Curve curve) {
  switch (curve) {
    case Curve::p256:
      return BR_EC_secp256r1;
    case Curve::p384:
      return BR_EC_secp384r1;
    default:
      return 0;
  }
}

}  // namespace bearssl

const char* implementation_summary() {
  return bearssl::choice().summary;
}

}  // namespace mk::crypto
