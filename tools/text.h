// Small ASCII text helpers shared by the HTTP code and the option parsers.
#pragma once

#include <string_view>

namespace mk::cli {

// ASCII case-insensitive comparison, as HTTP header names and TLS names need.
bool equal_ignoring_case(std::string_view a, std::string_view b);

// Without leading and trailing spaces and tabs.
std::string_view trim(std::string_view s);

}  // namespace mk::cli
