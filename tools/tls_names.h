// The names a user types for protocol versions, cipher suites and groups, mapped to
// TLS code points. IANA names, plus the short aliases OpenSSL users know (P-256,
// prime256v1).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mk::cli {

// A comma- or colon-separated list of names to code points, in the order given.
// False on an unknown or repeated name, with error naming it.
bool parse_cipher_suites(std::string_view list, std::vector<uint16_t>& out, std::string& error);
bool parse_groups(std::string_view list, std::vector<uint16_t>& out, std::string& error);
// "1.2", "1.3" (or "TLSv1.2", "TLSv1.3"), one or both: the lowest and highest named.
bool parse_versions(std::string_view list, uint16_t& min, uint16_t& max, std::string& error);

}  // namespace mk::cli
