#include "timing.h"

#include <time.h>

#include <algorithm>
#include <cmath>

namespace mk::bench {
namespace {

double seconds_of(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// A trial shorter than this says little about the cost of one iteration.
constexpr double kMinTrialSeconds = 0.01;
constexpr int kMaxIterations = 1 << 24;

}  // namespace

double thread_cpu_seconds() {
  return seconds_of(CLOCK_THREAD_CPUTIME_ID);
}
double wall_seconds() {
  return seconds_of(CLOCK_MONOTONIC);
}

int iterations_for(const RunPlan& plan, const std::function<void(int)>& batch) {
  if (plan.quick) return 1;
  int n = 1;
  for (;;) {
    double start = thread_cpu_seconds();
    batch(n);
    double took = thread_cpu_seconds() - start;
    if (took >= kMinTrialSeconds || n >= kMaxIterations) {
      double per_iteration = std::max(took / n, 1e-9);
      double wanted = std::ceil(plan.run_seconds / per_iteration);
      return static_cast<int>(std::clamp(wanted, 1.0, static_cast<double>(kMaxIterations)));
    }
    long grow =
        took > 0 ? std::clamp(static_cast<long>(kMinTrialSeconds / took) + 1, 2L, 64L) : 64L;
    n = static_cast<int>(std::min<long>(n * grow, kMaxIterations));
  }
}

}  // namespace mk::bench
