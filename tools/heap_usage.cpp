#include "heap_usage.h"

#include <malloc.h>

#include <atomic>
#include <cstdlib>

#include "meerkat/meerkat.h"

#if defined(__SANITIZE_ADDRESS__)
#define MEERKAT_HEAP_FROM_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MEERKAT_HEAP_FROM_SANITIZER 1
#endif
#endif

#ifdef MEERKAT_HEAP_FROM_SANITIZER
// From the sanitizer runtime (sanitizer/allocator_interface.h, which GCC does not
// install): the bytes its allocator has handed out and not taken back.
extern "C" size_t __sanitizer_get_current_allocated_bytes(void);
#endif

namespace mk::cli {
namespace {

// Atomic although serve has one thread: the hook is process-wide and costs nothing
// extra to make safe for any caller.
std::atomic<size_t> g_meerkat_live{0};

void* counted_alloc(void*, size_t n) {
  void* p = std::malloc(n);
  if (p) g_meerkat_live.fetch_add(n, std::memory_order_relaxed);
  return p;
}

// The hook passes the size each block was allocated with.
void counted_free(void*, void* p, size_t n) {
  if (!p) return;
  g_meerkat_live.fetch_sub(n, std::memory_order_relaxed);
  std::free(p);
}

}  // namespace

void count_meerkat_heap() {
  static const mk_allocator kCounting = {counted_alloc, counted_free, nullptr};
  mk_set_allocator(&kCounting);
}

size_t meerkat_live_bytes() {
  return g_meerkat_live.load(std::memory_order_relaxed);
}

size_t process_heap_in_use() {
#ifdef MEERKAT_HEAP_FROM_SANITIZER
  return __sanitizer_get_current_allocated_bytes();
#else
  struct mallinfo2 info = ::mallinfo2();
  return info.uordblks + info.hblkhd;
#endif
}

}  // namespace mk::cli
