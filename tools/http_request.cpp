#include "http_request.h"

#include <algorithm>
#include <cctype>

#include "args.h"
#include "text.h"

namespace mk::cli {
namespace {

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_token_char);
}

// Whether a comma-separated header value lists token (case-insensitive).
bool lists_token(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    size_t comma = value.find(',');
    if (equal_ignoring_case(trim(value.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

bool parse_request_line(std::string_view line, HttpRequest& req) {
  size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return false;
  size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method) || target.empty() || target[0] != '/') return false;
  for (char c : target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  if (version == "HTTP/1.1") {
    req.minor_version = 1;
  } else if (version == "HTTP/1.0") {
    req.minor_version = 0;
  } else {
    return false;
  }
  req.method = method;
  req.target = target;
  return true;
}

bool parse_header_line(std::string_view line, HttpRequest& req) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view name = line.substr(0, colon);
  if (!is_token(name)) return false;  // also refuses "Name :" and folded lines
  std::string_view value = trim(line.substr(colon + 1));
  for (char c : value) {
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  req.headers.emplace_back(std::string(name), std::string(value));
  return true;
}

}  // namespace

std::string_view HttpRequest::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (equal_ignoring_case(n, name)) return v;
  }
  return {};
}

ParseResult parse_request_head(std::string_view data, HttpRequest& out, size_t& head_len) {
  HttpRequest req;
  size_t pos = 0;
  bool first = true;
  for (;;) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos || nl >= kMaxRequestHead) {
      return data.size() >= kMaxRequestHead ? ParseResult::malformed : ParseResult::incomplete;
    }
    std::string_view line = data.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    if (first) {
      if (!parse_request_line(line, req)) return ParseResult::malformed;
      first = false;
      continue;
    }
    if (line.empty()) break;
    if (!parse_header_line(line, req)) return ParseResult::malformed;
  }

  bool have_length = false;
  for (const auto& [name, value] : req.headers) {
    if (equal_ignoring_case(name, "Transfer-Encoding")) return ParseResult::malformed;
    if (!equal_ignoring_case(name, "Content-Length")) continue;
    int64_t n = 0;
    if (!parse_int(value, 0, INT64_MAX, n) || !std::isdigit(static_cast<unsigned char>(value[0]))) {
      return ParseResult::malformed;
    }
    if (have_length && req.content_length != static_cast<uint64_t>(n))
      return ParseResult::malformed;
    req.content_length = static_cast<uint64_t>(n);
    have_length = true;
  }
  if (req.minor_version == 1 && req.header("Host").empty()) return ParseResult::malformed;
  std::string_view connection = req.header("Connection");
  req.keep_alive = req.minor_version == 1 ? !lists_token(connection, "close")
                                          : lists_token(connection, "keep-alive");
  out = std::move(req);
  head_len = pos;
  return ParseResult::complete;
}

std::string build_get_request(std::string_view authority, std::string_view target) {
  std::string r;
  r += "GET ";
  r += target;
  r += " HTTP/1.1\r\nHost: ";
  r += authority;
  r += "\r\nUser-Agent: meerkat-get\r\nAccept: */*\r\nConnection: close\r\n\r\n";
  return r;
}

}  // namespace mk::cli
