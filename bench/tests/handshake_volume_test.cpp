#include "handshake_volume.h"

#include <gtest/gtest.h>

namespace mk::bench {
namespace {

TEST(HandshakeVolume, PlainHandshakeRecordsCountInFull) {
  HandshakeVolume v;
  ASSERT_EQ(add_records({22, 3, 1, 0, 3, 1, 2, 3}, v), MK_OK);
  EXPECT_EQ(v.transcript_bytes, 3u);
  EXPECT_EQ(v.sealed_bytes, 0u);
}

TEST(HandshakeVolume, ProtectedRecordsCountTheirInnerPlaintext) {
  // 20 bytes of ciphertext: 3 bytes of message, the inner type, a 16-byte tag.
  std::vector<uint8_t> record = {23, 3, 3, 0, 20};
  record.resize(5 + 20, 0xee);
  HandshakeVolume v;
  ASSERT_EQ(add_records(record, v), MK_OK);
  EXPECT_EQ(v.transcript_bytes, 3u);
  EXPECT_EQ(v.sealed_bytes, 4u);
  EXPECT_EQ(v.protected_records, 1u);
}

TEST(HandshakeVolume, ChangeCipherSpecCountsForNothing) {
  HandshakeVolume v;
  ASSERT_EQ(add_records({20, 3, 3, 0, 1, 1}, v), MK_OK);
  EXPECT_EQ(v.transcript_bytes, 0u);
  EXPECT_EQ(v.sealed_bytes, 0u);
}

TEST(HandshakeVolume, ATruncatedRecordIsADecodeError) {
  HandshakeVolume v;
  EXPECT_EQ(add_records({22, 3, 1, 0, 9, 1}, v), MK_ERR_DECODE);
}

TEST(HandshakeVolume, AProtectedRecordTooShortForATagIsADecodeError) {
  std::vector<uint8_t> record = {23, 3, 3, 0, 16};
  record.resize(5 + 16);
  HandshakeVolume v;
  EXPECT_EQ(add_records(record, v), MK_ERR_DECODE);
}

}  // namespace
}  // namespace mk::bench
