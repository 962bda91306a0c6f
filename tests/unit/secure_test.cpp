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
