#include "x509/pem.h"

namespace mk::x509 {
namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";
constexpr size_t npos = std::string_view::npos;

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// The offset just past the line that holds pos.
size_t next_line(std::string_view t, size_t pos) {
  size_t nl = t.find('\n', pos);
  return nl == npos ? t.size() : nl + 1;
}

// The next occurrence of what at the start of a line, from pos.
size_t find_at_line_start(std::string_view t, std::string_view what, size_t pos) {
  for (size_t at = t.find(what, pos); at != npos; at = t.find(what, at + 1))
    if (at == 0 || t[at - 1] == '\n') return at;
  return npos;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

bool is_pem(ByteView data) {
  return find_at_line_start(as_chars(data), kBegin, 0) != npos;
}

bool PemReader::next(PemBlock& out) {
  if (error_ != MK_OK) return false;
  size_t begin = find_at_line_start(text_, kBegin, pos_);
  if (begin == npos) {
    pos_ = text_.size();
    return false;
  }
  ++count_;
  auto fail = [&](const char* why) {
    error_ = MK_ERR_PEM_INVALID;
    problem_ = why;
    return false;
  };
  size_t label_at = begin + kBegin.size();
  size_t body_at = next_line(text_, label_at);
  std::string_view line = trim_right(text_.substr(label_at, body_at - label_at));
  if (!line.ends_with(kDashes) || line.size() == kDashes.size())
    return fail("BEGIN line is not \"-----BEGIN <label>-----\"");
  std::string_view label = line.substr(0, line.size() - kDashes.size());
  failed_label_ = label;
  size_t end = find_at_line_start(text_, kEnd, body_at);
  if (end == npos) return fail("no END line (the data may be truncated)");
  if (find_at_line_start(text_, kBegin, body_at) < end)
    return fail("a new BEGIN line comes before this block's END line");
  size_t after = next_line(text_, end);
  std::string_view end_line =
      trim_right(text_.substr(end + kEnd.size(), after - end - kEnd.size()));
  if (end_line.size() != label.size() + kDashes.size() || !end_line.starts_with(label) ||
      !end_line.ends_with(kDashes))
    return fail("END line does not match the BEGIN line");
  out.label = label;
  out.body = text_.substr(body_at, end - body_at);
  out.index = count_;
  pos_ = after;
  return true;
}

Err pem_decode(const PemBlock& block, Buffer& out, const char** problem) {
  std::string_view body = block.body;
  // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED", "DEK-Info: ...") end at a blank line.
  if (body.find(':') != npos) {
    if (body.find("ENCRYPTED") != npos) {
      *problem = "the key is encrypted (Proc-Type: 4,ENCRYPTED)";
      return MK_ERR_KEY_ENCRYPTED;
    }
    *problem = "unexpected header line inside the block";
    return MK_ERR_PEM_INVALID;
  }
  if (!out.resize(body.size() / 4 * 3 + 3)) return MK_ERR_OUT_OF_MEMORY;
  ByteSpan dst = out.span();
  size_t n = 0, chars = 0, pad = 0;
  uint32_t acc = 0;
  unsigned bits = 0;
  for (char c : body) {
    if (blank(c)) continue;
    ++chars;
    if (c == '=') {
      ++pad;
      continue;
    }
    int v = base64_value(c);
    if (v < 0 || pad > 0) {
      out.clear();
      *problem = v < 0 ? "a character that is not base64" : "base64 data after '=' padding";
      return MK_ERR_PEM_INVALID;
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      dst[n++] = static_cast<uint8_t>(acc >> bits);
    }
  }
  // Whole 4-character groups, at most two '=', and no stray bits in the last one.
  bool canonical = chars % 4 == 0 && pad <= 2 && bits == pad * 2 && (acc & ((1u << bits) - 1)) == 0;
  if (!canonical || n == 0) {
    out.clear();
    *problem = n == 0 ? "the block is empty" : "base64 is truncated or not canonical";
    return MK_ERR_PEM_INVALID;
  }
  out.resize(n);
  return MK_OK;
}

}  // namespace mk::x509
