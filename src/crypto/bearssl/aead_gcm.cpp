// AES-GCM (NIST SP 800-38D) assembled from BearSSL's AES-CTR and GHASH, so that
// open() can authenticate the ciphertext before decrypting any of it. The key
// state holds the expanded AES key and H = AES_K(0^128), computed once per key,
// so seal/open do no key setup at all.
#include <bearssl.h>

#include "base/declassify.h"
#include "crypto/bearssl/choice.h"
#include "crypto/provider.h"

namespace mk::crypto {
namespace {

struct GcmState {
  br_aes_gen_ctr_keys aes;
  uint8_t h[16];
};
static_assert(sizeof(GcmState) <= kAeadStateSize);
static_assert(alignof(GcmState) <= 16);

GcmState& gcm(void* s) {
  return *static_cast<GcmState*>(s);
}

void init(void* s, const uint8_t* key, size_t key_len) {
  GcmState& st = gcm(s);
  const br_block_ctr_class* aes = bearssl::choice().aes_ctr;
  aes->init(&st.aes.vtable, key, key_len);
  const uint8_t zero_iv[12] = {};
  for (uint8_t& b : st.h) b = 0;
  aes->run(&st.aes.vtable, zero_iv, 0, st.h, sizeof st.h);
}
void init128(void* s, const uint8_t* key) {
  init(s, key, 16);
}
void init256(void* s, const uint8_t* key) {
  init(s, key, 32);
}

void put_be64(uint8_t* p, uint64_t v) {
  for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<uint8_t>(v);
}

// tag = GHASH_H(aad, ciphertext, lengths) XOR AES_K(J0), with J0 = nonce || 1.
void compute_tag(GcmState& st, const uint8_t* nonce, const uint8_t* aad, size_t aad_len,
                 const uint8_t* ct, size_t len, uint8_t* tag) {
  const br_ghash ghash = bearssl::choice().ghash;
  uint8_t y[16] = {};
  ghash(y, st.h, aad, aad_len);  // BearSSL zero-pads partial blocks, as GCM requires
  ghash(y, st.h, ct, len);
  uint8_t lengths[16];
  put_be64(lengths, static_cast<uint64_t>(aad_len) * 8);
  put_be64(lengths + 8, static_cast<uint64_t>(len) * 8);
  ghash(y, st.h, lengths, sizeof lengths);
  bearssl::choice().aes_ctr->run(&st.aes.vtable, nonce, 1, y, sizeof y);
  for (size_t i = 0; i < 16; ++i) tag[i] = y[i];
}

void seal(void* s, const uint8_t* nonce, const uint8_t* aad, size_t aad_len, uint8_t* data,
          size_t len, uint8_t* tag) {
  GcmState& st = gcm(s);
  bearssl::choice().aes_ctr->run(&st.aes.vtable, nonce, 2, data, len);
  compute_tag(st, nonce, aad, aad_len, data, len, tag);
}

bool open(void* s, const uint8_t* nonce, const uint8_t* aad, size_t aad_len, uint8_t* data,
          size_t len, const uint8_t* tag) {
  GcmState& st = gcm(s);
  uint8_t expected[kAeadTagLen];
  compute_tag(st, nonce, aad, aad_len, data, len, expected);
  const bool ok = ct_equal(ByteView(expected), ByteView(tag, kAeadTagLen));
  secure_wipe(expected, sizeof expected);  // the tag a forgery of this record would need
  if (!declassify(ok)) return false;
  bearssl::choice().aes_ctr->run(&st.aes.vtable, nonce, 2, data, len);
  return true;
}

const AeadAlg kAes128Gcm{AeadId::aes128_gcm, 16, init128, seal, open};
const AeadAlg kAes256Gcm{AeadId::aes256_gcm, 32, init256, seal, open};

}  // namespace

const AeadAlg& aes128_gcm() {
  return kAes128Gcm;
}
const AeadAlg& aes256_gcm() {
  return kAes256Gcm;
}

}  // namespace mk::crypto
