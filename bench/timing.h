// Clocks and run lengths. Costs are CPU time of this thread: what the work took,
// however many other processes share the machine. Wall time is used only for rates
// a user would see (handshakes per second, requests per second).
#pragma once

#include <functional>

namespace mk::bench {

double thread_cpu_seconds();
double wall_seconds();

// How long and how often each benchmark runs.
struct RunPlan {
  int runs = 7;              // figures are the median run, with min and max
  double run_seconds = 0.2;  // CPU time one run should take
  bool quick = false;        // `make test`: one run of one iteration, to prove it works

  static RunPlan quick_plan() { return RunPlan{1, 0.0, true}; }
};

// Iterations for one run of about plan.run_seconds, found by timing batch(n) (which
// performs n iterations) with growing n. Always 1 in quick mode.
int iterations_for(const RunPlan& plan, const std::function<void(int)>& batch);

}  // namespace mk::bench
