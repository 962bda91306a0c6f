// 1. Handshake cost in memory: full handshakes per second and CPU per handshake
// for both sides and for the server alone, Meerkat beside OpenSSL, then Meerkat's
// crypto floor and the engine overhead over it.
#include <cstdio>

#include "crypto_floor.h"
#include "handshake_volume.h"
#include "library_pair.h"
#include "report_table.h"
#include "sections.h"

namespace mk::bench {
namespace {

struct HandshakeRun {
  double cpu_seconds = 0;     // both sides, per handshake
  double server_seconds = 0;  // the server's calls, per handshake
  double wall_seconds = 0;    // per handshake
};

// One run of n full handshakes, each on new connections (made and freed inside it).
bool run_handshakes(LibraryPair& pair, int n, HandshakeRun* out) {
  pair.clock().reset();
  pair.clock().running = true;
  double wall = wall_seconds(), cpu = thread_cpu_seconds();
  bool ok = true;
  for (int i = 0; i < n && ok; ++i) {
    ok = pair.open() && pair.handshake();
    pair.close();
  }
  out->cpu_seconds = (thread_cpu_seconds() - cpu) / n;
  out->wall_seconds = (wall_seconds() - wall) / n;
  out->server_seconds = pair.clock().of(Side::server) / n;
  pair.clock().running = false;
  return ok;
}

// One library's pair and what its runs measured.
struct Contender {
  std::unique_ptr<LibraryPair> pair;
  std::string error;
  int iterations = 1;
  std::vector<double> cpu, server, rate, wall_rate;

  bool usable() const { return pair && error.empty(); }
  void prepare(const RunPlan& plan) {
    HandshakeRun warm;
    if (!run_handshakes(*pair, 1, &warm)) {
      error = pair->error();
      return;
    }
    iterations = iterations_for(plan, [&](int n) { run_handshakes(*pair, n, &warm); });
  }
  void run() {
    HandshakeRun r;
    if (!run_handshakes(*pair, iterations, &r)) {
      error = pair->error();
      return;
    }
    cpu.push_back(r.cpu_seconds);
    server.push_back(r.server_seconds);
    rate.push_back(1 / r.cpu_seconds);
    wall_rate.push_back(1 / r.wall_seconds);
  }
  Summary figure(const std::vector<double>& v, double scale) const {
    return usable() ? scaled(summarize(v), scale) : Summary{};
  }
  std::string negotiated() {
    if (!usable() || !pair->open() || !pair->handshake()) return "";
    std::string n = pair->negotiated();
    pair->close();
    return n;
  }
};

// The volume of one Meerkat handshake, for the crypto floor.
bool handshake_volume(LibraryPair& pair, HandshakeVolume* volume) {
  pair.capture_traffic(true);
  bool ok = pair.open() && pair.handshake();
  pair.close();
  pair.capture_traffic(false);
  return ok && add_records(pair.sent(Side::client), *volume) == MK_OK &&
         add_records(pair.sent(Side::server), *volume) == MK_OK;
}

std::string floor_breakdown(const CryptoFloor& floor) {
  std::string out;
  for (const FloorOp& op : floor.ops()) {
    char line[200];
    std::snprintf(line, sizeof line, "%s%d x %s = %.1f us", out.empty() ? "" : "; ", op.count,
                  op.name.c_str(), op.count * summarize(op.seconds).median * 1e6);
    out += line;
  }
  return out;
}

}  // namespace

void add_handshake_rows(BenchContext& ctx) {
  for (const Scenario& s : handshake_scenarios()) {
    std::string section = "1. Handshake in memory: " + s.name + ", " + suite_name(s.suite);
    if (ctx.verbose) std::fprintf(stderr, "bench: %s\n", section.c_str());
    Contender m, o;
    m.pair = make_meerkat_pair(s, &m.error);
    o.pair = make_openssl_pair(s, &o.error);
    for (Contender* c : {&m, &o}) {
      if (c->usable()) c->prepare(ctx.plan);
    }
    // The floor works on as many bytes as one of Meerkat's handshakes really hashes
    // and seals.
    HandshakeVolume volume;
    CryptoFloor floor;
    std::string floor_error = m.error;
    if (floor_error.empty() && !handshake_volume(*m.pair, &volume)) floor_error = m.pair->error();
    if (floor_error.empty() && !floor.prepare(s, volume, ctx.plan)) floor_error = floor.error();

    // Runs alternate between the libraries and the floor so all see the same
    // machine; each Meerkat run is compared with the floor run beside it.
    std::vector<double> floors, overheads;
    for (int run = 0; run < ctx.plan.runs; ++run) {
      for (Contender* c : {&m, &o}) {
        if (c->usable()) c->run();
      }
      if (!floor_error.empty()) continue;
      double f = floor.run();
      if (f <= 0) {
        floor_error = floor.error();
        continue;
      }
      floors.push_back(f);
      if (m.usable()) overheads.push_back(m.cpu.back() / f);
    }
    if (!m.error.empty()) floor_error = m.error;

    Report& rep = *ctx.report;
    Summary m_cpu = m.figure(m.cpu, 1e6);
    // Per second of CPU: on a shared machine the wall clock also counts other
    // processes' turns, so it goes to bench.json only.
    Row rate = Row::compare(section, "full handshakes per second, one core (1 / CPU time)",
                            Unit::per_second, m.figure(m.rate, 1), o.figure(o.rate, 1));
    rate.missing_because(m.error, o.error).note =
        "Meerkat: " + m.negotiated() + ", wall-clock rate " +
        format_number(m.figure(m.wall_rate, 1).median, Unit::per_second) +
        "/s; OpenSSL: " + o.negotiated() + ", wall-clock rate " +
        format_number(o.figure(o.wall_rate, 1).median, Unit::per_second) + "/s";
    rep.add(rate);
    rep.add(Row::compare(section, "CPU us per handshake, client + server", Unit::microseconds,
                         m_cpu, o.figure(o.cpu, 1e6))
                .missing_because(m.error, o.error));
    rep.add(Row::compare(section, "  of which the server's share", Unit::microseconds,
                         m.figure(m.server, 1e6), o.figure(o.server, 1e6))
                .missing_because(m.error, o.error));
    Summary floor_us = floor_error.empty() ? scaled(summarize(floors), 1e6) : Summary{};
    Row floor_row =
        Row::meerkat_only(section, "crypto floor: its primitives timed alone (provider)",
                          Unit::microseconds, floor_us);
    floor_row.missing_because(floor_error).note = floor_breakdown(floor);
    rep.add(floor_row);
    rep.add(Row::meerkat_only(section, "engine overhead: measured / floor, run by run", Unit::times,
                              floor_error.empty() ? summarize(overheads) : Summary{})
                .aim(Target::at_most(1.10, "<= 1.10x floor"))
                .missing_because(floor_error));
  }
}

}  // namespace mk::bench
