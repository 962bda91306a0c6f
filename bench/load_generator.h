// wrk (Debian package wrk) against a TLS server on 127.0.0.1, with the server's own
// CPU time read from /proc for the same interval.
#pragma once

#include <sys/types.h>

#include <string>

namespace mk::bench {

struct LoadRun {
  double requests_per_second = 0;
  double server_cpu_seconds_per_request = 0;
  long requests = 0;
  std::string error;  // wrk missing or failing, or requests that got errors
};

struct LoadSpec {
  std::string url;
  int connections = 8;
  int seconds = 3;
  // Ask for "Connection: close" so every request is a new connection and a new
  // full handshake; otherwise connections are kept alive.
  bool new_connection_per_request = false;
};

// Runs wrk (one thread) and measures server_pid's CPU time meanwhile.
LoadRun run_load(const LoadSpec& spec, pid_t server_pid);

// utime + stime of a process in seconds; negative when it cannot be read.
double process_cpu_seconds(pid_t pid);

// Read wrk's report into run: requests per second and the request count; error set
// when responses were not 2xx or more than 1% of requests met socket errors.
// False when the report has no figures.
bool parse_wrk_report(const std::string& report, LoadRun* run);

}  // namespace mk::bench
