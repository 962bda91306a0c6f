#include "args.h"

#include <charconv>

#include "text.h"

namespace mk::cli {
namespace {

const OptionSpec* find_spec(std::span<const OptionSpec> specs, std::string_view arg) {
  for (const OptionSpec& s : specs) {
    if (arg == s.name || (!s.short_name.empty() && arg == s.short_name)) return &s;
  }
  return nullptr;
}

}  // namespace

bool Args::parse(std::span<const OptionSpec> specs, std::span<const char* const> argv) {
  given_.clear();
  positional_.clear();
  error_.clear();
  bool options_ended = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    std::string_view arg = argv[i];
    if (options_ended || arg.size() < 2 || arg[0] != '-') {
      positional_.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    std::string_view inline_value;
    bool has_inline_value = false;
    if (arg.starts_with("--")) {
      size_t eq = arg.find('=');
      if (eq != std::string_view::npos) {
        inline_value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_inline_value = true;
      }
    }
    const OptionSpec* spec = find_spec(specs, arg);
    if (!spec) {
      error_ = "unknown option " + std::string(arg);
      return false;
    }
    if (has(spec->name)) {
      error_ = "option " + std::string(spec->name) + " given twice";
      return false;
    }
    std::string value;
    if (spec->takes_value) {
      if (has_inline_value) {
        value = inline_value;
      } else if (i + 1 < argv.size()) {
        value = argv[++i];
      } else {
        error_ = "option " + std::string(spec->name) + " needs a value";
        return false;
      }
    } else if (has_inline_value) {
      error_ = "option " + std::string(spec->name) + " takes no value";
      return false;
    }
    given_.emplace_back(std::string(spec->name), std::move(value));
  }
  return true;
}

bool Args::has(std::string_view name) const {
  for (const auto& [n, v] : given_) {
    if (n == name) return true;
  }
  return false;
}

std::string_view Args::value(std::string_view name, std::string_view fallback) const {
  for (const auto& [n, v] : given_) {
    if (n == name) return v;
  }
  return fallback;
}

bool parse_int(std::string_view text, int64_t min, int64_t max, int64_t& out) {
  int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || v < min || v > max) return false;
  out = v;
  return true;
}

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find_first_of(",:", start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = trim(list.substr(start, end - start));
    if (!item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

}  // namespace mk::cli
