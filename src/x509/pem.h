// PEM (RFC 7468): "-----BEGIN <label>-----", base64 lines, "-----END <label>-----".
// Text outside blocks (comments, blank lines) is ignored; CRLF and LF both end a
// line. Base64 is decoded strictly (only the alphabet, padding only at the end,
// unused bits zero), but whitespace inside the body is allowed anywhere.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/alloc.h"
#include "base/bytes.h"
#include "base/error.h"

namespace mk::x509 {

struct PemBlock {
  std::string_view label;  // "CERTIFICATE", "PRIVATE KEY", ...
  std::string_view body;   // between the BEGIN and END lines
  size_t index = 0;        // 1-based position among the file's blocks, for messages
};

// Whether data looks like PEM text rather than DER (it holds a BEGIN line).
bool is_pem(ByteView data);

class PemReader {
 public:
  explicit PemReader(ByteView text) : text_(as_chars(text)) {}
  // The next block; false at the end or when a block is malformed (then error()
  // is MK_ERR_PEM_INVALID and problem() says why).
  bool next(PemBlock& out);
  Err error() const { return error_; }
  const char* problem() const { return problem_; }
  // The label of the block that failed, when known.
  std::string_view failed_label() const { return failed_label_; }
  size_t failed_index() const { return count_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t count_ = 0;
  Err error_ = MK_OK;
  const char* problem_ = "";
  std::string_view failed_label_;
};

// Decode a block's base64 body into out. MK_ERR_PEM_INVALID with a reason in
// *problem when the body is not clean base64; MK_ERR_KEY_ENCRYPTED when it carries
// RFC 1421 encryption headers ("Proc-Type: 4,ENCRYPTED").
Err pem_decode(const PemBlock& block, Buffer& out, const char** problem);

}  // namespace mk::x509
