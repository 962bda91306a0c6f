#include "load_generator.h"

#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "process.h"

namespace mk::bench {
// "Requests/sec:  1234.56", "  98765 requests in 3.00s, 1.23MB read", and the
// error lines wrk prints only when something went wrong.
bool parse_wrk_report(const std::string& report, LoadRun* run) {
  std::smatch m;
  if (!std::regex_search(report, m, std::regex(R"(Requests/sec:\s+([0-9.]+))"))) return false;
  run->requests_per_second = std::stod(m[1]);
  if (!std::regex_search(report, m, std::regex(R"((\d+) requests in)"))) return false;
  run->requests = std::stol(m[1]);
  if (std::regex_search(report, m, std::regex(R"(Non-2xx or 3xx responses: (\d+))"))) {
    run->error = m[1].str() + " responses were not 2xx";
  }
  if (std::regex_search(
          report, m,
          std::regex(R"(Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+))"))) {
    long errors = std::stol(m[1]) + std::stol(m[2]) + std::stol(m[3]) + std::stol(m[4]);
    // A few reads cut short at the end of the run are the load generator stopping.
    if (errors > run->requests / 100) run->error = m[0].str();
  }
  return true;
}

double process_cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return -1;
  // The command name (field 2) may hold spaces; fields are counted after its ')'.
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stol(field);
    if (i == 15) stime = std::stol(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

LoadRun run_load(const LoadSpec& spec, pid_t server_pid) {
  LoadRun run;
  std::vector<std::string> argv = {"wrk",
                                   "-t1",
                                   "-c" + std::to_string(spec.connections),
                                   "-d" + std::to_string(spec.seconds) + "s",
                                   "--timeout",
                                   "2s"};
  if (spec.new_connection_per_request) {
    argv.push_back("-H");
    argv.push_back("Connection: close");
  }
  argv.push_back(spec.url);
  double cpu_before = process_cpu_seconds(server_pid);
  test::Process wrk;
  if (!wrk.start(argv)) {
    run.error = "wrk could not be started: " + wrk.error();
    return run;
  }
  auto status = wrk.wait_exit(test::Millis(1000 * (spec.seconds + 10)));
  double cpu_after = process_cpu_seconds(server_pid);
  if (!status || *status != 0) {
    run.error = "wrk failed: " + wrk.output();
    return run;
  }
  if (!parse_wrk_report(wrk.out(), &run)) {
    run.error = "wrk printed no figures: " + wrk.output();
    return run;
  }
  if (run.requests > 0 && cpu_before >= 0 && cpu_after >= 0) {
    run.server_cpu_seconds_per_request = (cpu_after - cpu_before) / run.requests;
  }
  return run;
}

}  // namespace mk::bench
