#include "report_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "text_table.h"

namespace mk::bench {
namespace {

std::string with_thousands(long long v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

std::string format_number(double v, Unit unit) {
  switch (unit) {
    case Unit::bytes:
    case Unit::count:
      return with_thousands(std::llround(v));
    case Unit::kib:
      return fixed(v, 1);
    case Unit::times:
      return fixed(v, 2);
    default:
      break;
  }
  double a = std::fabs(v);
  if (a >= 1000) return with_thousands(std::llround(v));
  if (a >= 100) return fixed(v, 0);
  if (a >= 10) return fixed(v, 1);
  return fixed(v, 2);
}

std::string format_figure(const Summary& s, Unit unit) {
  if (s.empty()) return "";
  std::string median = format_number(s.median, unit);
  std::string lo = format_number(s.min, unit), hi = format_number(s.max, unit);
  if (s.runs < 2 || lo == hi) return median;
  return median + " [" + lo + ".." + hi + "]";
}

std::string render_table(const Report& report) {
  TextTable table({{"measure", Align::left},
                   {"Meerkat", Align::right},
                   {"OpenSSL", Align::right},
                   {"M/O", Align::right},
                   {"target", Align::left},
                   {"", Align::left}});
  // Reasons for missing figures become numbered notes under the table.
  std::vector<std::string> notes;
  auto cell = [&](const Summary& s, const std::string& library, const std::string& why) {
    if (!s.empty() || why.empty()) return format_figure(s, Unit::times);
    std::string note = library + ": " + why;
    auto it = std::find(notes.begin(), notes.end(), note);
    if (it == notes.end()) it = notes.insert(notes.end(), note);
    return "n/a [" + std::to_string(it - notes.begin() + 1) + "]";
  };
  std::string section;
  for (const Row& row : report.rows()) {
    if (row.section != section) {
      section = row.section;
      table.add_section(section);
    }
    std::string meerkat = row.meerkat.empty() ? cell(row.meerkat, "Meerkat", row.meerkat_missing)
                                              : format_figure(row.meerkat, row.unit);
    std::string openssl;
    if (row.compared) {
      openssl = row.openssl.empty() ? cell(row.openssl, "OpenSSL", row.openssl_missing)
                                    : format_figure(row.openssl, row.unit);
    }
    std::string ratio;
    if (row.compared && !row.meerkat.empty() && !row.openssl.empty() && row.openssl.median != 0) {
      ratio = format_number(row.meerkat.median / row.openssl.median, Unit::times);
    }
    table.add_row(
        {"  " + row.measure, meerkat, openssl, ratio, row.target.text, verdict_text(verdict(row))});
  }
  std::string out = report.header() + "\n" + table.render();
  if (!notes.empty()) out += "\n";
  for (size_t i = 0; i < notes.size(); ++i) {
    // Appended piece by piece: GCC 12 at -O3 sees a false overlap in "[" + string.
    out += '[';
    out += std::to_string(i + 1);
    out += "] ";
    out += notes[i];
    out += '\n';
  }
  return out;
}

}  // namespace mk::bench
