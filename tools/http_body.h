// An HTTP/1.1 message body as it arrives: Content-Length, chunked, or delimited by
// the connection closing. Bytes go in, the body's own bytes come out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mk::cli {

class BodyDecoder {
 public:
  enum class Framing { none, length, chunked, until_close };
  enum class Status { more, done, malformed };

  static BodyDecoder with_length(uint64_t n);
  static BodyDecoder chunked();
  static BodyDecoder until_close();
  static BodyDecoder empty();

  // Decode data; body bytes are appended to body. used receives how much of data was
  // taken (less than all of it only when the body ended before the data did).
  Status feed(std::string_view data, std::string& body, size_t& used);
  // The connection closed: done for a close-delimited body, malformed (truncated) for
  // any body still expecting bytes.
  Status finish() const;
  bool done() const { return state_ == State::done; }
  Framing framing() const { return framing_; }

 private:
  enum class State { size_line, data, data_end, trailer, raw, done };
  explicit BodyDecoder(Framing f) : framing_(f) {}
  bool take_line(std::string_view data, size_t& pos, std::string& line_out, bool& complete);

  Framing framing_;
  State state_ = State::raw;
  uint64_t remaining_ = 0;
  std::string line_;  // a chunk-size or trailer line split across feeds
};

}  // namespace mk::cli
