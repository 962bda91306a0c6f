// Secret handling: comparisons whose time does not depend on the data, and wiping
// that the compiler may not optimise away.
#pragma once

#include <cstddef>

#include "base/bytes.h"

namespace mk {

// True when a and b have the same length and contents. Time depends only on the
// lengths, never on where the bytes differ.
bool ct_equal(ByteView a, ByteView b);

// Overwrite n bytes at p with zeros, in a way that survives dead-store elimination.
void secure_wipe(void* p, size_t n);
inline void secure_wipe(ByteSpan s) { secure_wipe(s.data(), s.size()); }

// A fixed-capacity secret (keys, traffic secrets): wiped when destroyed or reset.
template <size_t N>
class Secret {
 public:
  Secret() = default;
  Secret(const Secret& o) : len_(o.len_) { for (size_t i = 0; i < len_; ++i) b_[i] = o.b_[i]; }
  Secret& operator=(const Secret& o) {
    if (this != &o) {
      wipe();
      len_ = o.len_;
      for (size_t i = 0; i < len_; ++i) b_[i] = o.b_[i];
    }
    return *this;
  }
  ~Secret() { wipe(); }

  void assign(ByteView v) {
    wipe();
    len_ = v.size() <= N ? v.size() : N;
    for (size_t i = 0; i < len_; ++i) b_[i] = v[i];
  }
  // Set the length and return the writable bytes.
  ByteSpan resize(size_t n) {
    len_ = n <= N ? n : N;
    return ByteSpan(b_, len_);
  }
  void wipe() {
    secure_wipe(b_, N);
    len_ = 0;
  }
  ByteView view() const { return ByteView(b_, len_); }
  ByteSpan span() { return ByteSpan(b_, len_); }
  size_t size() const { return len_; }
  static constexpr size_t capacity() { return N; }

 private:
  uint8_t b_[N] = {};
  size_t len_ = 0;
};

}  // namespace mk
