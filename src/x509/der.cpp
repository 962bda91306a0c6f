#include "x509/der.h"

#include <algorithm>
#include <cstdio>

namespace mk::x509::der {

const char* fault_text(Fault f) {
  switch (f) {
    case Fault::none:
      return "no error";
    case Fault::truncated:
      return "data ends inside an element";
    case Fault::length_past_end:
      return "DER length runs past the end";
    case Fault::indefinite_length:
      return "indefinite length (BER, not DER)";
    case Fault::non_minimal_length:
      return "length is not minimally encoded (not DER)";
    case Fault::length_too_large:
      return "length is too large";
    case Fault::high_tag_number:
      return "unsupported high tag number";
    case Fault::unexpected_tag:
      return "unexpected element (wrong tag)";
    case Fault::trailing_bytes:
      return "trailing bytes after the end";
    case Fault::bad_boolean:
      return "BOOLEAN is not 00 or FF (not DER)";
    case Fault::bad_integer:
      return "INTEGER is empty or not minimally encoded";
    case Fault::negative_integer:
      return "negative INTEGER where a positive one is required";
    case Fault::integer_too_large:
      return "INTEGER is too large";
    case Fault::bad_bit_string:
      return "malformed BIT STRING";
    case Fault::bad_oid:
      return "malformed OBJECT IDENTIFIER";
    case Fault::bad_time:
      return "time is not a valid UTCTime or GeneralizedTime";
    case Fault::bad_null:
      return "NULL with content";
    case Fault::bad_string:
      return "malformed string";
    case Fault::empty_sequence:
      return "a list that must not be empty is empty";
    case Fault::unsupported_version:
      return "unsupported certificate version";
    case Fault::bad_serial:
      return "serial number is negative or longer than 20 octets";
    case Fault::signature_algorithm_mismatch:
      return "outer signature algorithm differs from the signed one";
    case Fault::duplicate_extension:
      return "an extension appears twice";
    case Fault::bad_extension:
      return "malformed extension";
    case Fault::bad_name:
      return "malformed distinguished name";
    case Fault::bad_general_name:
      return "malformed name in subjectAltName or name constraints";
    case Fault::bad_algorithm:
      return "malformed algorithm identifier";
    case Fault::bad_key:
      return "malformed key";
  }
  return "malformed DER";
}

void Parser::fail(Fault f) {
  if (*fault_ == Fault::none) *fault_ = f;
  r_.fail();
}

Element Parser::element() {
  if (!ok()) return {};
  ByteView start = r_.rest();
  size_t begin = r_.position();
  uint8_t tag = r_.u8();
  uint8_t first = r_.u8();
  if (!r_.ok()) {
    fail(Fault::truncated);
    return {};
  }
  // Tag numbers of 31 and above take more octets; X.509 never uses them.
  if ((tag & 0x1f) == 0x1f) {
    fail(Fault::high_tag_number);
    return {};
  }
  size_t len = first;
  if (first == 0x80) {
    fail(Fault::indefinite_length);
    return {};
  }
  if (first > 0x80) {
    size_t n = first & 0x7f;
    if (n > 4) {
      fail(Fault::length_too_large);
      return {};
    }
    len = 0;
    for (size_t i = 0; i < n; ++i) {
      uint8_t b = r_.u8();
      if (i == 0 && b == 0) {
        fail(Fault::non_minimal_length);
        return {};
      }
      len = (len << 8) | b;
    }
    if (!r_.ok()) {
      fail(Fault::truncated);
      return {};
    }
    if (len < 0x80) {
      fail(Fault::non_minimal_length);
      return {};
    }
  }
  if (len > r_.remaining()) {
    fail(Fault::length_past_end);
    return {};
  }
  Element e;
  e.tag = tag;
  e.value = r_.bytes(len);
  e.encoding = start.first(r_.position() - begin);
  return e;
}

ByteView Parser::read(uint8_t tag) {
  return read_tagged(tag, false);
}

ByteView Parser::read_encoding(uint8_t tag) {
  return read_tagged(tag, true);
}

ByteView Parser::read_tagged(uint8_t tag, bool encoding) {
  if (!ok()) return {};
  if (r_.empty()) {
    fail(Fault::truncated);
    return {};
  }
  Element e = element();
  if (!ok()) return {};
  if (e.tag != tag) {
    fail(Fault::unexpected_tag);
    return {};
  }
  return encoding ? e.encoding : e.value;
}

Parser Parser::nested(uint8_t tag) {
  return Parser(read(tag), *fault_);
}

bool Parser::next_is(uint8_t tag) const {
  ByteView rest = r_.rest();
  return ok() && !rest.empty() && rest[0] == tag;
}

bool Parser::optional(uint8_t tag, ByteView& value) {
  if (!next_is(tag)) return false;
  value = read(tag);
  return ok();
}

bool Parser::boolean() {
  ByteView v = read(kBoolean);
  if (!ok()) return false;
  if (v.size() != 1 || (v[0] != 0x00 && v[0] != 0xff)) {
    fail(Fault::bad_boolean);
    return false;
  }
  return v[0] == 0xff;
}

ByteView Parser::integer() {
  ByteView v = read(kInteger);
  if (!ok()) return {};
  bool redundant_sign = v.size() > 1 && ((v[0] == 0x00 && (v[1] & 0x80) == 0) ||
                                         (v[0] == 0xff && (v[1] & 0x80) != 0));
  if (v.empty() || redundant_sign) {
    fail(Fault::bad_integer);
    return {};
  }
  return v;
}

int Parser::small_unsigned() {
  ByteView v = integer();
  if (!ok()) return 0;
  if (v[0] & 0x80) {
    fail(Fault::negative_integer);
    return 0;
  }
  if (v.size() > 4 || (v.size() == 4 && v[0] != 0)) {
    fail(Fault::integer_too_large);
    return 0;
  }
  uint32_t n = 0;
  for (uint8_t b : v) n = (n << 8) | b;
  return static_cast<int>(n);
}

ByteView Parser::positive_integer() {
  ByteView v = integer();
  if (!ok()) return {};
  if (v[0] & 0x80) {
    fail(Fault::negative_integer);
    return {};
  }
  if (v[0] == 0) v = v.subspan(1);
  if (v.empty()) fail(Fault::bad_integer);
  return v;
}

ByteView Parser::oid() {
  ByteView v = read(kOid);
  if (!ok()) return {};
  // Base-128 subidentifiers: none may start with a padding 0x80 octet, and the
  // last octet must end a subidentifier.
  bool at_start = true;
  for (uint8_t b : v) {
    if (at_start && b == 0x80) {
      fail(Fault::bad_oid);
      return {};
    }
    at_start = (b & 0x80) == 0;
  }
  if (v.empty() || !at_start) {
    fail(Fault::bad_oid);
    return {};
  }
  return v;
}

void Parser::null() {
  ByteView v = read(kNull);
  if (ok() && !v.empty()) fail(Fault::bad_null);
}

ByteView Parser::bit_string_octets() {
  ByteView v = read(kBitString);
  if (!ok()) return {};
  if (v.empty() || v[0] != 0) {
    fail(Fault::bad_bit_string);
    return {};
  }
  return v.subspan(1);
}

uint32_t Parser::named_bits() {
  ByteView v = read(kBitString);
  if (!ok()) return 0;
  if (v.empty() || v[0] > 7 || v.size() > 5) {
    fail(Fault::bad_bit_string);
    return 0;
  }
  unsigned unused = v[0];
  ByteView bits = v.subspan(1);
  if (bits.empty()) {
    if (unused != 0) fail(Fault::bad_bit_string);
    return 0;
  }
  // Unused bits are zero. DER would also drop trailing zero bits, but a root in
  // Debian's bundle (Trustwave Global ECC P256) writes keyUsage as 03 03 07 06 00,
  // and the meaning is not in doubt, so trailing zeros are tolerated.
  uint8_t last = bits.back();
  if ((last & ((1u << unused) - 1)) != 0) {
    fail(Fault::bad_bit_string);
    return 0;
  }
  uint32_t out = 0;
  for (size_t i = 0; i < bits.size(); ++i)
    for (unsigned j = 0; j < 8; ++j)
      if (bits[i] & (0x80 >> j)) out |= 1u << (i * 8 + j);
  return out;
}

namespace {

bool digits(ByteView v, size_t from, size_t n, unsigned& out) {
  out = 0;
  for (size_t i = from; i < from + n; ++i) {
    if (v[i] < '0' || v[i] > '9') return false;
    out = out * 10 + (v[i] - '0');
  }
  return true;
}

bool leap(unsigned y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(unsigned y, unsigned m) {
  static constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

int64_t Parser::time() {
  Element e = element();
  if (!ok()) return 0;
  // RFC 5280 4.1.2.5: UTCTime YYMMDDHHMMSSZ (1950..2049) or GeneralizedTime
  // YYYYMMDDHHMMSSZ, no fractions, no offsets. CAs should use GeneralizedTime only
  // from 2050 on, but a root in Debian's bundle (Certum Trusted Network CA 2) uses
  // it for 2011, so any year is accepted.
  ByteView v = e.value;
  unsigned year = 0;
  size_t at = 0;
  bool good = false;
  if (e.tag == kUtcTime && v.size() == 13) {
    good = digits(v, 0, 2, year);
    year += year >= 50 ? 1900 : 2000;
    at = 2;
  } else if (e.tag == kGeneralizedTime && v.size() == 15) {
    good = digits(v, 0, 4, year);
    at = 4;
  } else if (e.tag != kUtcTime && e.tag != kGeneralizedTime) {
    fail(Fault::unexpected_tag);
    return 0;
  }
  unsigned mon = 0, day = 0, hour = 0, min = 0, sec = 0;
  good = good && digits(v, at, 2, mon) && digits(v, at + 2, 2, day) && digits(v, at + 4, 2, hour) &&
         digits(v, at + 6, 2, min) && digits(v, at + 8, 2, sec) && v[at + 10] == 'Z';
  good = good && mon >= 1 && mon <= 12 && day >= 1 && day <= days_in_month(year, mon) &&
         hour < 24 && min < 60 && sec < 60;
  if (!good) {
    fail(Fault::bad_time);
    return 0;
  }
  return days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
}

bool Parser::expect_end() {
  if (ok() && !r_.empty()) fail(Fault::trailing_bytes);
  return ok();
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  // Count from 0000-03-01 so the leap day ends each 4/100/400-year cycle.
  y -= m <= 2 ? 1 : 0;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t year_of_era = y - era * 400;
  int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void format_oid(ByteView oid, char* out, size_t cap) {
  if (cap == 0) return;
  out[0] = '\0';
  size_t n = 0;
  auto put = [&](uint64_t v) {
    char arc[24];
    int len =
        std::snprintf(arc, sizeof arc, n ? ".%llu" : "%llu", static_cast<unsigned long long>(v));
    for (int i = 0; i < len && n + 1 < cap; ++i) out[n++] = arc[i];
    out[n] = '\0';
  };
  uint64_t value = 0;
  bool first = true;
  for (uint8_t b : oid) {
    value = (value << 7) | (b & 0x7f);
    if (b & 0x80) continue;
    if (first) {
      // The first subidentifier packs the first two arcs (X.690 8.19.4).
      uint64_t arc1 = value < 80 ? value / 40 : 2;
      put(arc1);
      put(value - arc1 * 40);
      first = false;
    } else {
      put(value);
    }
    value = 0;
  }
}

void format_date(int64_t t, bool with_time, char* out, size_t cap) {
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  // The inverse of days_from_civil.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t day_of_era = z - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t mp = (5 * day_of_year + 2) / 153;
  int64_t d = day_of_year - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  int64_t y = year_of_era + era * 400 + (m <= 2 ? 1 : 0);
  if (with_time) {
    std::snprintf(out, cap, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld UTC",
                  static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60));
  } else {
    std::snprintf(out, cap, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d));
  }
}

}  // namespace mk::x509::der
