// Reader: the only way Meerkat reads wire data. A cursor over a span; every read is
// bounds-checked and a failed read poisons the reader, so a parser can read a whole
// structure and check ok() once. Failures surface as MK_ERR_DECODE.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/error.h"

namespace mk {

class Reader {
 public:
  Reader() = default;
  explicit Reader(ByteView data) : data_(data) {}

  bool ok() const { return ok_; }
  size_t remaining() const { return ok_ ? data_.size() - pos_ : 0; }
  bool empty() const { return remaining() == 0; }
  size_t position() const { return pos_; }
  ByteView rest() const { return ok_ ? data_.subspan(pos_) : ByteView{}; }

  uint8_t u8();
  uint16_t u16();
  uint32_t u24();
  uint32_t u32();
  // n raw bytes (a view into the underlying data).
  ByteView bytes(size_t n);
  // A length-prefixed vector: a big-endian length of prefix_len bytes (1, 2 or 3),
  // then that many bytes, returned as a sub-reader.
  Reader sub(size_t prefix_len);
  // Like sub() but returns the bytes.
  ByteView vec(size_t prefix_len);
  // Fail unless everything was consumed. Returns ok().
  bool expect_end();
  // Mark the reader failed (for semantic checks made by the caller).
  void fail() { ok_ = false; }

  Err status() const { return ok_ ? MK_OK : MK_ERR_DECODE; }

 private:
  bool need(size_t n);
  ByteView data_{};
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace mk
