#include "report.h"

namespace mk::bench {

const char* unit_symbol(Unit u) {
  switch (u) {
    case Unit::microseconds:
      return "us";
    case Unit::milliseconds:
      return "ms";
    case Unit::per_second:
      return "/s";
    case Unit::mb_per_second:
      return "MB/s";
    case Unit::bytes:
      return "B";
    case Unit::kib:
      return "KiB";
    case Unit::times:
      return "x";
    case Unit::count:
      return "";
  }
  return "";
}

const char* verdict_text(Verdict v) {
  switch (v) {
    case Verdict::none:
      return "";
    case Verdict::met:
      return "met";
    case Verdict::missed:
      return "MISSED";
    case Verdict::unmeasured:
      return "not measured";
  }
  return "";
}

Row Row::compare(std::string section, std::string measure, Unit unit, Summary meerkat,
                 Summary openssl) {
  Row r = meerkat_only(std::move(section), std::move(measure), unit, meerkat);
  r.openssl = openssl;
  r.compared = true;
  return r;
}

Row Row::meerkat_only(std::string section, std::string measure, Unit unit, Summary meerkat) {
  Row r;
  r.section = std::move(section);
  r.measure = std::move(measure);
  r.unit = unit;
  r.meerkat = meerkat;
  return r;
}

Verdict verdict(const Row& row) {
  const Target& t = row.target;
  if (t.kind == Target::Kind::none) return Verdict::none;
  if (row.meerkat.empty() || (t.below_openssl && row.openssl.empty())) return Verdict::unmeasured;
  double m = row.meerkat.median;
  bool met = t.kind == Target::Kind::at_most ? m <= t.value : m >= t.value;
  if (t.below_openssl) met = met && m < row.openssl.median;
  return met ? Verdict::met : Verdict::missed;
}

Row& Report::add(Row row) {
  rows_.push_back(std::move(row));
  return rows_.back();
}

std::vector<const Row*> Report::incomplete_rows() const {
  std::vector<const Row*> out;
  for (const Row& r : rows_) {
    if (r.meerkat.empty() || (r.compared && r.openssl.empty())) out.push_back(&r);
  }
  return out;
}

}  // namespace mk::bench
