#include "x509/name_match.h"

#include <cstdio>

#include "x509/general_name.h"
#include "x509/public_suffix.h"

namespace mk::x509 {
namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ldh(char c) {
  c = lower(c);
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool parse_ipv4(std::string_view text, uint8_t out[4]) {
  for (size_t part = 0; part < 4; ++part) {
    size_t dot = text.find('.');
    if ((part < 3) != (dot != std::string_view::npos)) return false;  // exactly three dots
    std::string_view num = text.substr(0, dot);
    if (num.empty() || num.size() > 3 || (num.size() > 1 && num[0] == '0')) return false;
    unsigned v = 0;
    for (char c : num) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + static_cast<unsigned>(c - '0');
    }
    if (v > 255) return false;
    out[part] = static_cast<uint8_t>(v);
    text.remove_prefix(part < 3 ? dot + 1 : text.size());
  }
  return true;
}

int hex_value(char c) {
  c = lower(c);
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 4291 2.2: up to eight groups of 1-4 hex digits, one "::" for a run of zero
// groups, and optionally a dotted quad in place of the last two groups.
bool parse_ipv6(std::string_view text, uint8_t out[16]) {
  uint16_t groups[8] = {};
  size_t count = 0;
  int gap = -1;  // index where "::" stands
  if (text.starts_with("::")) {
    gap = 0;
    text.remove_prefix(2);
  } else if (text.starts_with(":")) {
    return false;
  }
  while (!text.empty()) {
    if (count == 8) return false;
    size_t colon = text.find(':');
    std::string_view group = text.substr(0, colon);
    if (colon == std::string_view::npos && group.find('.') != std::string_view::npos) {
      uint8_t v4[4];
      if (count > 6 || !parse_ipv4(group, v4)) return false;
      groups[count++] = static_cast<uint16_t>((v4[0] << 8) | v4[1]);
      groups[count++] = static_cast<uint16_t>((v4[2] << 8) | v4[3]);
      text = {};
      break;
    }
    if (group.empty() || group.size() > 4) return false;
    unsigned v = 0;
    for (char c : group) {
      int h = hex_value(c);
      if (h < 0) return false;
      v = (v << 4) | static_cast<unsigned>(h);
    }
    groups[count++] = static_cast<uint16_t>(v);
    if (colon == std::string_view::npos) {
      text = {};
      break;
    }
    text.remove_prefix(colon + 1);
    if (text.starts_with(":")) {
      if (gap >= 0) return false;
      gap = static_cast<int>(count);
      text.remove_prefix(1);
    } else if (text.empty()) {
      return false;  // a single trailing colon
    }
  }
  if (gap < 0 ? count != 8 : count > 7) return false;
  size_t zeros = 8 - count;
  for (size_t i = 0, j = 0; i < 8; ++i) {
    bool in_gap = gap >= 0 && i >= static_cast<size_t>(gap) && i < static_cast<size_t>(gap) + zeros;
    uint16_t g = in_gap ? 0 : groups[j++];
    out[2 * i] = static_cast<uint8_t>(g >> 8);
    out[2 * i + 1] = static_cast<uint8_t>(g);
  }
  return true;
}

}  // namespace

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string_view without_trailing_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

bool parse_ip_address(std::string_view text, uint8_t out[16], size_t& len) {
  if (text.find(':') != std::string_view::npos) {
    len = 16;
    return parse_ipv6(text, out);
  }
  len = 4;
  return parse_ipv4(text, out);
}

bool valid_dns_name(std::string_view name, bool allow_wildcard) {
  name = without_trailing_dot(name);
  if (name.empty() || name.size() > 253) return false;
  size_t labels = 0;
  bool wildcard = false;
  std::string_view label;
  while (true) {
    size_t dot = name.find('.');
    label = name.substr(0, dot);
    if (labels == 0 && allow_wildcard && label == "*") {
      wildcard = true;
    } else {
      if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
        return false;
      for (char c : label)
        if (!ldh(c)) return false;
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    name.remove_prefix(dot + 1);
  }
  // A top-level domain is never all digits (RFC 3696 2), so "192.0.2.1" is an
  // address, not a name; and "*.example.tld" is the least a wildcard may cover.
  bool numeric_tld = true;
  for (char c : label) numeric_tld = numeric_tld && c >= '0' && c <= '9';
  return !numeric_tld && (!wildcard || labels >= 3);
}

bool dns_name_matches(std::string_view presented, std::string_view reference) {
  if (!valid_dns_name(presented, true)) return false;
  presented = without_trailing_dot(presented);
  reference = without_trailing_dot(reference);
  if (!presented.starts_with("*.")) return equal_ignoring_case(presented, reference);
  std::string_view base = presented.substr(2);
  size_t dot = reference.find('.');
  if (dot == 0 || dot == std::string_view::npos) return false;
  if (!equal_ignoring_case(reference.substr(dot + 1), base)) return false;
  char lowered[254];
  size_t n = 0;
  for (char c : base) lowered[n++] = lower(c);
  return !is_public_suffix(std::string_view(lowered, n));
}

bool parse_reference_name(std::string_view text, ReferenceName& out) {
  out = ReferenceName{};
  if (parse_ip_address(text, out.ip, out.ip_len)) {
    out.is_ip = true;
    return true;
  }
  out.ip_len = 0;
  if (!valid_dns_name(text, false)) return false;
  text = without_trailing_dot(text);
  for (char c : text) out.dns[out.dns_len++] = lower(c);
  return true;
}

bool san_matches(const Certificate& cert, const ReferenceName& ref) {
  if (!cert.has_san) return false;
  der::Fault fault = der::Fault::none;
  der::Parser names(cert.san, fault);
  while (!names.empty()) {
    GeneralName g = read_general_name(names);
    if (ref.is_ip && g.type == NameType::ip_address &&
        std::ranges::equal(g.value, ByteView(ref.ip, ref.ip_len)))
      return true;
    if (!ref.is_ip && g.type == NameType::dns &&
        dns_name_matches(as_chars(g.value), ref.dns_name()))
      return true;
  }
  return false;
}

void format_ip(ByteView ip, char* out, size_t cap) {
  if (cap == 0) return;
  if (ip.size() == 4) {
    std::snprintf(out, cap, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
    return;
  }
  if (ip.size() != 16) {
    std::snprintf(out, cap, "(invalid address)");
    return;
  }
  // RFC 5952: lower-case hex, the longest run (two or more) of zero groups as "::".
  unsigned g[8];
  for (size_t i = 0; i < 8; ++i) g[i] = (unsigned{ip[2 * i]} << 8) | ip[2 * i + 1];
  int best = -1, best_len = 1;
  for (int i = 0; i < 8; ++i) {
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
  }
  char text[48];
  size_t n = 0;
  auto add = [&](std::string_view s) {
    for (char c : s)
      if (n + 1 < sizeof text) text[n++] = c;
  };
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      add("::");
      i += best_len - 1;
      continue;
    }
    if (i > 0 && i != best + best_len) add(":");
    char group[8];
    int len = std::snprintf(group, sizeof group, "%x", g[i]);
    add(std::string_view(group, static_cast<size_t>(len)));
  }
  text[n] = '\0';
  std::snprintf(out, cap, "%s", text);
}

void presented_name(const Certificate& cert, char* out, size_t cap) {
  if (cert.has_san) {
    der::Fault fault = der::Fault::none;
    der::Parser names(cert.san, fault);
    while (!names.empty()) {
      GeneralName g = read_general_name(names);
      if (g.type == NameType::dns) {
        std::snprintf(out, cap, "%.*s", static_cast<int>(g.value.size()), as_chars(g.value).data());
        return;
      }
      if (g.type == NameType::ip_address) {
        format_ip(g.value, out, cap);
        return;
      }
    }
  }
  describe(cert, out, cap);
}

}  // namespace mk::x509
