// HMAC over BearSSL's br_hmac, and HKDF (RFC 5869) built on it. We build HKDF on
// HMAC rather than on br_hkdf because TLS needs Extract and Expand as separate
// steps with the PRK in hand, which br_hkdf does not expose.
#include <bearssl.h>

#include "crypto/bearssl/choice.h"
#include "crypto/provider.h"

namespace mk::crypto {

size_t hmac(const HashAlg& alg, ByteView key, ByteView data, ByteSpan out) {
  br_hmac_key_context kc;
  br_hmac_context ctx;
  br_hmac_key_init(&kc, bearssl::hash_class(alg), key.data(), key.size());
  br_hmac_init(&ctx, &kc, 0);
  br_hmac_update(&ctx, data.data(), data.size());
  br_hmac_out(&ctx, out.data());
  secure_wipe(&kc, sizeof kc);
  secure_wipe(&ctx, sizeof ctx);
  return alg.out_len;
}

void hkdf_extract(const HashAlg& alg, ByteView salt, ByteView ikm, ByteSpan prk_out) {
  const uint8_t zeros[kMaxHashLen] = {};
  if (salt.empty()) salt = ByteView(zeros, alg.out_len);
  hmac(alg, salt, ikm, prk_out);
}

Err hkdf_expand(const HashAlg& alg, ByteView prk, ByteView info, ByteSpan out) {
  if (out.size() > 255 * alg.out_len) return MK_ERR_INVALID_ARGUMENT;
  br_hmac_key_context kc;
  br_hmac_context ctx;
  br_hmac_key_init(&kc, bearssl::hash_class(alg), prk.data(), prk.size());
  uint8_t t[kMaxHashLen];
  size_t t_len = 0;
  size_t done = 0;
  for (uint8_t counter = 1; done < out.size(); ++counter) {
    // T(i) = HMAC(PRK, T(i-1) | info | i)
    br_hmac_init(&ctx, &kc, 0);
    br_hmac_update(&ctx, t, t_len);
    br_hmac_update(&ctx, info.data(), info.size());
    br_hmac_update(&ctx, &counter, 1);
    br_hmac_out(&ctx, t);
    t_len = alg.out_len;
    size_t n = out.size() - done < t_len ? out.size() - done : t_len;
    for (size_t i = 0; i < n; ++i) out[done + i] = t[i];
    done += n;
  }
  secure_wipe(t, sizeof t);
  secure_wipe(&kc, sizeof kc);
  secure_wipe(&ctx, sizeof ctx);
  return MK_OK;
}

}  // namespace mk::crypto
