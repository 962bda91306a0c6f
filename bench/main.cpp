// meerkat_bench: Meerkat side by side with OpenSSL in one run (issue 5). Prints one
// table and writes the same figures as JSON. `make bench` runs it in full;
// `make test` runs it with --quick (one iteration of everything) to prove that
// every row still gets measured. Speed is never a failure; a row that could not be
// measured is (exit status 1).
#include <openssl/crypto.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "counting_heap.h"
#include "crypto/provider.h"
#include "meerkat/meerkat.h"
#include "report_json.h"
#include "report_table.h"
#include "sections.h"

namespace {

using namespace mk::bench;

constexpr const char* kUsage =
    "usage: meerkat_bench [--quick] [--runs N] [--run-seconds S] [--json FILE] [--only LIST]\n"
    "                     [--verbose]\n"
    "  --quick      one run of one iteration per figure (a smoke test, not a measurement)\n"
    "  --runs N     runs per figure (default 7); the figure is their median\n"
    "  --run-seconds S  CPU seconds one run lasts (default 0.2); small values make\n"
    "               profiling under valgrind bearable\n"
    "  --json FILE  also write the figures as JSON to FILE\n"
    "  --only LIST  run only these parts, e.g. 1,2 (1 handshake, 2 bulk, 3 loopback,\n"
    "               4 memory, 5 code size, 6 CA bundle)\n"
    "  --verbose    say on stderr which part is running\n";

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown CPU";
}

std::string header(const RunPlan& plan) {
  std::string h = std::string("Meerkat ") + mk_version_string() + " (" +
                  mk::crypto::implementation_summary() + ") vs " +
                  OpenSSL_version(OPENSSL_VERSION) + "\n" + cpu_model() + "; ";
  h += plan.quick ? "QUICK smoke run: one iteration, figures are not measurements"
                  : "figures: median [min..max] of " + std::to_string(plan.runs) + " runs";
  h += "; M/O = Meerkat / OpenSSL";
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything allocates: OpenSSL accepts its hooks only then.
  if (!install_counting_heaps()) {
    std::fputs("meerkat_bench: could not install OpenSSL's allocation hooks\n", stderr);
    return 1;
  }
  RunPlan plan;
  std::string json_path, only = "123456";
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--quick") {
      plan = RunPlan::quick_plan();
    } else if (arg == "--runs" && i + 1 < argc) {
      plan.runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--run-seconds" && i + 1 < argc) {
      plan.run_seconds = std::max(0.0, std::atof(argv[++i]));
    } else if (arg == "--json" && i + 1 < argc) {
      json_path = argv[++i];
    } else if (arg == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else if (arg == "--verbose") {
      verbose = true;
    } else {
      std::fputs(kUsage, arg == "--help" ? stdout : stderr);
      return arg == "--help" ? 0 : 2;
    }
  }

  Report report;
  report.set_header(header(plan));
  BenchContext ctx{plan, &report, verbose};
  using Part = void (*)(BenchContext&);
  const Part parts[] = {add_handshake_rows, add_bulk_rows,      add_loopback_rows,
                        add_memory_rows,    add_code_size_rows, add_ca_bundle_rows};
  for (int i = 0; i < 6; ++i) {
    if (only.find(static_cast<char>('1' + i)) != std::string::npos) parts[i](ctx);
  }

  std::fputs(render_table(report).c_str(), stdout);
  if (!json_path.empty()) {
    std::ofstream out(json_path);
    out << report_json(report);
    if (!out) {
      std::fprintf(stderr, "meerkat_bench: could not write %s\n", json_path.c_str());
      return 1;
    }
    std::printf("\nJSON: %s\n", json_path.c_str());
  }
  auto incomplete = report.incomplete_rows();
  if (!incomplete.empty()) {
    std::printf("\nINCOMPLETE: %zu of %zu rows lack a figure\n", incomplete.size(),
                report.rows().size());
    return 1;
  }
  std::printf("\ncomplete: %zu rows\n", report.rows().size());
  return 0;
}
