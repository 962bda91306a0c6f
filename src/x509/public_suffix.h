// The public suffix list (publicsuffix.org, Debian package "publicsuffix"), compiled
// in at build time: a wildcard may not span a whole public suffix ("*.co.uk",
// "*.s3.amazonaws.com"). Built with -DMEERKAT_PUBLIC_SUFFIX_LIST=OFF the list is
// left out to save about 150 KB and only single-label suffixes ("*.com") are refused.
#pragma once

#include <string_view>

namespace mk::x509 {

// Whether domain (lower case, no trailing dot) is a public suffix.
bool is_public_suffix(std::string_view domain);

}  // namespace mk::x509
