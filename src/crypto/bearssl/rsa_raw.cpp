// The raw RSA operations (RFC 8017 RSAVP1 and RSASP1) on BearSSL's constant-time
// modular arithmetic; the paddings above them are ours (rsa_pss.cpp, rsa_pkcs1.cpp).
#include <bearssl.h>

#include "crypto/bearssl/choice.h"
#include "crypto/provider.h"

namespace mk::crypto {
namespace {

// A big-endian integer without its leading zero bytes.
ByteView significant(const uint8_t* digits, size_t len, size_t capacity) {
  if (len > capacity) return {};
  ByteView v(digits, len);
  size_t skip = 0;
  while (skip < v.size() && v[skip] == 0) ++skip;
  return v.subspan(skip);
}

size_t bit_length(ByteView v) {
  if (v.empty()) return 0;
  size_t bits = (v.size() - 1) * 8;
  for (unsigned top = v[0]; top != 0; top >>= 1) ++bits;
  return bits;
}

bool bits_supported(size_t bits) {
  return bits >= kMinRsaBits && bits <= kMaxRsaBits;
}

// An RSA public key we can use: a supported size and an odd exponent of at least 3
// (e = 1 would make every value its own signature).
bool usable(const PublicKey& key, ByteView n, ByteView e) {
  if (key.type != KeyType::rsa || !bits_supported(bit_length(n))) return false;
  if (e.empty() || (e.back() & 1) == 0) return false;
  return e.size() > 1 || e[0] >= 3;
}

ByteView modulus(const PublicKey& key) {
  return significant(key.n, key.n_len, sizeof key.n);
}
ByteView exponent(const PublicKey& key) {
  return significant(key.e, key.e_len, sizeof key.e);
}

br_rsa_public_key bearssl_public(ByteView n, ByteView e) {
  // BearSSL's key structs are not const-qualified; it only reads through them.
  return br_rsa_public_key{const_cast<uint8_t*>(n.data()), n.size(), const_cast<uint8_t*>(e.data()),
                           e.size()};
}

bool private_components_fit(const PrivateKey& key) {
  const size_t cap = sizeof key.p;
  return key.p_len > 0 && key.p_len <= cap && key.q_len > 0 && key.q_len <= cap && key.dp_len > 0 &&
         key.dp_len <= cap && key.dq_len > 0 && key.dq_len <= cap && key.iq_len > 0 &&
         key.iq_len <= cap;
}

}  // namespace

size_t PublicKey::rsa_bits() const {
  if (type != KeyType::rsa) return 0;
  return bit_length(modulus(*this));
}

Err rsa_public_raw(const PublicKey& key, ByteView in, ByteSpan out) {
  const ByteView n = modulus(key), e = exponent(key);
  if (!usable(key, n, e)) return MK_ERR_NO_COMMON_SIGNATURE;
  if (out.size() != n.size()) return MK_ERR_INVALID_ARGUMENT;
  // RFC 8017 8.1.2 / 8.2.2 step 1: a signature is exactly k octets long.
  if (in.size() != n.size()) return MK_ERR_DECRYPT_ERROR;
  for (size_t i = 0; i < in.size(); ++i) out[i] = in[i];
  br_rsa_public_key pk = bearssl_public(n, e);
  // BearSSL refuses a representative that is not below n (RSAVP1 step 1).
  if (!bearssl::choice().rsa_public(out.data(), out.size(), &pk)) return MK_ERR_DECRYPT_ERROR;
  return MK_OK;
}

Err rsa_private_raw(const PrivateKey& key, ByteSpan x) {
  if (key.type != KeyType::rsa || !bits_supported(key.n_bits) || !private_components_fit(key))
    return MK_ERR_NO_COMMON_SIGNATURE;
  if (x.size() != (key.n_bits + 7) / 8) return MK_ERR_INVALID_ARGUMENT;

  // Keep the input to check the result: a fault in one CRT half would otherwise
  // hand out a signature that reveals a prime factor (Boneh-DeMillo-Lipton).
  uint8_t m[kMaxRsaBytes];
  for (size_t i = 0; i < x.size(); ++i) m[i] = x[i];

  br_rsa_private_key sk{
      key.n_bits, const_cast<uint8_t*>(key.p),  key.p_len,  const_cast<uint8_t*>(key.q),
      key.q_len,  const_cast<uint8_t*>(key.dp), key.dp_len, const_cast<uint8_t*>(key.dq),
      key.dq_len, const_cast<uint8_t*>(key.iq), key.iq_len};
  if (!bearssl::choice().rsa_private(x.data(), &sk)) {
    secure_wipe(x);
    return MK_ERR_CRYPTO;
  }
  if (key.pub.type == KeyType::rsa) {
    uint8_t check[kMaxRsaBytes];
    ByteSpan c(check, x.size());
    if (rsa_public_raw(key.pub, x, c) != MK_OK || !ct_equal(c, ByteView(m, x.size()))) {
      secure_wipe(x);
      return MK_ERR_CRYPTO;
    }
  }
  return MK_OK;
}

}  // namespace mk::crypto
