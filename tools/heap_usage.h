// What `meerkat serve` says about its memory when asked (SIGUSR1): the bytes the
// process's allocator has handed out and not taken back, and the part of them that
// Meerkat's own allocation hook accounts for. A load test reads both to check that
// memory goes back to its starting level once the connections are gone.
#pragma once

#include <cstddef>

namespace mk::cli {

// Route Meerkat's allocations through a counter of live bytes. Call before any
// other Meerkat call: blocks allocated earlier would be freed uncounted.
void count_meerkat_heap();

// Bytes Meerkat has allocated through the hook and not freed (0 before
// count_meerkat_heap()).
size_t meerkat_live_bytes();

// Heap bytes in use in the whole process: glibc's mallinfo2() (arena and mmapped
// blocks); under AddressSanitizer, whose allocator replaces glibc's, its own count.
size_t process_heap_in_use();

}  // namespace mk::cli
