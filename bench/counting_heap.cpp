#include "counting_heap.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cstdlib>

#include "meerkat/meerkat.h"

namespace mk::bench {
namespace {

// 16 bytes keep the caller's pointer as aligned as malloc's.
struct alignas(16) BlockHeader {
  size_t size;
  Side side;
};
static_assert(sizeof(BlockHeader) == 16);

BlockHeader* header_of(void* p) {
  return static_cast<BlockHeader*>(p) - 1;
}

void* meerkat_alloc(void*, size_t n) {
  return meerkat_heap().allocate(n);
}
void meerkat_free(void*, void* p, size_t) {
  meerkat_heap().release(p);
}

void* openssl_malloc(size_t n, const char*, int) {
  return openssl_heap().allocate(n);
}
void* openssl_realloc(void* p, size_t n, const char*, int) {
  return openssl_heap().reallocate(p, n);
}
void openssl_free(void* p, const char*, int) {
  openssl_heap().release(p);
}

}  // namespace

void CountingHeap::charge(Side s, size_t n) {
  HeapCount& c = counts_[static_cast<int>(s)];
  c.current += n;
  c.peak = std::max(c.peak, c.current);
  ++c.allocations;
  ++c.blocks;
}

void CountingHeap::refund(Side s, size_t n) {
  HeapCount& c = counts_[static_cast<int>(s)];
  c.current -= n;
  --c.blocks;
}

void* CountingHeap::allocate(size_t n) {
  auto* h = static_cast<BlockHeader*>(std::malloc(sizeof(BlockHeader) + n));
  if (!h) return nullptr;
  h->size = n;
  h->side = side_;
  charge(side_, n);
  return h + 1;
}

void* CountingHeap::reallocate(void* p, size_t n) {
  if (!p) return allocate(n);
  if (n == 0) {
    release(p);
    return nullptr;
  }
  BlockHeader* old = header_of(p);
  size_t old_size = old->size;
  Side old_side = old->side;
  auto* h = static_cast<BlockHeader*>(std::realloc(old, sizeof(BlockHeader) + n));
  if (!h) return nullptr;
  refund(old_side, old_size);
  h->size = n;
  h->side = side_;
  charge(side_, n);
  return h + 1;
}

void CountingHeap::release(void* p) {
  if (!p) return;
  BlockHeader* h = header_of(p);
  refund(h->side, h->size);
  std::free(h);
}

void CountingHeap::reset_peak(Side s) {
  HeapCount& c = counts_[static_cast<int>(s)];
  c.peak = c.current;
}

CountingHeap& meerkat_heap() {
  static CountingHeap heap;
  return heap;
}

CountingHeap& openssl_heap() {
  static CountingHeap heap;
  return heap;
}

bool install_counting_heaps() {
  static const mk_allocator hooks = {meerkat_alloc, meerkat_free, nullptr};
  mk_set_allocator(&hooks);
  return CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) == 1;
}

HeapSideScope::HeapSideScope(Side s)
    : previous_meerkat_(meerkat_heap().side()), previous_openssl_(openssl_heap().side()) {
  meerkat_heap().set_side(s);
  openssl_heap().set_side(s);
}

HeapSideScope::~HeapSideScope() {
  meerkat_heap().set_side(previous_meerkat_);
  openssl_heap().set_side(previous_openssl_);
}

}  // namespace mk::bench
