// Handshake message reassembly across and within records (RFC 8446 5.1).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bytes_hex.h"
#include "rfc8448.h"
#include "tls/handshake_assembler.h"

namespace mk::tls {
namespace {

using test::Bytes;
using test::from_hex;
using test::to_hex;

// Every message next() yields until it reports none.
std::vector<std::string> drain(HandshakeAssembler& a) {
  std::vector<std::string> out;
  for (;;) {
    ByteView msg;
    EXPECT_EQ(a.next(msg), MK_OK);
    if (msg.empty()) return out;
    out.push_back(to_hex(msg));
  }
}

TEST(HandshakeAssembler, OneRecordWithOneMessage) {
  HandshakeAssembler a;
  ASSERT_EQ(a.add(from_hex("14000003 aabbcc")), MK_OK);
  EXPECT_EQ(drain(a), std::vector<std::string>{"14000003aabbcc"});
  EXPECT_EQ(a.buffered(), 0u);
}

TEST(HandshakeAssembler, MessageSplitAcrossThreeRecords) {
  HandshakeAssembler a;
  ASSERT_EQ(a.add(from_hex("0b00")), MK_OK);  // even the header is split
  EXPECT_TRUE(drain(a).empty());
  ASSERT_EQ(a.add(from_hex("0004 aa")), MK_OK);
  EXPECT_TRUE(drain(a).empty());
  EXPECT_EQ(a.buffered(), 5u);
  ASSERT_EQ(a.add(from_hex("bbccdd")), MK_OK);
  EXPECT_EQ(drain(a), std::vector<std::string>{"0b000004aabbccdd"});
  EXPECT_EQ(a.buffered(), 0u);
}

TEST(HandshakeAssembler, SeveralMessagesInOneRecord) {
  HandshakeAssembler a;
  ASSERT_EQ(a.add(from_hex("08000002 0000 0f000001 01 14000000")), MK_OK);
  EXPECT_EQ(drain(a), (std::vector<std::string>{"080000020000", "0f00000101", "14000000"}));
}

TEST(HandshakeAssembler, RecordEndingInsideTheSecondMessage) {
  HandshakeAssembler a;
  ASSERT_EQ(a.add(from_hex("08000002 0000 0b000003 aa")), MK_OK);
  EXPECT_EQ(drain(a), std::vector<std::string>{"080000020000"});
  EXPECT_EQ(a.buffered(), 5u);  // a key change here would be refused by the engine
  ASSERT_EQ(a.add(from_hex("bbcc")), MK_OK);
  EXPECT_EQ(drain(a), std::vector<std::string>{"0b000003aabbcc"});
}

TEST(HandshakeAssembler, EmptyFragmentIsUnexpected) {
  HandshakeAssembler a;
  EXPECT_EQ(a.add(ByteView()), MK_ERR_UNEXPECTED_MESSAGE);
}

TEST(HandshakeAssembler, MessageWithAnEmptyBody) {
  HandshakeAssembler a;
  ASSERT_EQ(a.add(from_hex("05000000")), MK_OK);  // end_of_early_data has no body
  EXPECT_EQ(drain(a), std::vector<std::string>{"05000000"});
}

TEST(HandshakeAssembler, MessageAtTheSizeLimitIsAccepted) {
  HandshakeAssembler a(8);
  ASSERT_EQ(a.add(from_hex("0b000008 0102030405060708")), MK_OK);
  EXPECT_EQ(drain(a), std::vector<std::string>{"0b0000080102030405060708"});
}

TEST(HandshakeAssembler, AnnouncedLengthOverTheLimitIsRefusedBeforeTheBodyArrives) {
  HandshakeAssembler a(8);
  ASSERT_EQ(a.add(from_hex("0b000009")), MK_OK);
  ByteView msg;
  EXPECT_EQ(a.next(msg), MK_ERR_HANDSHAKE_TOO_LARGE);
  EXPECT_TRUE(msg.empty());
}

TEST(HandshakeAssembler, DefaultLimitIs64KiB) {
  HandshakeAssembler a;
  ASSERT_EQ(a.add(from_hex("0b010001")), MK_OK);  // 65537
  ByteView msg;
  EXPECT_EQ(a.next(msg), MK_ERR_HANDSHAKE_TOO_LARGE);
}

TEST(HandshakeAssembler, ResetDropsWhatIsBuffered) {
  HandshakeAssembler a;
  ASSERT_EQ(a.add(from_hex("0b000004 aa")), MK_OK);
  a.reset();
  EXPECT_EQ(a.buffered(), 0u);
  ASSERT_EQ(a.add(from_hex("14000000")), MK_OK);
  EXPECT_EQ(drain(a), std::vector<std::string>{"14000000"});
}

class HandshakeAssemblerRfc8448 : public test::Rfc8448Test {};

TEST_F(HandshakeAssemblerRfc8448, ServerFlightFedByteByByteYieldsItsFourMessages) {
  Bytes flight = value(kSimple, "server", "send handshake record", "payload", 1);
  HandshakeAssembler a;
  std::vector<std::string> got;
  for (uint8_t byte : flight) {
    ASSERT_EQ(a.add(ByteView(&byte, 1)), MK_OK);
    for (const std::string& m : drain(a)) got.push_back(m);
  }
  std::vector<std::string> want;
  for (const char* name : {"EncryptedExtensions", "Certificate", "CertificateVerify", "Finished"})
    want.push_back(to_hex(message(kSimple, "server", name)));
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace mk::tls
