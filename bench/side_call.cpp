#include "side_call.h"

#include "timing.h"

namespace mk::bench {

SideCall::SideCall(Side side, SideClock& clock) : heap_(side), clock_(clock), side_(side) {
  if (clock_.running) start_ = thread_cpu_seconds();
}

SideCall::~SideCall() {
  if (clock_.running) clock_.seconds[static_cast<int>(side_)] += thread_cpu_seconds() - start_;
}

}  // namespace mk::bench
