// Writer: the only way Meerkat writes wire data. Writes into a caller-owned span;
// overflow sets a sticky flag instead of writing out of bounds, so a serializer
// writes everything and checks ok() once. Length prefixes are reserved up front and
// filled in when the scope closes (begin_vec/end_vec).
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"

namespace mk {

class Writer {
 public:
  explicit Writer(ByteSpan out) : out_(out) {}

  bool ok() const { return ok_; }
  size_t size() const { return pos_; }
  ByteView written() const { return ByteView(out_.data(), pos_); }
  size_t capacity_left() const { return ok_ ? out_.size() - pos_ : 0; }

  void u8(uint8_t v);
  void u16(uint16_t v);
  void u24(uint32_t v);
  void u32(uint32_t v);
  void bytes(ByteView b);
  void zeros(size_t n);
  // Reserve n bytes and return them for the caller to fill (empty span on overflow).
  ByteSpan reserve(size_t n);

  // Length-prefixed vector: begin_vec reserves a prefix of prefix_len bytes (1..3)
  // and returns a marker; end_vec writes the length of what was written since.
  // A length that does not fit its prefix fails the writer.
  size_t begin_vec(size_t prefix_len);
  void end_vec(size_t marker);

 private:
  bool need(size_t n);
  ByteSpan out_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace mk
