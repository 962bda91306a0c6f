// The load run's table (standard output) and JSON.
#include <cstdio>
#include <string>

#include "load_result.h"

namespace mk::load {
namespace {

std::string kib(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  return buf;
}

std::string signed_bytes(size_t end, size_t start) {
  long long d = static_cast<long long>(end) - static_cast<long long>(start);
  return (d >= 0 ? "+" : "") + std::to_string(d) + " B";
}

void row(const char* name, const std::string& value) {
  std::printf("  %-34s %s\n", name, value.c_str());
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string memory_json(const MemorySample& m) {
  return "{\"connections\": " + std::to_string(m.stats.connections) +
         ", \"heap_in_use\": " + std::to_string(m.stats.heap_in_use) +
         ", \"meerkat_live\": " + std::to_string(m.stats.meerkat_live) +
         ", \"rss\": " + std::to_string(m.rss) + "}";
}

}  // namespace

void print_report(const LoadResult& r) {
  const LoadPlan& p = r.plan;
  std::printf(
      "meerkat load: %d connections x %d requests, %d abusive clients of each of %zu kinds\n",
      p.connections, p.requests_per_connection, p.abusive_per_kind, r.abuse.size());
  row("connections (good)",
      std::to_string(r.connections_ok) + " of " + std::to_string(r.connections) + " completed");
  row("open at once (barrier)", std::to_string(r.open_at_barrier) + " good; server counted " +
                                    std::to_string(r.server_connections_at_barrier));
  row("requests", std::to_string(r.requests_ok) + " of " + std::to_string(r.requests_planned) +
                      " answered byte-exactly");
  row("failures", std::to_string(r.failures));
  row("handshakes/s", number(r.handshakes_per_second()) + " (" + std::to_string(r.handshakes) +
                          " in " + number(r.handshake_seconds) + " s)");
  row("requests/s", number(r.requests_per_second()) + " (" + number(r.transfer_seconds) + " s, " +
                        std::to_string(r.body_bytes / (1024 * 1024)) + " MiB of bodies)");
  row("server heap in use start/peak/end",
      kib(r.start.stats.heap_in_use) + " / " + kib(r.peak.stats.heap_in_use) + " / " +
          kib(r.end.stats.heap_in_use) + " (end " +
          signed_bytes(r.end.stats.heap_in_use, r.start.stats.heap_in_use) + ", tolerance " +
          kib(p.heap_tolerance) + ")");
  row("Meerkat live heap start/peak/end",
      kib(r.start.stats.meerkat_live) + " / " + kib(r.peak.stats.meerkat_live) + " / " +
          kib(r.end.stats.meerkat_live) + " (end " +
          signed_bytes(r.end.stats.meerkat_live, r.start.stats.meerkat_live) + ", must be 0)");
  row("server RSS start/peak/end",
      kib(r.start.rss) + " / " + kib(r.peak.rss) + " / " + kib(r.end.rss));
  row("server connections peak", std::to_string(r.peak.stats.connections));
  row("server fds start/end", std::to_string(r.fds_start) + " / " + std::to_string(r.fds_end));
  for (const ProfileCount& pc : r.profiles) {
    row(("  " + pc.name).c_str(),
        std::to_string(pc.completed) + " of " + std::to_string(pc.connections));
  }
  std::printf("  abusive clients:\n");
  for (const AbuseOutcome& a : r.abuse) {
    std::printf("    %-20s %d/%d as expected (%s), %.1f-%.1f s: %s\n", a.kind.c_str(),
                a.as_expected, a.clients, a.expected.c_str(), a.min_seconds, a.max_seconds,
                a.sample.c_str());
  }
  for (const std::string& f : r.failure_samples) std::printf("  failure: %s\n", f.c_str());
  for (const std::string& pr : r.problems) std::printf("  PROBLEM: %s\n", pr.c_str());
  std::printf("meerkat load: %s\n", r.passed() ? "PASS" : "FAIL");
  std::fflush(stdout);
}

std::string report_json(const LoadResult& r) {
  const LoadPlan& p = r.plan;
  std::string j = "{\n";
  j += "  \"plan\": {\"connections\": " + std::to_string(p.connections) +
       ", \"requests_per_connection\": " + std::to_string(p.requests_per_connection) +
       ", \"abusive_per_kind\": " + std::to_string(p.abusive_per_kind) +
       ", \"handshake_timeout_s\": " + std::to_string(p.handshake_timeout.count()) +
       ", \"time_limit_s\": " + std::to_string(p.time_limit.count()) +
       ", \"heap_tolerance\": " + std::to_string(p.heap_tolerance) + "},\n";
  j +=
      "  \"connections\": " + std::to_string(r.connections) +
      ",\n  \"connections_ok\": " + std::to_string(r.connections_ok) +
      ",\n  \"open_at_barrier\": " + std::to_string(r.open_at_barrier) +
      ",\n  \"server_connections_at_barrier\": " + std::to_string(r.server_connections_at_barrier) +
      ",\n  \"requests_planned\": " + std::to_string(r.requests_planned) +
      ",\n  \"requests_ok\": " + std::to_string(r.requests_ok) +
      ",\n  \"failures\": " + std::to_string(r.failures) +
      ",\n  \"handshakes\": " + std::to_string(r.handshakes) +
      ",\n  \"handshakes_per_second\": " + number(r.handshakes_per_second()) +
      ",\n  \"requests_per_second\": " + number(r.requests_per_second()) +
      ",\n  \"body_bytes\": " + std::to_string(r.body_bytes) + ",\n";
  j += "  \"server\": {\"start\": " + memory_json(r.start) +
       ",\n             \"peak\": " + memory_json(r.peak) +
       ",\n             \"end\": " + memory_json(r.end) +
       ",\n             \"fds_start\": " + std::to_string(r.fds_start) +
       ", \"fds_end\": " + std::to_string(r.fds_end) +
       ", \"exit_status\": " + std::to_string(r.server_exit) + "},\n";
  j += "  \"profiles\": [";
  for (size_t i = 0; i < r.profiles.size(); ++i) {
    const ProfileCount& pc = r.profiles[i];
    j += std::string(i ? ", " : "") + "{\"name\": " + quoted(pc.name) +
         ", \"connections\": " + std::to_string(pc.connections) +
         ", \"completed\": " + std::to_string(pc.completed) + "}";
  }
  j += "],\n  \"abusive\": [\n";
  for (size_t i = 0; i < r.abuse.size(); ++i) {
    const AbuseOutcome& a = r.abuse[i];
    j += "    {\"kind\": " + quoted(a.kind) + ", \"clients\": " + std::to_string(a.clients) +
         ", \"as_expected\": " + std::to_string(a.as_expected) +
         ", \"expected\": " + quoted(a.expected) + ", \"min_seconds\": " + number(a.min_seconds) +
         ", \"max_seconds\": " + number(a.max_seconds) + ", \"sample\": " + quoted(a.sample) + "}" +
         (i + 1 < r.abuse.size() ? ",\n" : "\n");
  }
  j += "  ],\n  \"problems\": [";
  for (size_t i = 0; i < r.problems.size(); ++i) {
    j += std::string(i ? ", " : "") + quoted(r.problems[i]);
  }
  j += "],\n  \"passed\": " + std::string(r.passed() ? "true" : "false") + "\n}\n";
  return j;
}

}  // namespace mk::load
