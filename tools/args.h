// Command-line options. Each subcommand declares the options it accepts; parse()
// checks argv against that list, so every subcommand refuses unknown options,
// missing values and repeated options with the same words.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mk::cli {

struct OptionSpec {
  std::string_view name;        // "--port"
  std::string_view short_name;  // "-o", or "" when there is none
  bool takes_value;
};

class Args {
 public:
  // argv holds the subcommand's arguments only (no program or subcommand name).
  // "--name=value" and "--name value" are both accepted; "--" ends the options.
  // False on failure, with error() saying why.
  bool parse(std::span<const OptionSpec> specs, std::span<const char* const> argv);

  bool has(std::string_view name) const;
  // The option's value, or fallback when it was not given.
  std::string_view value(std::string_view name, std::string_view fallback = {}) const;
  const std::vector<std::string>& positional() const { return positional_; }
  const std::string& error() const { return error_; }

 private:
  std::vector<std::pair<std::string, std::string>> given_;
  std::vector<std::string> positional_;
  std::string error_;
};

// A decimal integer in [min, max] with nothing around it.
bool parse_int(std::string_view text, int64_t min, int64_t max, int64_t& out);

// "a,b, c" -> {"a", "b", "c"}; ':' separates too (OpenSSL's lists use it). Empty
// items are dropped.
std::vector<std::string> split_list(std::string_view list);

}  // namespace mk::cli
