#include "http_body.h"

#include <cctype>

namespace mk::cli {
namespace {

// Longest chunk-size or trailer line accepted (chunk extensions included).
constexpr size_t kMaxLine = 4096;

// Parse the hex size at the start of a chunk-size line; extensions after ';' are
// ignored. False when there is no hex digit or the size overflows.
bool parse_chunk_size(std::string_view line, uint64_t& out) {
  size_t semi = line.find(';');
  std::string_view digits = line.substr(0, semi);
  while (!digits.empty() && (digits.back() == ' ' || digits.back() == '\t'))
    digits.remove_suffix(1);
  if (digits.empty() || digits.size() > 15) return false;
  uint64_t v = 0;
  for (char c : digits) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    v = v * 16 +
        static_cast<uint64_t>(std::isdigit(static_cast<unsigned char>(c))
                                  ? c - '0'
                                  : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
  }
  out = v;
  return true;
}

}  // namespace

BodyDecoder BodyDecoder::with_length(uint64_t n) {
  BodyDecoder d(Framing::length);
  d.remaining_ = n;
  d.state_ = n == 0 ? State::done : State::raw;
  return d;
}

BodyDecoder BodyDecoder::chunked() {
  BodyDecoder d(Framing::chunked);
  d.state_ = State::size_line;
  return d;
}

BodyDecoder BodyDecoder::until_close() {
  return BodyDecoder(Framing::until_close);
}

BodyDecoder BodyDecoder::empty() {
  BodyDecoder d(Framing::none);
  d.state_ = State::done;
  return d;
}

bool BodyDecoder::take_line(std::string_view data, size_t& pos, std::string& line_out,
                            bool& complete) {
  size_t nl = data.find('\n', pos);
  size_t end = nl == std::string_view::npos ? data.size() : nl;
  line_.append(data.substr(pos, end - pos));
  pos = nl == std::string_view::npos ? data.size() : nl + 1;
  if (line_.size() > kMaxLine) return false;
  complete = nl != std::string_view::npos;
  if (complete) {
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    line_out = std::move(line_);
    line_.clear();
  }
  return true;
}

BodyDecoder::Status BodyDecoder::feed(std::string_view data, std::string& body, size_t& used) {
  size_t pos = 0;
  while (pos < data.size() && state_ != State::done) {
    switch (state_) {
      case State::raw: {
        size_t n = data.size() - pos;
        if (framing_ == Framing::length && n > remaining_) n = static_cast<size_t>(remaining_);
        body.append(data.substr(pos, n));
        pos += n;
        if (framing_ == Framing::length) {
          remaining_ -= n;
          if (remaining_ == 0) state_ = State::done;
        }
        break;
      }
      case State::size_line: {
        std::string line;
        bool complete = false;
        if (!take_line(data, pos, line, complete)) return Status::malformed;
        if (!complete) break;
        if (!parse_chunk_size(line, remaining_)) return Status::malformed;
        state_ = remaining_ == 0 ? State::trailer : State::data;
        break;
      }
      case State::data: {
        size_t n = data.size() - pos;
        if (n > remaining_) n = static_cast<size_t>(remaining_);
        body.append(data.substr(pos, n));
        pos += n;
        remaining_ -= n;
        if (remaining_ == 0) state_ = State::data_end;
        break;
      }
      case State::data_end: {
        std::string line;
        bool complete = false;
        if (!take_line(data, pos, line, complete)) return Status::malformed;
        if (!complete) break;
        if (!line.empty()) return Status::malformed;  // chunk data must end with CRLF
        state_ = State::size_line;
        break;
      }
      case State::trailer: {
        std::string line;
        bool complete = false;
        if (!take_line(data, pos, line, complete)) return Status::malformed;
        if (complete && line.empty()) state_ = State::done;
        break;
      }
      case State::done:
        break;
    }
  }
  used = pos;
  return state_ == State::done ? Status::done : Status::more;
}

BodyDecoder::Status BodyDecoder::finish() const {
  if (state_ == State::done) return Status::done;
  return framing_ == Framing::until_close ? Status::done : Status::malformed;
}

}  // namespace mk::cli
