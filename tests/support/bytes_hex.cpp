#include "bytes_hex.h"

#include "testdata.h"

namespace mk::test {

Bytes from_hex(const std::string& hex) {
  std::string raw = unhex(hex);
  return Bytes(raw.begin(), raw.end());
}

std::string to_hex(ByteView bytes) {
  return hex(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace mk::test
