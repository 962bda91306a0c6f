// How a fuzz input is cut up: an options byte, then length-prefixed chunks, so the
// fuzzer can split a flight wherever it likes and seeds can hold real flights.
//
//   input  = options chunk*
//   chunk  = length (2 bytes, big-endian) bytes[length]   (cut short at the end)
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mk::fuzz {

class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : data_(data, size) {}

  bool empty() const { return pos_ >= data_.size(); }
  // One byte, 0 once the input is used up.
  uint8_t byte() { return empty() ? 0 : data_[pos_++]; }
  // The next chunk (possibly empty, possibly shorter than its length said).
  std::span<const uint8_t> chunk() {
    const size_t hi = byte(), lo = byte();
    const size_t want = hi << 8 | lo;
    const size_t n = want < data_.size() - pos_ ? want : data_.size() - pos_;
    std::span<const uint8_t> out = data_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  // Everything not read yet.
  std::span<const uint8_t> rest() {
    std::span<const uint8_t> out = data_.subspan(pos_);
    pos_ = data_.size();
    return out;
  }

 private:
  std::span<const uint8_t> data_;
  size_t pos_ = 0;
};

// The writer side, for the seed generator: options byte, then chunks.
class FuzzInputWriter {
 public:
  explicit FuzzInputWriter(uint8_t options) { bytes_.push_back(static_cast<char>(options)); }
  void byte(uint8_t b) { bytes_.push_back(static_cast<char>(b)); }
  // Chunks longer than 65535 bytes are split into several.
  void chunk(const std::string& data) {
    size_t off = 0;
    do {
      const size_t n = data.size() - off < 0xFFFF ? data.size() - off : 0xFFFF;
      byte(static_cast<uint8_t>(n >> 8));
      byte(static_cast<uint8_t>(n));
      bytes_.append(data, off, n);
      off += n;
    } while (off < data.size());
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

}  // namespace mk::fuzz
