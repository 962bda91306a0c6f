// The wire reader and writer: every read bounds-checked, every overflow sticky.
#include <gtest/gtest.h>

#include <array>

#include "base/reader.h"
#include "base/writer.h"

namespace mk {
namespace {

TEST(Reader, ReadsBigEndianIntegersOfEachWidth) {
  const uint8_t d[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a};
  Reader r{ByteView(d)};
  EXPECT_EQ(r.u8(), 0x01);
  EXPECT_EQ(r.u16(), 0x0203);
  EXPECT_EQ(r.u24(), 0x040506u);
  EXPECT_EQ(r.u32(), 0x0708090au);
  EXPECT_TRUE(r.expect_end());
}

TEST(Reader, ReadPastEndFailsAndPoisonsLaterReads) {
  const uint8_t d[] = {0x01};
  Reader r{ByteView(d)};
  EXPECT_EQ(r.u16(), 0);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.u8(), 0);  // the byte is still there, but the reader stays failed
  EXPECT_EQ(r.status(), MK_ERR_DECODE);
}

TEST(Reader, SubReaderCoversExactlyThePrefixedLength) {
  const uint8_t d[] = {0x00, 0x02, 0xaa, 0xbb, 0xcc};
  Reader r{ByteView(d)};
  Reader s = r.sub(2);
  EXPECT_EQ(s.remaining(), 2u);
  EXPECT_EQ(s.u8(), 0xaa);
  EXPECT_EQ(s.u8(), 0xbb);
  EXPECT_TRUE(s.expect_end());
  EXPECT_EQ(r.u8(), 0xcc);
  EXPECT_TRUE(r.expect_end());
}

TEST(Reader, LengthPrefixLongerThanDataFails) {
  const uint8_t d[] = {0x03, 0xaa, 0xbb};
  Reader r{ByteView(d)};
  Reader s = r.sub(1);
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(s.ok());
}

TEST(Reader, TrailingBytesFailExpectEnd) {
  const uint8_t d[] = {0x01, 0x02};
  Reader r{ByteView(d)};
  r.u8();
  EXPECT_FALSE(r.expect_end());
}

TEST(Writer, WritesIntegersAndFillsLengthPrefixes) {
  std::array<uint8_t, 16> buf{};
  Writer w{ByteSpan(buf)};
  size_t m = w.begin_vec(2);
  w.u8(0x01);
  w.u24(0x020304);
  w.end_vec(m);
  ASSERT_TRUE(w.ok());
  const uint8_t want[] = {0x00, 0x04, 0x01, 0x02, 0x03, 0x04};
  EXPECT_EQ(std::vector<uint8_t>(w.written().begin(), w.written().end()),
            std::vector<uint8_t>(std::begin(want), std::end(want)));
}

TEST(Writer, OverflowIsStickyAndWritesNothingPastTheEnd) {
  std::array<uint8_t, 4> buf{};
  Writer w{ByteSpan(buf.data(), 3)};
  w.u16(0xaaaa);
  w.u16(0xbbbb);
  EXPECT_FALSE(w.ok());
  w.u8(0xcc);
  EXPECT_EQ(w.size(), 2u);
  EXPECT_EQ(buf[3], 0);
}

TEST(Writer, VectorLongerThanItsPrefixFails) {
  std::array<uint8_t, 300> buf{};
  Writer w{ByteSpan(buf)};
  size_t m = w.begin_vec(1);
  w.zeros(256);
  w.end_vec(m);
  EXPECT_FALSE(w.ok());
}

}  // namespace
}  // namespace mk
