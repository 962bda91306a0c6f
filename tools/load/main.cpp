// `meerkat_load`: a bounded load test of `meerkat serve` on 127.0.0.1. Many good
// TLS clients (both versions, several suites) doing keep-alive GETs checked byte for
// byte, abusive clients in the same run, the server's memory and descriptors before
// and after. Stops by itself; exit status 0 only when every check passed.
#include <cstdio>
#include <fstream>
#include <span>

#include "args.h"
#include "load_run.h"

namespace {

using mk::cli::Args;
using mk::cli::OptionSpec;

constexpr OptionSpec kOptions[] = {
    {"--meerkat", "", true},    {"--certs", "", true},   {"--connections", "-c", true},
    {"--requests", "-n", true}, {"--abusive", "", true}, {"--handshake-timeout", "", true},
    {"--time-limit", "", true}, {"--json", "", true},    {"--serve-log", "", true},
    {"--help", "-h", false},
};

constexpr const char* kUsage =
    "usage: meerkat_load --meerkat PATH [--certs DIR] [-c N] [-n N] [--abusive N]\n"
    "                    [--handshake-timeout S] [--time-limit S] [--json FILE]\n"
    "                    [--serve-log FILE]\n"
    "\n"
    "Start `meerkat serve` on 127.0.0.1, open N TLS connections at once, each doing\n"
    "several keep-alive GETs checked byte for byte, with abusive clients in the same\n"
    "run; check that the server's memory and descriptors return to their start.\n"
    "\n"
    "      --meerkat PATH         the meerkat binary to run as the server\n"
    "      --certs DIR            chain.pem, key.pem and ca.pem (default: certs/demo)\n"
    "  -c, --connections N        good connections, all open at once (default 1000)\n"
    "  -n, --requests N           GETs on each (default 5)\n"
    "      --abusive N            abusive clients of each kind (default 10)\n"
    "      --handshake-timeout S  serve's --handshake-timeout (default 5)\n"
    "      --time-limit S         stop and fail after S seconds (default 120)\n"
    "      --json FILE            also write the figures as JSON\n"
    "      --serve-log FILE       run serve with -v and write its log to FILE\n";

bool int_option(const Args& args, const char* name, int64_t min, int64_t max, int& out) {
  if (!args.has(name)) return true;
  int64_t v = 0;
  if (!mk::cli::parse_int(args.value(name), min, max, v)) {
    std::fprintf(stderr, "meerkat_load: %s needs a number from %lld to %lld\n", name,
                 static_cast<long long>(min), static_cast<long long>(max));
    return false;
  }
  out = static_cast<int>(v);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  std::span<const char* const> all(argv, static_cast<size_t>(argc));
  if (!args.parse(kOptions, all.subspan(1))) {
    std::fprintf(stderr, "meerkat_load: %s\n%s", args.error().c_str(), kUsage);
    return 2;
  }
  if (args.has("--help")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!args.has("--meerkat")) {
    std::fprintf(stderr, "meerkat_load: --meerkat is required\n%s", kUsage);
    return 2;
  }
  mk::load::LoadPlan plan;
  plan.meerkat = args.value("--meerkat");
  plan.certs_dir = args.value("--certs", MEERKAT_SOURCE_DIR "/certs/demo");
  plan.json_path = args.value("--json");
  plan.serve_log = args.value("--serve-log");
  int timeout = static_cast<int>(plan.handshake_timeout.count());
  int limit = static_cast<int>(plan.time_limit.count());
  if (!int_option(args, "--connections", 1, 100000, plan.connections) ||
      !int_option(args, "--requests", 1, 1000, plan.requests_per_connection) ||
      !int_option(args, "--abusive", 0, 1000, plan.abusive_per_kind) ||
      !int_option(args, "--handshake-timeout", 1, 60, timeout) ||
      !int_option(args, "--time-limit", 5, 3600, limit)) {
    return 2;
  }
  plan.handshake_timeout = std::chrono::seconds(timeout);
  plan.time_limit = std::chrono::seconds(limit);

  mk::load::LoadResult result = mk::load::run_load(plan);
  mk::load::print_report(result);
  if (!plan.json_path.empty()) {
    std::ofstream(plan.json_path) << mk::load::report_json(result);
  }
  return result.passed() ? 0 : 1;
}
