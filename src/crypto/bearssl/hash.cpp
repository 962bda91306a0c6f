// SHA-2 descriptors over BearSSL's hash contexts, stored in Hash's opaque state.
#include <bearssl.h>

#include "crypto/provider.h"

namespace mk::crypto {
namespace {

static_assert(sizeof(br_sha256_context) <= kHashStateSize);
static_assert(sizeof(br_sha384_context) <= kHashStateSize);
static_assert(sizeof(br_sha512_context) <= kHashStateSize);
static_assert(alignof(br_sha512_context) <= 16);

// BearSSL's *_out functions read the context without changing it, which is what
// lets the transcript hash be read mid-stream.
template <class Ctx, void (*Init)(Ctx*), void (*Update)(Ctx*, const void*, size_t),
          void (*Out)(const Ctx*, void*)>
struct Sha {
  static void init(void* s) { Init(static_cast<Ctx*>(s)); }
  static void update(void* s, const uint8_t* d, size_t n) { Update(static_cast<Ctx*>(s), d, n); }
  static void final(const void* s, uint8_t* out) { Out(static_cast<const Ctx*>(s), out); }
};

using Sha256 = Sha<br_sha256_context, br_sha256_init, br_sha224_update, br_sha256_out>;
using Sha384 = Sha<br_sha384_context, br_sha384_init, br_sha384_update, br_sha384_out>;
using Sha512 = Sha<br_sha512_context, br_sha512_init, br_sha384_update, br_sha512_out>;

const HashAlg kSha256{HashId::sha256, 32, 64, Sha256::init, Sha256::update, Sha256::final};
const HashAlg kSha384{HashId::sha384, 48, 128, Sha384::init, Sha384::update, Sha384::final};
const HashAlg kSha512{HashId::sha512, 64, 128, Sha512::init, Sha512::update, Sha512::final};

}  // namespace

const HashAlg& sha256() {
  return kSha256;
}
const HashAlg& sha384() {
  return kSha384;
}
const HashAlg& sha512() {
  return kSha512;
}

const HashAlg* hash_by_id(HashId id) {
  switch (id) {
    case HashId::sha256:
      return &kSha256;
    case HashId::sha384:
      return &kSha384;
    case HashId::sha512:
      return &kSha512;
  }
  return nullptr;
}

size_t digest(const HashAlg& alg, ByteView data, ByteSpan out) {
  Hash h(alg);
  h.update(data);
  h.final(out);
  return alg.out_len;
}

}  // namespace mk::crypto
