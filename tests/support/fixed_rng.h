// A deterministic Rng for tests: a counter-mode stream from a seed, so runs replay.
#pragma once

#include <cstdint>

#include "crypto/provider.h"

namespace mk::test {

class FixedRng final : public crypto::Rng {
 public:
  explicit FixedRng(uint8_t seed = 1) : seed_(seed) {}
  Err fill(ByteSpan out) override {
    for (uint8_t& b : out) b = static_cast<uint8_t>(seed_ * 131 + counter_++ * 29 + 7);
    return MK_OK;
  }

 private:
  uint8_t seed_;
  uint32_t counter_ = 0;
};

// An Rng that always fails, to check that failures propagate.
class FailingRng final : public crypto::Rng {
 public:
  Err fill(ByteSpan) override { return MK_ERR_RANDOM; }
};

}  // namespace mk::test
