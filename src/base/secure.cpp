#include "base/secure.h"

namespace mk {

bool ct_equal(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  uint8_t diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<uint8_t>(a[i] ^ b[i]);
  // Fold to a bool without a data-dependent branch on individual bytes.
  return ((static_cast<unsigned>(diff) - 1u) >> 8) & 1u;
}

void secure_wipe(void* p, size_t n) {
  // A volatile pointer: every store is observable, so none can be elided.
  volatile uint8_t* v = static_cast<volatile uint8_t*>(p);
  while (n--) *v++ = 0;
}

}  // namespace mk
