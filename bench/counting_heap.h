// Heap accounting for both libraries in one process: Meerkat's allocation hook
// (mk_set_allocator) and OpenSSL's (CRYPTO_set_mem_functions) each feed a
// CountingHeap. Every block carries a small header with its size and the side
// (client or server) whose call allocated it, so a block freed later, inside the
// other side's call, still comes off the right side's count.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mk::bench {

enum class Side : uint8_t { none = 0, client = 1, server = 2 };
inline constexpr int kSides = 3;

struct HeapCount {
  size_t current = 0;        // bytes live now
  size_t peak = 0;           // most bytes live at once since the last reset_peak()
  uint64_t allocations = 0;  // blocks allocated (realloc counts as one)
  size_t blocks = 0;         // blocks live now
};

class CountingHeap {
 public:
  void* allocate(size_t n);
  void* reallocate(void* p, size_t n);
  void release(void* p);

  // Blocks allocated from now on are charged to s.
  void set_side(Side s) { side_ = s; }
  Side side() const { return side_; }
  const HeapCount& count(Side s) const { return counts_[static_cast<int>(s)]; }
  // Start a new peak measurement from the current level.
  void reset_peak(Side s);

 private:
  void charge(Side s, size_t n);
  void refund(Side s, size_t n);
  Side side_ = Side::none;
  HeapCount counts_[kSides];
};

CountingHeap& meerkat_heap();
CountingHeap& openssl_heap();

// Route both libraries' allocations through the counting heaps. Must run before
// either library allocates anything (first thing in main); false if OpenSSL had
// already allocated.
bool install_counting_heaps();

// Charge both heaps to one side for the life of the scope, then go back to the
// previous side (how a pair attributes each call to client or server).
class HeapSideScope {
 public:
  explicit HeapSideScope(Side s);
  ~HeapSideScope();
  HeapSideScope(const HeapSideScope&) = delete;
  HeapSideScope& operator=(const HeapSideScope&) = delete;

 private:
  Side previous_meerkat_, previous_openssl_;
};

}  // namespace mk::bench
