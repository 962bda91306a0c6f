// What the benchmark found: rows of figures, each measured for Meerkat and (where
// the row compares) for OpenSSL in the same run, with the target beside the
// figure it applies to. The table and bench.json are two views of one Report.
#pragma once

#include <string>
#include <vector>

#include "stats.h"

namespace mk::bench {

enum class Unit {
  microseconds,
  milliseconds,
  per_second,     // handshakes or requests per second
  mb_per_second,  // 10^6 bytes per second
  bytes,
  kib,    // 1024 bytes
  times,  // a dimensionless ratio, "x"
  count,  // things counted (heap blocks)
};
// "us", "ms", "/s", "MB/s", "B", "KiB", "x", and "" for a count.
const char* unit_symbol(Unit u);

// A target from the issue, applied to Meerkat's median.
struct Target {
  enum class Kind { none, at_most, at_least };
  Kind kind = Kind::none;
  double value = 0;
  bool below_openssl = false;  // also strictly below OpenSSL's median
  std::string text;            // as printed, e.g. "<= 1.10x floor"

  static Target at_most(double v, std::string text, bool below_openssl = false) {
    return {Kind::at_most, v, below_openssl, std::move(text)};
  }
  static Target at_least(double v, std::string text) {
    return {Kind::at_least, v, false, std::move(text)};
  }
};

enum class Verdict { none, met, missed, unmeasured };
const char* verdict_text(Verdict v);  // "", "met", "MISSED", "not measured"

struct Row {
  std::string section;
  std::string measure;  // what the figure is, unit included
  Unit unit = Unit::times;
  Summary meerkat;
  Summary openssl;
  bool compared = false;  // an OpenSSL figure belongs in this row
  Target target;
  // Why a figure could not be measured (empty when it was).
  std::string meerkat_missing, openssl_missing;
  std::string note;  // detail kept in bench.json only

  // A row with Meerkat's figure beside OpenSSL's.
  static Row compare(std::string section, std::string measure, Unit unit, Summary meerkat,
                     Summary openssl);
  // A row with Meerkat's figure alone (floors, ratios to the provider).
  static Row meerkat_only(std::string section, std::string measure, Unit unit, Summary meerkat);
  Row& aim(Target t) {
    target = std::move(t);
    return *this;
  }
  // Why each library's figure is absent; an empty reason changes nothing.
  Row& missing_because(const std::string& meerkat_why, const std::string& openssl_why = "") {
    if (!meerkat_why.empty()) meerkat_missing = meerkat_why;
    if (!openssl_why.empty()) openssl_missing = openssl_why;
    return *this;
  }
};

Verdict verdict(const Row& row);

class Report {
 public:
  void set_header(std::string header) { header_ = std::move(header); }
  const std::string& header() const { return header_; }
  Row& add(Row row);
  const std::vector<Row>& rows() const { return rows_; }

  // Rows that lack a figure they should have (Meerkat always; OpenSSL when compared).
  std::vector<const Row*> incomplete_rows() const;

 private:
  std::string header_;
  std::vector<Row> rows_;
};

}  // namespace mk::bench
