#include "rfc8448.h"

#include <gtest/gtest.h>

#include <cctype>
#include <sstream>

#include "testdata.h"

namespace mk::test {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

size_t indent_of(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Running heads and feet of the RFC's pages, which split values in two.
bool is_page_break(std::string_view line) {
  return starts_with(line, "Thomson ") || starts_with(line, "Internet-Draft") ||
         starts_with(line, "RFC 8448") || starts_with(line, "\f");
}

// "3.  Simple 1-RTT Handshake" at the left margin.
std::optional<int> section_heading(std::string_view line) {
  size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  if (digits == 0 || !starts_with(line.substr(digits), ".  ")) return std::nullopt;
  return std::stoi(std::string(line.substr(0, digits)));
}

bool is_hex_run(std::string_view s) {
  s = trim(s);
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool ok = (i % 3 == 2) ? s[i] == ' ' : std::isxdigit(static_cast<unsigned char>(s[i])) != 0;
    if (!ok) return false;
  }
  return s.size() % 3 == 2;
}

struct OpenValue {
  std::string label;
  size_t octets = 0;
  std::string hex;
};

}  // namespace

const Bytes* TraceStep::value(std::string_view label) const {
  for (const auto& [name, bytes] : values)
    if (name == label) return &bytes;
  return nullptr;
}

std::optional<Rfc8448Trace> Rfc8448Trace::parse(std::string_view text, std::string* error) {
  Rfc8448Trace trace;
  int section = 0;
  std::optional<OpenValue> open;
  bool in_step_title = false;
  int line_no = 0;

  auto fail = [&](const std::string& why) {
    if (error) *error = "line " + std::to_string(line_no) + ": " + why;
    return std::nullopt;
  };
  auto close_value = [&]() -> bool {
    if (!open) return true;
    Bytes bytes = from_hex(open->hex);
    if (bytes.size() != open->octets) return false;
    trace.steps_.back().values.emplace_back(open->label, std::move(bytes));
    open.reset();
    return true;
  };

  std::istringstream in{std::string(text)};
  std::string raw;
  while (std::getline(in, raw)) {
    ++line_no;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_page_break(line) || trim(line).empty()) continue;
    size_t indent = indent_of(line);

    if (indent == 0) {
      if (!close_value()) return fail("octet count mismatch");
      in_step_title = false;
      if (auto n = section_heading(line)) section = *n;
      continue;
    }
    std::string_view body = trim(line);
    if (indent == 3 && (starts_with(body, "{client}") || starts_with(body, "{server}"))) {
      if (!close_value()) return fail("octet count mismatch");
      TraceStep step;
      step.section = section;
      step.actor = std::string(body.substr(1, 6));
      step.action = std::string(trim(body.substr(8)));
      if (!step.action.empty() && step.action.back() == ':') step.action.pop_back();
      trace.steps_.push_back(std::move(step));
      in_step_title = true;
      continue;
    }
    if (trace.steps_.empty() || section == 0) continue;  // front matter and prose

    // "label (N octets):  hex ..." starts a value.
    size_t octets_at = body.find(" octets):");
    size_t paren = body.rfind(" (", octets_at);
    if (indent == 6 && octets_at != std::string_view::npos && paren != std::string_view::npos) {
      if (!close_value()) return fail("octet count mismatch");
      in_step_title = false;
      OpenValue v;
      v.label = std::string(body.substr(0, paren));
      v.octets = std::stoul(std::string(body.substr(paren + 2, octets_at - paren - 2)));
      std::string_view rest = trim(body.substr(octets_at + 9));
      if (rest != "(empty)") v.hex = std::string(rest);
      open = std::move(v);
      continue;
    }
    if (open && indent >= 9 && is_hex_run(body)) {
      open->hex += " ";
      open->hex += body;
      continue;
    }
    if (!close_value()) return fail("octet count mismatch");
    if (in_step_title && indent == 6 && body.find(':') == std::string_view::npos) {
      // A step title wrapped onto a second line.
      std::string& action = trace.steps_.back().action;
      action += " ";
      action += body;
      if (action.back() == ':') action.pop_back();
      continue;
    }
    in_step_title = false;  // prose or a value without octets ("salt:  0")
  }
  if (!close_value()) return fail("octet count mismatch");
  if (trace.steps_.empty()) return fail("no steps found");
  return trace;
}

std::optional<Rfc8448Trace> Rfc8448Trace::load(const std::string& path, std::string* error) {
  std::string text = read_file(path);
  if (text.empty()) {
    if (error) *error = "cannot read " + path;
    return std::nullopt;
  }
  return parse(text, error);
}

Bytes Rfc8448Trace::value(int section, std::string_view actor, std::string_view action,
                          std::string_view label, int nth) const {
  int seen = 0;
  for (const TraceStep& step : steps_) {
    if (step.section != section || step.actor != actor || !starts_with(step.action, action))
      continue;
    const Bytes* v = step.value(label);
    if (v && seen++ == nth) return *v;
  }
  ADD_FAILURE() << "RFC 8448 section " << section << ": no \"" << label << "\" in step {" << actor
                << "} " << action << " #" << nth;
  return {};
}

void Rfc8448Test::SetUp() {
  MK_REQUIRE_SHARED(path, "rfc8448/tls13-traces.txt");
  static std::optional<Rfc8448Trace> cached;
  static std::string error;
  if (!cached && error.empty()) {
    cached = Rfc8448Trace::load(path, &error);
  }
  ASSERT_TRUE(cached.has_value()) << error;
  trace_ = &*cached;
}

Bytes Rfc8448Test::message(int section, std::string_view actor, std::string_view name,
                           int nth) const {
  std::string action = "construct a " + std::string(name) + " handshake message";
  return value(section, actor, action, name, nth);
}

}  // namespace mk::test
