// The process-wide RNG: BearSSL's HMAC-DRBG (SHA-256), seeded from getrandom(2).
// One DRBG behind a mutex; a forked child would otherwise replay its parent's
// stream, so a change of pid forces a fresh seed.
#include <bearssl.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>

#include "crypto/provider.h"

namespace mk::crypto {
namespace {

#if MEERKAT_FUZZING
// Fuzz builds replay crashes: the "OS" seed is a constant.
bool os_random(uint8_t* out, size_t len) {
  for (size_t i = 0; i < len; ++i) out[i] = static_cast<uint8_t>(0xA5 ^ (i * 37));
  return true;
}
#else
bool os_random(uint8_t* out, size_t len) {
  while (len > 0) {
    ssize_t n = getrandom(out, len, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    out += n;
    len -= static_cast<size_t>(n);
  }
  return true;
}
#endif

class SystemRng final : public Rng {
 public:
  Err fill(ByteSpan out) override {
    std::lock_guard<std::mutex> lock(mutex_);
    const pid_t pid = getpid();
    if (!seeded_ || pid != pid_) {
      uint8_t seed[48];
      if (!os_random(seed, sizeof seed)) return MK_ERR_RANDOM;
      if (seeded_) {
        br_hmac_drbg_update(&drbg_, seed, sizeof seed);
      } else {
        br_hmac_drbg_init(&drbg_, &br_sha256_vtable, seed, sizeof seed);
      }
      secure_wipe(seed, sizeof seed);
      seeded_ = true;
      pid_ = pid;
    }
    // SP 800-90A caps one HMAC-DRBG request at 2^19 bits.
    constexpr size_t kMaxRequest = 65536;
    for (size_t off = 0; off < out.size(); off += kMaxRequest) {
      const size_t n = out.size() - off < kMaxRequest ? out.size() - off : kMaxRequest;
      br_hmac_drbg_generate(&drbg_, out.data() + off, n);
    }
    return MK_OK;
  }

#if MEERKAT_FUZZING
  void restart() {
    std::lock_guard<std::mutex> lock(mutex_);
    seeded_ = false;
  }
#endif

 private:
  std::mutex mutex_;
  br_hmac_drbg_context drbg_{};
  bool seeded_ = false;
  pid_t pid_ = 0;
};

SystemRng& the_system_rng() {
  static SystemRng rng;
  return rng;
}

}  // namespace

Rng& system_rng() {
  return the_system_rng();
}

#if MEERKAT_FUZZING
void restart_system_rng_for_fuzzing() {
  the_system_rng().restart();
}
#endif

}  // namespace mk::crypto
