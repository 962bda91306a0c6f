// HTTP/1.1 responses: the server writes response heads, the client parses whole
// responses (head, then the body however it is framed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http_body.h"

namespace mk::cli {

// "OK", "Not Found", ... ("Unknown" for codes the server never sends).
std::string_view reason_phrase(int status);

// Status line and headers, ending with the empty line. extra_headers, when not empty,
// holds complete "Name: value\r\n" lines.
std::string format_response_head(int status, std::string_view content_type, uint64_t content_length,
                                 bool keep_alive, std::string_view extra_headers = {});

// A response to a GET, fed as it arrives. Informational (1xx) heads are skipped.
class ResponseParser {
 public:
  enum class Status { more, done, malformed };

  // Body bytes are appended to body; the caller takes them away as it likes.
  Status feed(std::string_view data, std::string& body);
  // The connection closed: done when the body was close-delimited or complete.
  Status finish() const;

  bool head_done() const { return head_done_; }
  int status() const { return status_; }
  const std::string& reason() const { return reason_; }
  std::string_view header(std::string_view name) const;
  const std::string& error() const { return error_; }

 private:
  Status parse_head(std::string_view head);
  Status fail(std::string why);

  std::string head_;  // the head so far
  bool head_done_ = false;
  bool failed_ = false;
  int status_ = 0;
  std::string reason_;
  std::vector<std::pair<std::string, std::string>> headers_;
  BodyDecoder body_ = BodyDecoder::empty();
  std::string error_;
};

}  // namespace mk::cli
