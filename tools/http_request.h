// HTTP/1.1 requests: the server parses request heads, the client builds its GET.
// Only what a static file server needs: no request bodies beyond Content-Length
// (which the server skips), no chunked uploads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mk::cli {

// A request head larger than this is refused as malformed.
inline constexpr size_t kMaxRequestHead = 16 * 1024;

struct HttpRequest {
  std::string method;
  std::string target;
  int minor_version = 1;  // HTTP/1.<minor_version>
  std::vector<std::pair<std::string, std::string>> headers;
  uint64_t content_length = 0;
  bool keep_alive = true;

  // The first header of that name (case-insensitive), or "" when absent.
  std::string_view header(std::string_view name) const;
};

enum class ParseResult { incomplete, complete, malformed };

// Parse the request head at the start of data (lines end in CRLF or LF; the head ends
// at the first empty line). On complete, head_len is the head's size in bytes. Rules
// that make a head malformed: a request line that is not "METHOD /target HTTP/1.x",
// a header line without a name and colon (or with space before the colon, or folded),
// an invalid or conflicting Content-Length, any Transfer-Encoding, HTTP/1.1 without
// Host, or no end within kMaxRequestHead bytes.
ParseResult parse_request_head(std::string_view data, HttpRequest& out, size_t& head_len);

// The client's request: GET target, Host, Connection: close, a User-Agent.
std::string build_get_request(std::string_view authority, std::string_view target);

}  // namespace mk::cli
