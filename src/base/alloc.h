// Heap use goes through one hook (mk_set_allocator), so embedded users can route it
// to their own pool and the benchmark can count every byte. Buffer is the owning
// byte array used everywhere instead of std::vector<uint8_t>: it wipes on free,
// since most buffers in a TLS engine held a secret at some point.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>
#include <vector>

#include "base/bytes.h"

namespace mk {

void* heap_alloc(size_t n);         // nullptr on failure
void heap_free(void* p, size_t n);  // p may be nullptr

// std allocator over the hook, for the few containers that need one.
template <class T>
struct Allocator {
  using value_type = T;
  Allocator() = default;
  template <class U>
  Allocator(const Allocator<U>&) {}  // NOLINT
  T* allocate(size_t n) {
    void* p = heap_alloc(n * sizeof(T));
    if (!p) throw std::bad_alloc();  // only reachable inside the C++ core, caught at the C API
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) { heap_free(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const Allocator<U>&) const {
    return true;
  }
};

template <class T>
using Vec = std::vector<T, Allocator<T>>;

// Base for objects the engine puts on the heap (connections, configs, handshake
// state): `new` goes through the allocation hook and yields nullptr instead of
// throwing, so every construction site checks for out-of-memory explicitly.
struct HeapObject {
  static void* operator new(size_t n) noexcept { return heap_alloc(n); }
  static void operator delete(void* p, size_t n) noexcept { heap_free(p, n); }
};

// Owning byte buffer, wiped when its memory is released: most buffers in a TLS
// engine hold a secret at some point (a private key file, a handshake secret), so
// wiping is the default. Only the bytes ever written are wiped, not the whole
// capacity. Record buffers, which hold ciphertext or the application's own data and
// pass 16 KiB at a time, opt out (Wipe::never): wiping them cost a third of the
// instructions of a bulk transfer (`make bench`). Growth never throws.
class Buffer {
 public:
  enum class Wipe : uint8_t { on_release, never };

  Buffer() = default;
  explicit Buffer(Wipe wipe) : wipe_(wipe) {}
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  Buffer(Buffer&& o) noexcept { swap(o); }
  Buffer& operator=(Buffer&& o) noexcept {
    if (this != &o) {
      reset();
      swap(o);
    }
    return *this;
  }
  ~Buffer() { reset(); }

  // Ensure capacity for n bytes in total (keeps content). False on allocation failure.
  bool reserve(size_t n);
  // Set size to n (zero-filling growth). False on allocation failure.
  bool resize(size_t n);
  // Set size to n leaving growth unwritten, for callers that overwrite it at once.
  bool resize_uninit(size_t n);
  bool append(ByteView b);
  // Drop the first n bytes (memmove the rest to the front).
  void consume_front(size_t n);
  void clear() { size_ = 0; }
  // Wipe (unless Wipe::never) and release the memory.
  void reset();

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  size_t capacity() const { return cap_; }
  bool empty() const { return size_ == 0; }
  ByteView view() const { return ByteView(data_, size_); }
  ByteSpan span() { return ByteSpan(data_, size_); }
  // The capacity past the content, for a caller that writes there and then takes
  // the bytes with resize_uninit(size() + n). A wipe covers them only once taken.
  ByteSpan spare() { return ByteSpan(data_ + size_, cap_ - size_); }

 private:
  void swap(Buffer& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(cap_, o.cap_);
    std::swap(used_, o.used_);
    std::swap(wipe_, o.wipe_);
  }
  void grew_to(size_t n) { used_ = n > used_ ? n : used_; }
  // Wipe what was written (unless Wipe::never) and free the block.
  void release(uint8_t* p, size_t cap, size_t used);
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t cap_ = 0;
  size_t used_ = 0;  // bytes written since the block was allocated: what a wipe covers
  Wipe wipe_ = Wipe::on_release;
};

}  // namespace mk
