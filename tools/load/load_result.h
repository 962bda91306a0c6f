// The figures of one load run, and the verdict: every problem found is a sentence in
// problems; the run passed when there is none.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "load_plan.h"
#include "serve_process.h"

namespace mk::load {

struct AbuseOutcome {
  std::string kind;
  std::string expected;
  int clients = 0;
  int as_expected = 0;
  std::string sample;  // one client's outcome (the first unexpected one, if any)
  double min_seconds = 0, max_seconds = 0;
};

struct ProfileCount {
  std::string name;
  int connections = 0;
  int completed = 0;
};

struct MemorySample {
  ServerStats stats;
  size_t rss = 0;
};

struct LoadResult {
  LoadPlan plan;
  int connections = 0;     // good clients started
  int connections_ok = 0;  // good clients that finished every request and closed cleanly
  int requests_planned = 0;
  int requests_ok = 0;
  int handshakes = 0;  // good clients whose handshake completed
  int failures = 0;    // good clients that failed
  std::vector<std::string> failure_samples;
  int open_at_barrier = 0;                   // good connections open at once
  size_t server_connections_at_barrier = 0;  // as serve counted them (with abusive ones)
  double handshake_seconds = 0;              // first good connect to last good handshake
  double transfer_seconds = 0;               // first good connect to last good close
  uint64_t body_bytes = 0;
  std::vector<ProfileCount> profiles;
  std::vector<AbuseOutcome> abuse;
  MemorySample start, peak, end;  // peak: the largest of each figure seen
  int fds_start = -1, fds_end = -1;
  int server_exit = -1;
  std::vector<std::string> problems;

  double handshakes_per_second() const {
    return handshake_seconds > 0 ? handshakes / handshake_seconds : 0;
  }
  double requests_per_second() const {
    return transfer_seconds > 0 ? requests_ok / transfer_seconds : 0;
  }
  bool passed() const { return problems.empty(); }
};

// The table on standard output.
void print_report(const LoadResult& r);
// The same figures as one JSON object.
std::string report_json(const LoadResult& r);

}  // namespace mk::load
