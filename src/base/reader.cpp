#include "base/reader.h"

namespace mk {

bool Reader::need(size_t n) {
  if (!ok_ || data_.size() - pos_ < n) {
    ok_ = false;
    return false;
  }
  return true;
}

uint8_t Reader::u8() {
  if (!need(1)) return 0;
  return data_[pos_++];
}

uint16_t Reader::u16() {
  if (!need(2)) return 0;
  uint16_t v = static_cast<uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
  pos_ += 2;
  return v;
}

uint32_t Reader::u24() {
  if (!need(3)) return 0;
  uint32_t v = (uint32_t{data_[pos_]} << 16) | (uint32_t{data_[pos_ + 1]} << 8) | data_[pos_ + 2];
  pos_ += 3;
  return v;
}

uint32_t Reader::u32() {
  if (!need(4)) return 0;
  uint32_t v = (uint32_t{data_[pos_]} << 24) | (uint32_t{data_[pos_ + 1]} << 16) |
               (uint32_t{data_[pos_ + 2]} << 8) | data_[pos_ + 3];
  pos_ += 4;
  return v;
}

ByteView Reader::bytes(size_t n) {
  if (!need(n)) return {};
  ByteView v = data_.subspan(pos_, n);
  pos_ += n;
  return v;
}

ByteView Reader::vec(size_t prefix_len) {
  size_t len = 0;
  switch (prefix_len) {
    case 1: len = u8(); break;
    case 2: len = u16(); break;
    case 3: len = u24(); break;
    default: ok_ = false; return {};
  }
  return bytes(len);
}

Reader Reader::sub(size_t prefix_len) {
  ByteView v = vec(prefix_len);
  Reader r(v);
  if (!ok_) r.ok_ = false;
  return r;
}

bool Reader::expect_end() {
  if (ok_ && pos_ != data_.size()) ok_ = false;
  return ok_;
}

}  // namespace mk
