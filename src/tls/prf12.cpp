#include "tls/prf12.h"

#include <cstring>

namespace mk::tls {

Err prf12(const crypto::HashAlg& alg, ByteView secret, std::string_view label, ByteView seed1,
          ByteView seed2, ByteSpan out) {
  // label || seed, and A(i) || label || seed, in one stack buffer each.
  uint8_t seed[192];
  const size_t seed_len = label.size() + seed1.size() + seed2.size();
  if (seed_len > sizeof seed) return MK_ERR_INVALID_ARGUMENT;
  std::memcpy(seed, label.data(), label.size());
  if (!seed1.empty()) std::memcpy(seed + label.size(), seed1.data(), seed1.size());
  if (!seed2.empty()) std::memcpy(seed + label.size() + seed1.size(), seed2.data(), seed2.size());

  const size_t h = alg.out_len;
  Secret<crypto::kMaxHashLen + sizeof seed> a_and_seed;  // A(i) || seed
  ByteSpan buf = a_and_seed.resize(h + seed_len);
  // A(1) = HMAC(secret, seed)
  crypto::hmac(alg, secret, ByteView(seed, seed_len), buf.first(h));
  std::memcpy(buf.data() + h, seed, seed_len);
  Secret<crypto::kMaxHashLen> block;
  for (size_t off = 0; off < out.size(); off += h) {
    crypto::hmac(alg, secret, buf, block.resize(h));
    const size_t n = out.size() - off < h ? out.size() - off : h;
    std::memcpy(out.data() + off, block.view().data(), n);
    // A(i + 1) = HMAC(secret, A(i))
    crypto::hmac(alg, secret, buf.first(h), block.resize(h));
    std::memcpy(buf.data(), block.view().data(), h);
  }
  secure_wipe(seed, sizeof seed);
  return MK_OK;
}

Err extended_master_secret(const crypto::HashAlg& alg, ByteView pre_master, ByteView session_hash,
                           MasterSecret& out) {
  return prf12(alg, pre_master, "extended master secret", session_hash, {},
               out.resize(kMasterSecretLen));
}

Err key_block12(const CipherSuite& suite, const MasterSecret& master, ByteView client_random,
                ByteView server_random, KeyBlock12& out) {
  const size_t key_len = suite.aead().key_len, iv_len = suite.fixed_iv_len;
  Secret<2 * (crypto::kMaxAeadKeyLen + crypto::kAeadNonceLen)> block;
  ByteSpan b = block.resize(2 * (key_len + iv_len));
  // Note the order of the randoms: server first for the key block.
  MK_TRY(prf12(suite.hash(), master.view(), "key expansion", server_random, client_random, b));
  out.client_key.assign(b.subspan(0, key_len));
  out.server_key.assign(b.subspan(key_len, key_len));
  out.client_iv.assign(b.subspan(2 * key_len, iv_len));
  out.server_iv.assign(b.subspan(2 * key_len + iv_len, iv_len));
  return MK_OK;
}

Err finished12(const crypto::HashAlg& alg, const MasterSecret& master, bool from_client,
               ByteView transcript_hash, ByteSpan out) {
  if (out.size() != kFinished12Len) return MK_ERR_INVALID_ARGUMENT;
  return prf12(alg, master.view(), from_client ? "client finished" : "server finished",
               transcript_hash, {}, out);
}

}  // namespace mk::tls
