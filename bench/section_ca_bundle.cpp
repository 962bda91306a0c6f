// 6. Debian's CA bundle loaded into a trust store: time and heap.
#include <cstdio>

#include "ca_bundle.h"
#include "sections.h"

namespace mk::bench {

void add_ca_bundle_rows(BenchContext& ctx) {
  std::string section = std::string("6. CA bundle: ") + kDebianCaBundle;
  if (ctx.verbose) std::fprintf(stderr, "bench: %s\n", section.c_str());
  RunPlan plan = ctx.plan;
  if (!plan.quick) plan.runs = 5;  // each run is a whole bundle; five settle the median
  CaBundleLoad m = measure_meerkat_ca_load(kDebianCaBundle, plan);
  CaBundleLoad o = measure_openssl_ca_load(kDebianCaBundle, plan);
  auto kib = [](const Summary& bytes) { return scaled(bytes, 1.0 / 1024); };
  // Figures for a partly refused bundle are still figures, but the table says so.
  if (!m.caveat.empty()) section += " (Meerkat: " + m.caveat + ")";
  Report& rep = *ctx.report;
  rep.add(Row::compare(section, "load time ms (CPU)", Unit::milliseconds, scaled(m.seconds, 1e3),
                       scaled(o.seconds, 1e3))
              .missing_because(m.error, o.error));
  rep.add(Row::compare(section, "heap held by the loaded store KiB", Unit::kib, kib(m.held_bytes),
                       kib(o.held_bytes))
              .missing_because(m.error, o.error));
  rep.add(Row::compare(section, "peak heap while loading KiB", Unit::kib, kib(m.peak_bytes),
                       kib(o.peak_bytes))
              .missing_because(m.error, o.error));
}

}  // namespace mk::bench
