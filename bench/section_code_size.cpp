// 5. Code size: .text of the minimal TLS 1.3 server (bench/size), built at -Os and
// linked statically against the TLS and crypto libraries, Meerkat + BearSSL beside
// libssl + libcrypto. libc and libstdc++ stay shared, as they are for every program.
#include <cstdio>
#include <filesystem>
#include <map>

#include "code_size.h"
#include "report_table.h"
#include "scenario.h"
#include "sections.h"

namespace mk::bench {
namespace {

namespace fs = std::filesystem;

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

std::string kib_text(size_t bytes) {
  return format_number(static_cast<double>(bytes) / 1024, Unit::kib) + " KiB";
}

// The source directory (src/tls, src/x509, ...) of each of the library's files.
std::map<std::string, std::string> layer_of_sources() {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(source_path("src"), ec)) {
    if (!entry.is_regular_file()) continue;
    out[entry.path().filename().string()] =
        entry.path().parent_path().lexically_relative(source_path("")).string();
  }
  return out;
}

// Where Meerkat's own code goes: by layer ("src/x509 31.0 KiB"), then its largest
// object files ("connection.cpp 6.1 KiB").
std::string largest_members(const ProgramText& t) {
  if (t.member_bytes.empty()) return "";
  std::map<std::string, std::string> layers = layer_of_sources();
  std::map<std::string, size_t> by_layer;
  size_t tls12 = 0;  // the engine names its TLS 1.2-only files *12*
  for (const auto& [member, bytes] : t.member_bytes[0]) {
    std::string name = member.ends_with(".o") ? member.substr(0, member.size() - 2) : member;
    auto it = layers.find(name);
    by_layer[it == layers.end() ? "generated" : it->second] += bytes;
    if (name.find("12") != std::string::npos) tls12 += bytes;
  }
  std::string out = "Meerkat by directory:";
  for (const auto& [layer, bytes] : by_layer) out += " " + layer + " " + kib_text(bytes) + ",";
  out.back() = ';';
  out += " TLS 1.2-only files (*12*) " + kib_text(tls12) + ";";
  out += " largest objects:";
  size_t shown = 0;
  for (const auto& [member, bytes] : t.member_bytes[0]) {
    if (shown++ == 15) break;
    std::string name = member.ends_with(".o") ? member.substr(0, member.size() - 2) : member;
    out += (shown > 1 ? ", " : " ") + name + " " + kib_text(bytes);
  }
  return out;
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
  Row own = Row::compare(section, "TLS library's own .text KiB (Meerkat | libssl)", Unit::kib,
                         m.own, o.own);
  own.aim(Target::at_most(64, "<= 64 KiB")).missing_because(mt.error, ot.error);
  own.note = largest_members(mt);
  rep.add(own);
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
