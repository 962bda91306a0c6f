#include "x509/public_suffix.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace mk::x509 {

#ifdef MEERKAT_PUBLIC_SUFFIX_LIST
// Generated at build time by scripts/gen-public-suffix.py.
extern const char kPublicSuffixRules[];
extern const uint32_t kPublicSuffixOffsets[];
extern const size_t kPublicSuffixCount;

namespace {

std::string_view rule(size_t i) {
  const char* start = &kPublicSuffixRules[kPublicSuffixOffsets[i]];
  return std::string_view(start, std::strlen(start));
}

// Whether prefix + name is one of the rules (prefix is "", "!" or "*.").
bool listed(std::string_view prefix, std::string_view name) {
  char key[260];
  if (prefix.size() + name.size() > sizeof key) return false;
  std::copy(prefix.begin(), prefix.end(), key);
  std::copy(name.begin(), name.end(), key + prefix.size());
  std::string_view wanted(key, prefix.size() + name.size());
  size_t lo = 0, hi = kPublicSuffixCount;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = rule(mid).compare(wanted);
    if (c == 0) return true;
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return false;
}

}  // namespace
#endif

bool is_public_suffix(std::string_view domain) {
  size_t dot = domain.find('.');
  // Every top-level domain is a public suffix (the list's implicit "*" rule).
  if (dot == std::string_view::npos) return true;
#ifdef MEERKAT_PUBLIC_SUFFIX_LIST
  if (listed("!", domain)) return false;
  return listed("", domain) || listed("*.", domain.substr(dot + 1));
#else
  return false;
#endif
}

}  // namespace mk::x509
