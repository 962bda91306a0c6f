#include "http_response.h"

#include "args.h"
#include "text.h"

namespace mk::cli {
namespace {

// A response head larger than this is refused.
constexpr size_t kMaxResponseHead = 64 * 1024;

// Offset just past the empty line that ends a head, or npos.
size_t find_head_end(std::string_view s) {
  size_t pos = 0;
  for (;;) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) return std::string_view::npos;
    std::string_view line = s.substr(pos, nl - pos);
    if (line.empty() || line == "\r") return pos == 0 ? std::string_view::npos : nl + 1;
    pos = nl + 1;
  }
}

}  // namespace

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

std::string format_response_head(int status, std::string_view content_type, uint64_t content_length,
                                 bool keep_alive, std::string_view extra_headers) {
  std::string h = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason_phrase(status));
  h += "\r\nServer: meerkat\r\nContent-Type: ";
  h += content_type;
  h += "\r\nContent-Length: " + std::to_string(content_length);
  h += keep_alive ? "\r\nConnection: keep-alive\r\n" : "\r\nConnection: close\r\n";
  h += extra_headers;
  h += "\r\n";
  return h;
}

ResponseParser::Status ResponseParser::fail(std::string why) {
  failed_ = true;
  error_ = std::move(why);
  return Status::malformed;
}

ResponseParser::Status ResponseParser::parse_head(std::string_view head) {
  status_ = 0;
  reason_.clear();
  headers_.clear();
  size_t pos = 0;
  bool first = true;
  while (pos < head.size()) {
    size_t nl = head.find('\n', pos);
    std::string_view line = head.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (first) {
      first = false;
      // "HTTP/1.x NNN reason"
      if (line.size() < 12 || !line.starts_with("HTTP/1.") || line[8] != ' ') {
        return fail("malformed HTTP status line");
      }
      int64_t code = 0;
      if (!parse_int(line.substr(9, 3), 100, 599, code)) return fail("malformed HTTP status code");
      if (line.size() > 12 && line[12] != ' ') return fail("malformed HTTP status line");
      status_ = static_cast<int>(code);
      reason_ = line.size() > 13 ? line.substr(13) : "";
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return fail("malformed HTTP header line");
    headers_.emplace_back(std::string(line.substr(0, colon)),
                          std::string(trim(line.substr(colon + 1))));
  }
  if (status_ / 100 == 1 || status_ == 204 || status_ == 304) {
    body_ = BodyDecoder::empty();
    return Status::done;
  }
  std::string_view te = header("Transfer-Encoding");
  std::string_view cl = header("Content-Length");
  if (!te.empty()) {
    if (!equal_ignoring_case(te, "chunked"))
      return fail("unsupported Transfer-Encoding: " + std::string(te));
    body_ = BodyDecoder::chunked();
  } else if (!cl.empty()) {
    int64_t n = 0;
    if (!parse_int(cl, 0, INT64_MAX, n)) return fail("malformed Content-Length");
    body_ = BodyDecoder::with_length(static_cast<uint64_t>(n));
  } else {
    body_ = BodyDecoder::until_close();
  }
  return Status::more;
}

ResponseParser::Status ResponseParser::feed(std::string_view data, std::string& body) {
  if (failed_) return Status::malformed;
  while (!head_done_) {
    size_t before = head_.size();
    head_.append(data);
    size_t end = find_head_end(head_);
    if (end == std::string::npos) {
      if (head_.size() > kMaxResponseHead) return fail("HTTP response head too large");
      return Status::more;
    }
    data = data.substr(end - before);
    Status s = parse_head(std::string_view(head_).substr(0, end));
    if (s == Status::malformed) return s;
    head_.clear();
    if (status_ / 100 == 1) continue;  // an informational head: the real one follows
    head_done_ = true;
    if (s == Status::done) return Status::done;
  }
  size_t used = 0;
  switch (body_.feed(data, body, used)) {
    case BodyDecoder::Status::malformed:
      return fail("malformed chunked body");
    case BodyDecoder::Status::done:
      return Status::done;
    case BodyDecoder::Status::more:
      return Status::more;
  }
  return Status::more;
}

ResponseParser::Status ResponseParser::finish() const {
  if (failed_) return Status::malformed;
  if (!head_done_) return Status::malformed;
  return body_.finish() == BodyDecoder::Status::done ? Status::done : Status::malformed;
}

std::string_view ResponseParser::header(std::string_view name) const {
  for (const auto& [n, v] : headers_) {
    if (equal_ignoring_case(n, name)) return v;
  }
  return {};
}

}  // namespace mk::cli
