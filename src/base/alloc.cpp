#include "base/alloc.h"

#include <cstdlib>
#include <cstring>

#include "base/secure.h"
#include "meerkat/meerkat.h"

namespace mk {
namespace {

void* default_alloc(void*, size_t n) {
  return std::malloc(n);
}
void default_free(void*, void* p, size_t) {
  std::free(p);
}

mk_allocator g_allocator = {default_alloc, default_free, nullptr};

}  // namespace

void* heap_alloc(size_t n) {
  return g_allocator.alloc(g_allocator.user, n == 0 ? 1 : n);
}

void heap_free(void* p, size_t n) {
  if (p) g_allocator.free(g_allocator.user, p, n);
}

void Buffer::release(uint8_t* p, size_t cap, size_t used) {
  if (!p) return;
  if (wipe_ == Wipe::on_release) secure_wipe(p, used);
  heap_free(p, cap);
}

bool Buffer::reserve(size_t n) {
  if (n <= cap_) return true;
  // Grow geometrically for appends, but never past what a single large request
  // asks for: a 16 KiB record buffer should cost 16 KiB, not 32.
  size_t new_cap = cap_ * 2 > 64 ? cap_ * 2 : 64;
  if (new_cap < n) new_cap = n;
  auto* p = static_cast<uint8_t*>(heap_alloc(new_cap));
  if (!p) return false;
  if (size_) std::memcpy(p, data_, size_);
  release(data_, cap_, used_);
  data_ = p;
  cap_ = new_cap;
  used_ = size_;
  return true;
}

bool Buffer::resize(size_t n) {
  if (!reserve(n)) return false;
  if (n > size_) std::memset(data_ + size_, 0, n - size_);
  size_ = n;
  grew_to(n);
  return true;
}

bool Buffer::resize_uninit(size_t n) {
  if (!reserve(n)) return false;
  size_ = n;
  grew_to(n);
  return true;
}

bool Buffer::append(ByteView b) {
  if (b.empty()) return true;
  if (!reserve(size_ + b.size())) return false;
  std::memcpy(data_ + size_, b.data(), b.size());
  size_ += b.size();
  grew_to(size_);
  return true;
}

void Buffer::consume_front(size_t n) {
  if (n >= size_) {
    size_ = 0;
    return;
  }
  std::memmove(data_, data_ + n, size_ - n);
  size_ -= n;
}

void Buffer::reset() {
  release(data_, cap_, used_);
  data_ = nullptr;
  size_ = cap_ = used_ = 0;
}

}  // namespace mk

extern "C" void mk_set_allocator(const mk_allocator* a) {
  if (a && a->alloc && a->free) mk::g_allocator = *a;
}
