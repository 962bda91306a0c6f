// 5. Code size: .text of the minimal TLS 1.3 server (bench/size), built at -Os and
// linked statically against the TLS and crypto libraries, Meerkat + BearSSL beside
// libssl + libcrypto. libc and libstdc++ stay shared, as they are for every program.
#include <cstdio>

#include "code_size.h"
#include "sections.h"

namespace mk::bench {
namespace {

struct Split {
  Summary own, crypto, both, program, rodata;  // KiB; empty when not measured
};

Split split_of(const ProgramText& t) {
  if (!t.error.empty() || t.archive_bytes.size() != 2) return {};
  auto kib = [](size_t bytes) {
    double v = static_cast<double>(bytes) / 1024;
    return Summary{v, v, v, 1};  // counted, not timed: one measurement is the figure
  };
  return {kib(t.archive_bytes[0]), kib(t.archive_bytes[1]),
          kib(t.archive_bytes[0] + t.archive_bytes[1]), kib(t.text_bytes), kib(t.rodata_bytes)};
}

}  // namespace

void add_code_size_rows(BenchContext& ctx) {
  std::string section = "5. Code size: minimal TLS 1.3 server, -Os, static TLS libraries";
  if (ctx.verbose) std::fprintf(stderr, "bench: %s\n", section.c_str());
  ProgramText mt = measure_program_text(
      MEERKAT_MIN_SERVER, {{"Meerkat", MEERKAT_SIZE_ARCHIVE}, {"BearSSL", BEARSSL_ARCHIVE}});
  ProgramText ot = measure_program_text(
      OPENSSL_MIN_SERVER, {{"libssl", OPENSSL_SSL_ARCHIVE}, {"libcrypto", OPENSSL_CRYPTO_ARCHIVE}});
  Split m = split_of(mt), o = split_of(ot);
  Report& rep = *ctx.report;
  rep.add(Row::compare(section, "TLS library's own .text KiB (Meerkat | libssl)", Unit::kib, m.own,
                       o.own)
              .aim(Target::at_most(64, "<= 64 KiB"))
              .missing_because(mt.error, ot.error));
  rep.add(Row::compare(section, "crypto library's share KiB (BearSSL | libcrypto)", Unit::kib,
                       m.crypto, o.crypto)
              .missing_because(mt.error, ot.error));
  rep.add(Row::compare(section, "TLS + crypto KiB", Unit::kib, m.both, o.both)
              .aim(Target::at_most(128, "<= 128 KiB"))
              .missing_because(mt.error, ot.error));
  rep.add(Row::compare(section, "whole program .text KiB", Unit::kib, m.program, o.program)
              .missing_because(mt.error, ot.error));
  rep.add(Row::compare(section, "whole program .rodata KiB (constant tables, also flash)",
                       Unit::kib, m.rodata, o.rodata)
              .missing_because(mt.error, ot.error));
}

}  // namespace mk::bench
