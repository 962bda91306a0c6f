// ChaCha20-Poly1305 (RFC 8439) over BearSSL's br_poly1305_run. The key state is
// just the 32-byte key: ChaCha20 has no key schedule.
#include <bearssl.h>

#include "base/declassify.h"
#include "crypto/bearssl/choice.h"
#include "crypto/provider.h"

namespace mk::crypto {
namespace {

struct ChaChaState {
  uint8_t key[32];
};
static_assert(sizeof(ChaChaState) <= kAeadStateSize);

void init(void* s, const uint8_t* key) {
  for (size_t i = 0; i < 32; ++i) static_cast<ChaChaState*>(s)->key[i] = key[i];
}

void seal(void* s, const uint8_t* nonce, const uint8_t* aad, size_t aad_len, uint8_t* data,
          size_t len, uint8_t* tag) {
  const bearssl::Choice& c = bearssl::choice();
  c.poly1305(static_cast<ChaChaState*>(s)->key, nonce, data, len, aad, aad_len, tag, c.chacha20, 1);
}

// br_poly1305_run both authenticates and decrypts. To authenticate first, we hand
// it a ChaCha20 that only produces block 0 (the one-time Poly1305 key) and leaves
// the data alone; the data is decrypted separately once the tag has matched.
uint32_t chacha20_block0_only(const void* key, const void* iv, uint32_t cc, void* data,
                              size_t len) {
  if (cc == 0) return bearssl::choice().chacha20(key, iv, cc, data, len);
  return cc + static_cast<uint32_t>((len + 63) / 64);
}

bool open(void* s, const uint8_t* nonce, const uint8_t* aad, size_t aad_len, uint8_t* data,
          size_t len, const uint8_t* tag) {
  const bearssl::Choice& c = bearssl::choice();
  const uint8_t* key = static_cast<ChaChaState*>(s)->key;
  uint8_t expected[kAeadTagLen];
  c.poly1305(key, nonce, data, len, aad, aad_len, expected, chacha20_block0_only, 0);
  const bool ok = ct_equal(ByteView(expected), ByteView(tag, kAeadTagLen));
  secure_wipe(expected, sizeof expected);  // the tag a forgery of this record would need
  if (!declassify(ok)) return false;
  c.chacha20(key, nonce, 1, data, len);
  return true;
}

const AeadAlg kChaCha20Poly1305{AeadId::chacha20_poly1305, 32, init, seal, open};

}  // namespace

const AeadAlg& chacha20_poly1305() {
  return kChaCha20Poly1305;
}

}  // namespace mk::crypto
