#include "deterministic.h"

#include "crypto/provider.h"
#include "streams.h"

namespace mk::fuzz {

int64_t fuzz_time(void*) {
  return kFuzzNow;
}

int fuzz_random(void* user, uint8_t* out, size_t len) {
  static_cast<DeterministicStream*>(user)->fill(out, len);
  return 0;
}

void DeterministicStream::fill(uint8_t* out, size_t len) {
  while (len > 0) {
    state_ += 0x9E3779B97F4A7C15ull;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    for (int i = 0; i < 8 && len > 0; ++i, --len) *out++ = static_cast<uint8_t>(z >> (8 * i));
  }
}

void restart_randomness() {
  client_stream().restart();
  server_stream().restart();
  crypto::restart_system_rng_for_fuzzing();
}

}  // namespace mk::fuzz
