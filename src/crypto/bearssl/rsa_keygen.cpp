// RSA key pairs on BearSSL's generator, for tests, the benchmark and demo keys.
#include <bearssl.h>

#include "crypto/bearssl/choice.h"
#include "crypto/provider.h"

namespace mk::crypto {
namespace {

constexpr uint32_t kPublicExponent = 65537;

// Copy a BearSSL component into fixed storage, without leading zeros for the
// public values (PublicKey says so) and as given for the private ones.
size_t copy_component(const unsigned char* from, size_t len, uint8_t* to, size_t cap,
                      bool strip_zeros) {
  size_t skip = 0;
  while (strip_zeros && skip + 1 < len && from[skip] == 0) ++skip;
  if (len - skip > cap) return 0;
  for (size_t i = skip; i < len; ++i) to[i - skip] = from[i];
  return len - skip;
}

}  // namespace

Err generate_rsa_key(unsigned bits, Rng& rng, PrivateKey& out) {
  if (bits < 2048 || bits > kMaxRsaBits) return MK_ERR_INVALID_ARGUMENT;
  secure_wipe(&out, sizeof out);

  // BearSSL draws its primes from a br_prng_class; an HMAC-DRBG seeded from rng
  // keeps our Rng the only source (and a FixedRng gives the same key every time).
  uint8_t seed[48];
  MK_TRY(rng.fill(ByteSpan(seed)));
  br_hmac_drbg_context drbg;
  br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, sizeof seed);
  secure_wipe(seed, sizeof seed);

  uint8_t priv_buf[BR_RSA_KBUF_PRIV_SIZE(kMaxRsaBits)];
  uint8_t pub_buf[BR_RSA_KBUF_PUB_SIZE(kMaxRsaBits)];
  br_rsa_private_key sk;
  br_rsa_public_key pk;
  const uint32_t ok = bearssl::choice().rsa_keygen(&drbg.vtable, &sk, priv_buf, &pk, pub_buf, bits,
                                                   kPublicExponent);
  secure_wipe(&drbg, sizeof drbg);
  Err e = MK_ERR_CRYPTO;
  if (ok && sk.n_bitlen == bits) {
    out.type = KeyType::rsa;
    out.n_bits = sk.n_bitlen;
    out.p_len = copy_component(sk.p, sk.plen, out.p, sizeof out.p, false);
    out.q_len = copy_component(sk.q, sk.qlen, out.q, sizeof out.q, false);
    out.dp_len = copy_component(sk.dp, sk.dplen, out.dp, sizeof out.dp, false);
    out.dq_len = copy_component(sk.dq, sk.dqlen, out.dq, sizeof out.dq, false);
    out.iq_len = copy_component(sk.iq, sk.iqlen, out.iq, sizeof out.iq, false);
    out.pub.type = KeyType::rsa;
    out.pub.n_len = copy_component(pk.n, pk.nlen, out.pub.n, sizeof out.pub.n, true);
    out.pub.e_len = copy_component(pk.e, pk.elen, out.pub.e, sizeof out.pub.e, true);
    const bool complete = out.p_len && out.q_len && out.dp_len && out.dq_len && out.iq_len &&
                          out.pub.n_len && out.pub.e_len;
    e = complete ? MK_OK : MK_ERR_CRYPTO;
  }
  secure_wipe(priv_buf, sizeof priv_buf);
  secure_wipe(&sk, sizeof sk);
  if (e != MK_OK) secure_wipe(&out, sizeof out);
  return e;
}

}  // namespace mk::crypto
