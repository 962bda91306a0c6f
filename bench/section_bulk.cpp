// 2. Bulk: MB/s to seal and to open 16 KiB application records for each suite,
// Meerkat beside OpenSSL, and Meerkat beside the provider's raw AEAD on the same
// record (what is left is the record layer's own work).
#include <cstdio>

#include "meerkat/meerkat.h"
#include "record_speed.h"
#include "sections.h"

namespace mk::bench {
namespace {

// Records through one library's pair, connected for the purpose.
SealOpenSpeed pair_speed(std::unique_ptr<TlsPair> pair, const std::string& make_error,
                         const RunPlan& plan) {
  SealOpenSpeed out;
  if (!pair) {
    out.error = make_error;
  } else if (!pair->open() || !pair->handshake()) {
    out.error = pair->error();
  } else {
    out = measure_pair_records(*pair, plan);
  }
  return out;
}

}  // namespace

void add_bulk_rows(BenchContext& ctx) {
  const uint16_t suites[] = {MK_TLS_AES_128_GCM_SHA256, MK_TLS_AES_256_GCM_SHA384,
                             MK_TLS_CHACHA20_POLY1305_SHA256};
  RunPlan plan = ctx.plan;
  plan.run_seconds /= 2;
  for (uint16_t suite : suites) {
    Scenario s = handshake_scenarios().front();
    s.suite = suite;
    std::string section = std::string("2. Bulk, 16 KiB records: ") + suite_name(suite);
    if (ctx.verbose) std::fprintf(stderr, "bench: %s\n", section.c_str());
    std::string m_error, o_error;
    auto m_pair = make_meerkat_pair(s, &m_error);
    auto o_pair = make_openssl_pair(s, &o_error);
    SealOpenSpeed m = pair_speed(std::move(m_pair), m_error, plan);
    SealOpenSpeed o = pair_speed(std::move(o_pair), o_error, plan);
    SealOpenSpeed raw = measure_raw_aead(suite, plan);

    Report& rep = *ctx.report;
    Target target = Target::at_least(0.90, ">= 0.90x raw AEAD");
    rep.add(Row::compare(section, "seal MB/s (write + take the record)", Unit::mb_per_second,
                         m.seal_mb_s, o.seal_mb_s)
                .missing_because(m.error, o.error));
    rep.add(Row::compare(section, "open MB/s (feed the record + read)", Unit::mb_per_second,
                         m.open_mb_s, o.open_mb_s)
                .missing_because(m.error, o.error));
    rep.add(Row::meerkat_only(section, "raw AEAD seal MB/s (provider)", Unit::mb_per_second,
                              raw.seal_mb_s)
                .missing_because(raw.error));
    rep.add(Row::meerkat_only(section, "raw AEAD open MB/s (provider)", Unit::mb_per_second,
                              raw.open_mb_s)
                .missing_because(raw.error));
    std::string ratio_error = !m.error.empty() ? m.error : raw.error;
    rep.add(Row::meerkat_only(section, "seal: Meerkat / raw AEAD", Unit::times,
                              ratio(m.seal_mb_s, raw.seal_mb_s))
                .aim(target)
                .missing_because(ratio_error));
    rep.add(Row::meerkat_only(section, "open: Meerkat / raw AEAD", Unit::times,
                              ratio(m.open_mb_s, raw.open_mb_s))
                .aim(target)
                .missing_because(ratio_error));
  }
}

}  // namespace mk::bench
