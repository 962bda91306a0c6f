// Constant-time comparison and wiping.
#include <gtest/gtest.h>

#include "base/secure.h"

namespace mk {
namespace {

TEST(CtEqual, EqualBuffersCompareEqual) {
  const uint8_t a[] = {1, 2, 3}, b[] = {1, 2, 3};
  EXPECT_TRUE(ct_equal(ByteView(a), ByteView(b)));
}

TEST(CtEqual, OneBitDifferenceInLastByteIsUnequal) {
  const uint8_t a[] = {1, 2, 3}, b[] = {1, 2, 2};
  EXPECT_FALSE(ct_equal(ByteView(a), ByteView(b)));
}

TEST(CtEqual, DifferentLengthsAreUnequal) {
  const uint8_t a[] = {1, 2, 3};
  EXPECT_FALSE(ct_equal(ByteView(a), ByteView(a).first(2)));
}

TEST(SecureWipe, ZeroesExactlyTheRangeGiven) {
  uint8_t buf[40];
  for (uint8_t& b : buf) b = 0xa5;
  secure_wipe(buf + 3, 33);
  for (size_t i = 0; i < sizeof buf; ++i) {
    EXPECT_EQ(buf[i], i >= 3 && i < 36 ? 0 : 0xa5) << "byte " << i;
  }
}

TEST(SecureWipe, AnEmptyRangeTouchesNothing) {
  uint8_t b = 0x5a;
  secure_wipe(&b, 0);
  EXPECT_EQ(b, 0x5a);
}

TEST(Secret, WipeClearsBytesAndLength) {
  Secret<8> s;
  const uint8_t k[] = {9, 9, 9};
  s.assign(ByteView(k));
  EXPECT_EQ(s.size(), 3u);
  s.wipe();
  EXPECT_EQ(s.size(), 0u);
  EXPECT_EQ(s.resize(3)[0], 0);
}

}  // namespace
}  // namespace mk
