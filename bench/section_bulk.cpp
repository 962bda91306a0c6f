// 2. Bulk: MB/s to seal and to open 16 KiB application records for each suite,
// Meerkat beside OpenSSL, and Meerkat beside the provider's raw AEAD on the same
// record (what is left is the record layer's own work).
#include <cstdio>

#include "meerkat/meerkat.h"
#include "record_speed.h"
#include "sections.h"

namespace mk::bench {
namespace {

using PairMaker = std::unique_ptr<LibraryPair> (*)(const Scenario&, std::string*);

// One source of figures and the runs it has given so far.
struct Source {
  std::unique_ptr<RecordSpeed> speed;
  std::string error;
  std::vector<double> seal, open;

  void run(const RunPlan& plan) {
    if (!speed || !error.empty()) return;
    double s = 0, o = 0;
    if (!speed->seal_run(plan, &s) || !speed->open_run(plan, &o)) {
      error = speed->error();
      return;
    }
    seal.push_back(s);
    open.push_back(o);
  }
  Summary figure(const std::vector<double>& v) const {
    return error.empty() ? summarize(v) : Summary{};
  }
};

// Each run against the run of the other source beside it (runs alternate, so the
// two saw the same machine): steadier than a ratio of medians.
Summary run_ratios(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> r;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (b[i] > 0) r.push_back(a[i] / b[i]);
  }
  return summarize(r);
}

// A pair that has finished its handshake, or nullptr with *error set.
std::unique_ptr<LibraryPair> connected(PairMaker make, const Scenario& s, std::string* error) {
  std::unique_ptr<LibraryPair> pair = make(s, error);
  if (pair && (!pair->open() || !pair->handshake())) {
    *error = pair->error();
    return nullptr;
  }
  return pair;
}

Source pair_source(PairMaker make, const Scenario& s) {
  Source out;
  std::unique_ptr<LibraryPair> sealer = connected(make, s, &out.error);
  std::unique_ptr<LibraryPair> opener = sealer ? connected(make, s, &out.error) : nullptr;
  if (opener) out.speed = pair_record_speed(std::move(sealer), std::move(opener));
  return out;
}

}  // namespace

void add_bulk_rows(BenchContext& ctx) {
  const uint16_t suites[] = {MK_TLS_AES_128_GCM_SHA256, MK_TLS_AES_256_GCM_SHA384,
                             MK_TLS_CHACHA20_POLY1305_SHA256};
  RunPlan plan = ctx.plan;
  plan.run_seconds /= 4;  // four timed runs per source and round
  for (uint16_t suite : suites) {
    Scenario s = handshake_scenarios().front();
    s.suite = suite;
    std::string section = std::string("2. Bulk, 16 KiB records: ") + suite_name(suite);
    if (ctx.verbose) std::fprintf(stderr, "bench: %s\n", section.c_str());
    Source m = pair_source(make_meerkat_pair, s);
    Source o = pair_source(make_openssl_pair, s);
    Source raw;
    raw.speed = raw_aead_speed(suite);
    if (!raw.speed) raw.error = "the provider has no AEAD for this suite";
    // Runs alternate between the sources so all see the same machine.
    for (int run = 0; run < plan.runs; ++run) {
      for (Source* source : {&m, &o, &raw}) source->run(plan);
    }

    Report& rep = *ctx.report;
    Target target = Target::at_least(0.90, ">= 0.90x raw AEAD");
    rep.add(Row::compare(section, "seal MB/s (write + take the record)", Unit::mb_per_second,
                         m.figure(m.seal), o.figure(o.seal))
                .missing_because(m.error, o.error));
    rep.add(Row::compare(section, "open MB/s (receive the record + read)", Unit::mb_per_second,
                         m.figure(m.open), o.figure(o.open))
                .missing_because(m.error, o.error));
    rep.add(Row::meerkat_only(section, "raw AEAD seal MB/s (provider)", Unit::mb_per_second,
                              raw.figure(raw.seal))
                .missing_because(raw.error));
    rep.add(Row::meerkat_only(section, "raw AEAD open MB/s (provider)", Unit::mb_per_second,
                              raw.figure(raw.open))
                .missing_because(raw.error));
    std::string ratio_error = !m.error.empty() ? m.error : raw.error;
    rep.add(Row::meerkat_only(section, "seal: Meerkat / raw AEAD, run by run", Unit::times,
                              ratio_error.empty() ? run_ratios(m.seal, raw.seal) : Summary{})
                .aim(target)
                .missing_because(ratio_error));
    rep.add(Row::meerkat_only(section, "open: Meerkat / raw AEAD, run by run", Unit::times,
                              ratio_error.empty() ? run_ratios(m.open, raw.open) : Summary{})
                .aim(target)
                .missing_because(ratio_error));
  }
}

}  // namespace mk::bench
