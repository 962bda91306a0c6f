// 4. Memory, counted by the allocation hooks: the most heap each side uses during
// one handshake, and what it still holds once the connection is established and
// idle (no record in flight), Meerkat beside OpenSSL.
#include <cstdio>

#include "connection_anatomy.h"
#include "counting_heap.h"
#include "library_pair.h"
#include "sections.h"

namespace mk::bench {
namespace {

// Bytes (and blocks) above the level before the connection was made; empty when
// not measured.
struct PairMemory {
  Summary client_peak, server_peak, client_idle, server_idle, idle_blocks;
  std::string error;
};

Summary exact(size_t bytes) {
  double v = static_cast<double>(bytes);
  return Summary{v, v, v, 1};  // counted, not timed: one measurement is the figure
}

// One handshake on new connections, after a first one that lets lazily built
// shared state (the library's, not the connection's) settle.
PairMemory measure_pair(std::unique_ptr<LibraryPair> pair, const std::string& make_error,
                        CountingHeap& heap) {
  PairMemory out;
  if (!pair) {
    out.error = make_error;
    return out;
  }
  for (int pass = 0; pass < 2; ++pass) {
    size_t base_c = heap.count(Side::client).current, base_s = heap.count(Side::server).current;
    size_t blocks_before = heap.count(Side::client).blocks + heap.count(Side::server).blocks;
    heap.reset_peak(Side::client);
    heap.reset_peak(Side::server);
    bool ok = pair->open() && pair->handshake();
    out.client_peak = exact(heap.count(Side::client).peak - base_c);
    out.server_peak = exact(heap.count(Side::server).peak - base_s);
    out.client_idle = exact(heap.count(Side::client).current - base_c);
    out.server_idle = exact(heap.count(Side::server).current - base_s);
    out.idle_blocks =
        exact(heap.count(Side::client).blocks + heap.count(Side::server).blocks - blocks_before);
    pair->close();
    if (!ok) return PairMemory{{}, {}, {}, {}, {}, pair->error()};
  }
  return out;
}

}  // namespace

void add_memory_rows(BenchContext& ctx) {
  for (const Scenario& s : handshake_scenarios()) {
    std::string section = "4. Heap per connection: " + s.name;
    if (ctx.verbose) std::fprintf(stderr, "bench: %s\n", section.c_str());
    std::string m_error, o_error;
    auto m_pair = make_meerkat_pair(s, &m_error);
    auto o_pair = make_openssl_pair(s, &o_error);
    PairMemory m = measure_pair(std::move(m_pair), m_error, meerkat_heap());
    PairMemory o = measure_pair(std::move(o_pair), o_error, openssl_heap());

    Report& rep = *ctx.report;
    Target peak = Target::at_most(32 * 1024, "<= 32 KiB and < OpenSSL", true);
    Target idle = Target::at_most(4 * 1024, "<= 4 KiB and < OpenSSL", true);
    rep.add(Row::compare(section, "client: peak bytes during one handshake", Unit::bytes,
                         m.client_peak, o.client_peak)
                .aim(peak)
                .missing_because(m.error, o.error));
    rep.add(Row::compare(section, "server: peak bytes during one handshake", Unit::bytes,
                         m.server_peak, o.server_peak)
                .aim(peak)
                .missing_because(m.error, o.error));
    rep.add(Row::compare(section, "client: bytes held by the idle connection", Unit::bytes,
                         m.client_idle, o.client_idle)
                .aim(idle)
                .missing_because(m.error, o.error));
    rep.add(Row::compare(section, "server: bytes held by the idle connection", Unit::bytes,
                         m.server_idle, o.server_idle)
                .aim(idle)
                .missing_because(m.error, o.error));
    rep.add(Row::compare(section, "heap blocks the two idle connections hold", Unit::count,
                         m.idle_blocks, o.idle_blocks)
                .missing_because(m.error, o.error));
  }
  ConnectionAnatomy anatomy = meerkat_connection_anatomy();
  Summary object{static_cast<double>(anatomy.object_bytes),
                 static_cast<double>(anatomy.object_bytes),
                 static_cast<double>(anatomy.object_bytes), 1};
  Row row = Row::meerkat_only("4. Heap per connection: the idle Meerkat connection",
                              "connection object, sizeof(mk_conn)", Unit::bytes, object);
  row.note = anatomy.parts;
  ctx.report->add(row);
}

}  // namespace mk::bench
