// Hex <-> bytes for crypto tests, in the byte type the provider takes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/bytes.h"

namespace mk::test {

using Bytes = std::vector<uint8_t>;

// Hex string (whitespace ignored) to bytes.
Bytes from_hex(const std::string& hex);
std::string to_hex(ByteView bytes);

}  // namespace mk::test
