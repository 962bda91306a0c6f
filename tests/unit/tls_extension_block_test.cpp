// Extension block framing (src/tls/extension_block.h): duplicates and the cap on
// how many extensions one block may hold.
#include <gtest/gtest.h>

#include <vector>

#include "base/writer.h"
#include "tls/extension_block.h"

namespace mk::tls {
namespace {

// A block of `count` empty extensions with types first, first + 1, ...
std::vector<uint8_t> block(size_t count, uint16_t first = 0x1000) {
  std::vector<uint8_t> out(count * 4);
  Writer w{ByteSpan(out)};
  for (size_t i = 0; i < count; ++i) {
    w.u16(static_cast<uint16_t>(first + i));
    w.u16(0);
  }
  return out;
}

TEST(ExtensionBlock, TheCapIsAccepted) {
  EXPECT_EQ(check_extension_framing(block(kMaxExtensions)), MK_OK);
}

TEST(ExtensionBlock, OneMoreThanTheCapIsMalformed) {
  EXPECT_EQ(check_extension_framing(block(kMaxExtensions + 1)), MK_ERR_DECODE);
}

TEST(ExtensionBlock, ADuplicateAnywhereIsIllegal) {
  std::vector<uint8_t> b = block(50);
  b[49 * 4] = b[3 * 4];  // the last extension takes the fourth one's type
  b[49 * 4 + 1] = b[3 * 4 + 1];
  EXPECT_EQ(check_extension_framing(b), MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ExtensionBlock, AnEmptyBlockIsFine) {
  EXPECT_EQ(check_extension_framing({}), MK_OK);
}

}  // namespace
}  // namespace mk::tls
