// The deterministic RNG and clock of the fuzz targets: every input starts from the
// same random stream and the same instant, so a crash replays from its file alone.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mk::fuzz {

// 2027-01-01T00:00:00Z: inside the test certificates' validity (2026..2036).
inline constexpr int64_t kFuzzNow = 1798761600;

// mk_time_fn: always kFuzzNow.
int64_t fuzz_time(void* user);

// mk_random_fn over a DeterministicStream passed as user.
int fuzz_random(void* user, uint8_t* out, size_t len);

// A splitmix64 stream: fast, and the same bytes for the same seed. Not secret, which
// is the point.
struct DeterministicStream {
  explicit DeterministicStream(uint64_t seed) : seed_(seed), state_(seed) {}
  void restart() { state_ = seed_; }
  void fill(uint8_t* out, size_t len);

 private:
  uint64_t seed_;
  uint64_t state_;
};

// Put every source of randomness the targets can reach back to its first state:
// the streams of the configs made by configs.h and the library's process-wide RNG
// (which the Mongoose backend uses). Call at the start of each input.
void restart_randomness();

}  // namespace mk::fuzz
