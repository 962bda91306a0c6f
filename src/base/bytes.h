// Byte spans: the one currency for bytes inside Meerkat.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace mk {

using ByteView = std::span<const uint8_t>;
using ByteSpan = std::span<uint8_t>;

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_chars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace mk
