#include "crypto/ec_scalar.h"

namespace mk::crypto {

bool scalar_in_range(ByteView x, ByteView order) {
  if (x.size() != order.size() || order.empty()) return false;
  // x - order from the least significant byte up: a final borrow means x < order.
  uint32_t borrow = 0;
  uint8_t any = 0;
  for (size_t i = x.size(); i-- > 0;) {
    const uint32_t d = static_cast<uint32_t>(x[i]) - order[i] - borrow;
    borrow = (d >> 31) & 1;
    any |= x[i];
  }
  return (borrow & static_cast<uint32_t>(any != 0)) == 1;
}

bool fixed_width_scalar(ByteView x, ByteView order, ByteSpan out) {
  if (out.size() != order.size()) return false;
  size_t skip = 0;
  while (x.size() - skip > out.size() && x[skip] == 0) ++skip;
  ByteView digits = x.subspan(skip);
  if (digits.size() > out.size()) return false;
  const size_t pad = out.size() - digits.size();
  for (size_t i = 0; i < pad; ++i) out[i] = 0;
  for (size_t i = 0; i < digits.size(); ++i) out[pad + i] = digits[i];
  if (scalar_in_range(out, order)) return true;
  secure_wipe(out);
  return false;
}

Err random_scalar(ByteView order, Rng& rng, ByteSpan out) {
  if (out.size() != order.size()) return MK_ERR_INVALID_ARGUMENT;
  // For P-256 and P-384 a draw falls outside [1, n-1] with a chance below 2^-32,
  // so the bound is never reached unless the Rng is broken.
  for (int attempt = 0; attempt < 64; ++attempt) {
    const Err e = rng.fill(out);
    if (e != MK_OK) {
      secure_wipe(out);
      return e;
    }
    if (scalar_in_range(out, order)) return MK_OK;
  }
  secure_wipe(out);
  return MK_ERR_RANDOM;
}

}  // namespace mk::crypto
