// Charging work to the client or the server. A pair wraps each call into one of its
// connections in a SideCall, so the heap blocks the call allocates and (when the
// clock is running) the CPU time it takes count for that side.
#pragma once

#include "counting_heap.h"

namespace mk::bench {

struct SideClock {
  bool running = false;
  double seconds[kSides] = {};
  double of(Side s) const { return seconds[static_cast<int>(s)]; }
  void reset() {
    for (double& s : seconds) s = 0;
  }
};

class SideCall {
 public:
  SideCall(Side side, SideClock& clock);
  ~SideCall();
  SideCall(const SideCall&) = delete;
  SideCall& operator=(const SideCall&) = delete;

 private:
  HeapSideScope heap_;
  SideClock& clock_;
  Side side_;
  double start_ = 0;
};

}  // namespace mk::bench
