#include "base/writer.h"

#include <cstring>

namespace mk {

bool Writer::need(size_t n) {
  if (!ok_ || out_.size() - pos_ < n) {
    ok_ = false;
    return false;
  }
  return true;
}

void Writer::u8(uint8_t v) {
  if (need(1)) out_[pos_++] = v;
}

void Writer::u16(uint16_t v) {
  if (!need(2)) return;
  out_[pos_++] = static_cast<uint8_t>(v >> 8);
  out_[pos_++] = static_cast<uint8_t>(v);
}

void Writer::u24(uint32_t v) {
  if (v > 0xffffff) ok_ = false;
  if (!need(3)) return;
  out_[pos_++] = static_cast<uint8_t>(v >> 16);
  out_[pos_++] = static_cast<uint8_t>(v >> 8);
  out_[pos_++] = static_cast<uint8_t>(v);
}

void Writer::u32(uint32_t v) {
  if (!need(4)) return;
  out_[pos_++] = static_cast<uint8_t>(v >> 24);
  out_[pos_++] = static_cast<uint8_t>(v >> 16);
  out_[pos_++] = static_cast<uint8_t>(v >> 8);
  out_[pos_++] = static_cast<uint8_t>(v);
}

void Writer::bytes(ByteView b) {
  if (b.empty() || !need(b.size())) return;
  std::memcpy(out_.data() + pos_, b.data(), b.size());
  pos_ += b.size();
}

void Writer::zeros(size_t n) {
  if (n == 0 || !need(n)) return;
  std::memset(out_.data() + pos_, 0, n);
  pos_ += n;
}

ByteSpan Writer::reserve(size_t n) {
  if (!need(n)) return {};
  ByteSpan s = out_.subspan(pos_, n);
  pos_ += n;
  return s;
}

// The marker packs the prefix position and its width, so end_vec needs no state.
size_t Writer::begin_vec(size_t prefix_len) {
  size_t at = pos_;
  if (prefix_len < 1 || prefix_len > 3) {
    ok_ = false;
    return 0;
  }
  zeros(prefix_len);
  return (at << 2) | prefix_len;
}

void Writer::end_vec(size_t marker) {
  if (!ok_) return;
  size_t prefix_len = marker & 3;
  size_t at = marker >> 2;
  size_t len = pos_ - at - prefix_len;
  if (len >> (8 * prefix_len)) {
    ok_ = false;
    return;
  }
  for (size_t i = 0; i < prefix_len; ++i)
    out_[at + i] = static_cast<uint8_t>(len >> (8 * (prefix_len - 1 - i)));
}

}  // namespace mk
