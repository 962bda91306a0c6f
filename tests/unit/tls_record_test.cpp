// The record layer: header checks, and record protection replayed against the
// protected records of RFC 8448 section 3, then the rules of RFC 8446 5.2-5.4.
#include <gtest/gtest.h>

#include <limits>

#include "bytes_hex.h"
#include "rfc8448.h"
#include "tls/key_schedule.h"
#include "tls/record.h"

namespace mk::tls {
namespace {

using test::Bytes;
using test::from_hex;
using test::to_hex;

const CipherSuite& suite(uint16_t id = 0x1301) {
  return *find_cipher_suite(id);
}

// ---- headers ------------------------------------------------------------------------

TEST(RecordHeader, ParsesTypeVersionAndLength) {
  Bytes h = from_hex("17 0303 02a2");
  RecordHeader out;
  ASSERT_EQ(parse_record_header(h, out), MK_OK);
  EXPECT_EQ(out.type, kApplicationData);
  EXPECT_EQ(out.version, 0x0303);
  EXPECT_EQ(out.length, 0x02a2);
}

TEST(RecordHeader, AcceptsTheTls10VersionOfAnInitialClientHello) {
  Bytes h = from_hex("16 0301 00c4");
  RecordHeader out;
  EXPECT_EQ(parse_record_header(h, out), MK_OK);
}

TEST(RecordHeader, UnknownContentTypeIsNotTls) {
  Bytes h = from_hex("18 0303 0010");  // heartbeat
  RecordHeader out;
  EXPECT_EQ(parse_record_header(h, out), MK_ERR_NOT_TLS);
}

TEST(RecordHeader, PlainHttpIsNotTls) {
  RecordHeader out;
  EXPECT_EQ(parse_record_header(as_bytes("GET / HTTP/1.1"), out), MK_ERR_NOT_TLS);
}

TEST(RecordHeader, VersionOutsideThe03FamilyIsNotTls) {
  Bytes h = from_hex("16 0200 0010");
  RecordHeader out;
  EXPECT_EQ(parse_record_header(h, out), MK_ERR_NOT_TLS);
}

TEST(RecordHeader, LengthOverTwoToTheFourteenPlus256IsOverflow) {
  RecordHeader out;
  EXPECT_EQ(parse_record_header(from_hex("17 0303 4100"), out), MK_OK);  // 16640
  EXPECT_EQ(parse_record_header(from_hex("17 0303 4101"), out), MK_ERR_RECORD_OVERFLOW);
}

TEST(RecordHeader, FewerThanFiveBytesWantMore) {
  RecordHeader out;
  EXPECT_EQ(parse_record_header(from_hex("17 0303 00"), out), MK_ERR_WANT_MORE);
}

TEST(RecordHeader, WriterEmitsLegacyVersion0303) {
  uint8_t h[5];
  write_record_header(h, kHandshake, 0x005a);
  EXPECT_EQ(to_hex(h), "160303005a");
}

// ---- RFC 8448 replay ------------------------------------------------------------------

class RecordRfc8448 : public test::Rfc8448Test {
 protected:
  Bytes traffic_secret(std::string_view label) const {
    return value(kSimple, "server", "derive secret \"tls13 " + std::string(label) + "\"",
                 "expanded");
  }
  Bytes record(std::string_view actor, std::string_view action, int nth = 0) const {
    return value(kSimple, actor, action, "complete record", nth);
  }
  Bytes payload(std::string_view actor, std::string_view action, int nth = 0) const {
    return value(kSimple, actor, action, "payload", nth);
  }
  // The record carrying the server's encrypted flight (EE..Finished) is the
  // server's second handshake record.
  Bytes server_flight_record() const { return record("server", "send handshake record", 1); }
  Bytes server_flight() const { return payload("server", "send handshake record", 1); }

  // Opens a record, expecting success; returns the inner type and plaintext.
  std::pair<uint8_t, Bytes> open(RecordProtection& rp, Bytes rec) const {
    uint8_t type = 0;
    ByteSpan plaintext;
    EXPECT_EQ(rp.open_in_place(rec, &type, &plaintext), MK_OK);
    return {type, Bytes(plaintext.begin(), plaintext.end())};
  }
  // Seals plaintext with no padding into a fresh record.
  Bytes seal(RecordProtection& rp, uint8_t type, const Bytes& plaintext) const {
    Bytes rec(RecordProtection::sealed_size(plaintext.size(), 0));
    std::copy(plaintext.begin(), plaintext.end(), rec.begin() + kRecordHeaderLen);
    EXPECT_EQ(rp.seal_in_place(type, plaintext.size(), 0, rec), MK_OK);
    return rec;
  }
};

TEST_F(RecordRfc8448, OpensTheServersEncryptedHandshakeFlight) {
  RecordProtection rp;
  ASSERT_EQ(rp.set_traffic_secret(suite(), traffic_secret("s hs traffic")), MK_OK);
  auto [type, plaintext] = open(rp, server_flight_record());
  EXPECT_EQ(type, kHandshake);
  EXPECT_EQ(to_hex(plaintext), to_hex(server_flight()));
  EXPECT_EQ(rp.sequence(), 1u);
}

TEST_F(RecordRfc8448, SealsTheServersHandshakeFlightToTheSameBytes) {
  RecordProtection rp;
  ASSERT_EQ(rp.set_traffic_secret(suite(), traffic_secret("s hs traffic")), MK_OK);
  EXPECT_EQ(to_hex(seal(rp, kHandshake, server_flight())), to_hex(server_flight_record()));
}

TEST_F(RecordRfc8448, OpensTheClientsFinishedRecord) {
  RecordProtection rp;
  ASSERT_EQ(rp.set_traffic_secret(suite(), traffic_secret("c hs traffic")), MK_OK);
  auto [type, plaintext] = open(rp, record("client", "send handshake record", 1));
  EXPECT_EQ(type, kHandshake);
  EXPECT_EQ(to_hex(plaintext), to_hex(payload("client", "send handshake record", 1)));
}

TEST_F(RecordRfc8448, ServerApplicationRecordsUseSuccessiveSequenceNumbers) {
  // NewSessionTicket (sequence 0), application data (1), close_notify (2).
  RecordProtection rp;
  ASSERT_EQ(rp.set_traffic_secret(suite(), traffic_secret("s ap traffic")), MK_OK);
  auto ticket = open(rp, record("server", "send handshake record", 2));
  EXPECT_EQ(ticket.first, kHandshake);
  EXPECT_EQ(to_hex(ticket.second), to_hex(payload("server", "send handshake record", 2)));
  auto data = open(rp, record("server", "send application_data record"));
  EXPECT_EQ(data.first, kApplicationData);
  EXPECT_EQ(to_hex(data.second), to_hex(payload("server", "send application_data record")));
  auto alert = open(rp, record("server", "send alert record"));
  EXPECT_EQ(alert.first, kAlert);
  EXPECT_EQ(to_hex(alert.second), "0100");
  EXPECT_EQ(rp.sequence(), 3u);
}

TEST_F(RecordRfc8448, SealsTheClientsApplicationRecordsToTheSameBytes) {
  RecordProtection rp;
  ASSERT_EQ(rp.set_traffic_secret(suite(), traffic_secret("c ap traffic")), MK_OK);
  EXPECT_EQ(to_hex(seal(rp, kApplicationData, payload("client", "send application_data record"))),
            to_hex(record("client", "send application_data record")));
  EXPECT_EQ(to_hex(seal(rp, kAlert, from_hex("0100"))),
            to_hex(record("client", "send alert record")));
}

TEST_F(RecordRfc8448, ARecordOpenedUnderTheWrongSequenceNumberFails) {
  RecordProtection rp;
  ASSERT_EQ(rp.set_traffic_secret(suite(), traffic_secret("s ap traffic")), MK_OK);
  Bytes second = record("server", "send application_data record");  // sealed as number 1
  uint8_t type;
  ByteSpan plaintext;
  EXPECT_EQ(rp.open_in_place(second, &type, &plaintext), MK_ERR_BAD_RECORD_MAC);
}

// ---- protection rules --------------------------------------------------------------------

class Protection : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sender_.set_traffic_secret(suite(), secret_), MK_OK);
    ASSERT_EQ(receiver_.set_traffic_secret(suite(), secret_), MK_OK);
  }
  Bytes seal(uint8_t type, const Bytes& plaintext, size_t pad = 0) {
    Bytes rec(RecordProtection::sealed_size(plaintext.size(), pad));
    std::copy(plaintext.begin(), plaintext.end(), rec.begin() + kRecordHeaderLen);
    EXPECT_EQ(sender_.seal_in_place(type, plaintext.size(), pad, rec), MK_OK);
    return rec;
  }
  // Seals an arbitrary TLSInnerPlaintext with the raw AEAD, for records the
  // sealer refuses to make.
  Bytes seal_raw_inner(const Bytes& inner) {
    TrafficKeys keys;
    EXPECT_EQ(derive_traffic_keys(suite(), secret_, keys), MK_OK);
    crypto::AeadKey key;
    key.set(suite().aead(), keys.key.view());
    Bytes rec(kRecordHeaderLen + inner.size() + 16);
    write_record_header(rec, kApplicationData, static_cast<uint16_t>(inner.size() + 16));
    std::copy(inner.begin(), inner.end(), rec.begin() + kRecordHeaderLen);
    ByteSpan all(rec);
    key.seal(keys.iv.view(), all.first(5), all.subspan(5, inner.size()), all.last(16));
    return rec;
  }
  Err open(Bytes& rec, uint8_t* type = nullptr, Bytes* plaintext = nullptr) {
    uint8_t t = 0;
    ByteSpan p;
    Err e = receiver_.open_in_place(rec, &t, &p);
    if (type) *type = t;
    if (plaintext) plaintext->assign(p.begin(), p.end());
    return e;
  }

  Bytes secret_ = Bytes(32, 0x42);
  RecordProtection sender_, receiver_;
};

TEST_F(Protection, SealedRecordHasOuterTypeApplicationDataAndFullLength) {
  Bytes rec = seal(kHandshake, Bytes(10, 0xaa), 3);
  EXPECT_EQ(to_hex(ByteView(rec).first(5)), "170303001e");  // 10 + 1 + 3 + 16 = 30
}

TEST_F(Protection, OpenRemovesPaddingAndReturnsTheInnerType) {
  Bytes rec = seal(kAlert, from_hex("0230"), 100);
  uint8_t type;
  Bytes plaintext;
  ASSERT_EQ(open(rec, &type, &plaintext), MK_OK);
  EXPECT_EQ(type, kAlert);
  EXPECT_EQ(to_hex(plaintext), "0230");
}

TEST_F(Protection, PlaintextEndingInZerosKeepsThemBeforeTheType) {
  Bytes rec = seal(kApplicationData, from_hex("0100 0000"), 5);
  Bytes plaintext;
  ASSERT_EQ(open(rec, nullptr, &plaintext), MK_OK);
  EXPECT_EQ(to_hex(plaintext), "01000000");
}

TEST_F(Protection, EmptyPlaintextRoundTrips) {
  Bytes rec = seal(kApplicationData, Bytes());
  uint8_t type;
  Bytes plaintext;
  ASSERT_EQ(open(rec, &type, &plaintext), MK_OK);
  EXPECT_EQ(type, kApplicationData);
  EXPECT_TRUE(plaintext.empty());
}

TEST_F(Protection, AChangedHeaderByteFailsAuthentication) {
  Bytes rec = seal(kApplicationData, Bytes(20, 1));
  rec[2] ^= 0x01;  // legacy_record_version 0x0302: still TLS, but not what was sealed
  EXPECT_EQ(open(rec), MK_ERR_BAD_RECORD_MAC);
}

TEST_F(Protection, AChangedCiphertextByteFailsAuthentication) {
  Bytes rec = seal(kApplicationData, Bytes(20, 1));
  rec[10] ^= 0x80;
  EXPECT_EQ(open(rec), MK_ERR_BAD_RECORD_MAC);
}

TEST_F(Protection, AChangedTagByteFailsAuthentication) {
  Bytes rec = seal(kApplicationData, Bytes(20, 1));
  rec.back() ^= 0x01;
  EXPECT_EQ(open(rec), MK_ERR_BAD_RECORD_MAC);
}

TEST_F(Protection, ARecordShorterThanATagFailsAuthentication) {
  Bytes rec = from_hex("170303000f 000102030405060708090a0b0c0d0e");
  EXPECT_EQ(open(rec), MK_ERR_BAD_RECORD_MAC);
}

TEST_F(Protection, AnAllZeroInnerPlaintextHasNoContentType) {
  Bytes rec = seal_raw_inner(Bytes(8, 0));
  EXPECT_EQ(open(rec), MK_ERR_UNEXPECTED_MESSAGE);
}

TEST_F(Protection, InnerPlaintextOverTwoToTheFourteenPlusOneIsOverflow) {
  Bytes inner(kMaxPlaintext + 2, 0);
  inner[0] = kApplicationData;  // content type far from the end: the rest is padding
  Bytes rec = seal_raw_inner(inner);
  EXPECT_EQ(open(rec), MK_ERR_RECORD_OVERFLOW);
}

TEST_F(Protection, InnerPlaintextOfExactlyTwoToTheFourteenPlusOneIsAccepted) {
  Bytes inner(kMaxPlaintext + 1, 0x61);
  inner.back() = kApplicationData;
  Bytes rec = seal_raw_inner(inner);
  Bytes plaintext;
  ASSERT_EQ(open(rec, nullptr, &plaintext), MK_OK);
  EXPECT_EQ(plaintext.size(), kMaxPlaintext);
}

TEST_F(Protection, CiphertextOverTheLimitIsOverflowBeforeDecryption) {
  Bytes rec(kRecordHeaderLen + kMaxCiphertext + 1, 0);
  write_record_header(rec, kApplicationData, static_cast<uint16_t>(kMaxCiphertext + 1));
  EXPECT_EQ(open(rec), MK_ERR_RECORD_OVERFLOW);
}

TEST_F(Protection, OuterTypeOtherThanApplicationDataIsUnexpected) {
  Bytes rec = seal(kApplicationData, Bytes(4, 1));
  rec[0] = kHandshake;
  EXPECT_EQ(open(rec), MK_ERR_UNEXPECTED_MESSAGE);
}

TEST_F(Protection, HeaderLengthDifferentFromTheRecordIsAnInvalidArgument) {
  Bytes rec = seal(kApplicationData, Bytes(4, 1));
  rec.push_back(0);
  EXPECT_EQ(open(rec), MK_ERR_INVALID_ARGUMENT);
}

TEST_F(Protection, SealRefusesPlaintextOverTwoToTheFourteen) {
  Bytes rec(RecordProtection::sealed_size(kMaxPlaintext + 1, 0));
  EXPECT_EQ(sender_.seal_in_place(kApplicationData, kMaxPlaintext + 1, 0, rec),
            MK_ERR_INVALID_ARGUMENT);
}

TEST_F(Protection, SealRefusesPaddingThatTakesTheInnerPlaintextOverTheLimit) {
  Bytes rec(RecordProtection::sealed_size(100, kMaxPlaintext - 99));
  EXPECT_EQ(sender_.seal_in_place(kApplicationData, 100, kMaxPlaintext - 99, rec),
            MK_ERR_INVALID_ARGUMENT);
  rec.resize(RecordProtection::sealed_size(100, kMaxPlaintext - 100));
  EXPECT_EQ(sender_.seal_in_place(kApplicationData, 100, kMaxPlaintext - 100, rec), MK_OK);
}

TEST_F(Protection, SealRefusesARecordBufferOfTheWrongSize) {
  Bytes rec(RecordProtection::sealed_size(10, 0) + 1);
  EXPECT_EQ(sender_.seal_in_place(kApplicationData, 10, 0, rec), MK_ERR_INVALID_ARGUMENT);
}

TEST_F(Protection, SealRefusesInnerTypeZero) {
  Bytes rec(RecordProtection::sealed_size(10, 0));
  EXPECT_EQ(sender_.seal_in_place(0, 10, 0, rec), MK_ERR_INVALID_ARGUMENT);
}

TEST_F(Protection, SequenceNumbersAdvanceOnBothSides) {
  for (int i = 0; i < 3; ++i) {
    Bytes rec = seal(kApplicationData, Bytes(5, static_cast<uint8_t>(i)));
    ASSERT_EQ(open(rec), MK_OK);
  }
  EXPECT_EQ(sender_.sequence(), 3u);
  EXPECT_EQ(receiver_.sequence(), 3u);
}

TEST_F(Protection, SealingNeverWrapsTheSequenceNumber) {
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  sender_.set_sequence(kMax - 1);
  receiver_.set_sequence(kMax - 1);
  Bytes last = seal(kApplicationData, Bytes(5, 1));
  EXPECT_EQ(open(last), MK_OK);  // the nonce carries all 64 bits of the number
  Bytes rec(RecordProtection::sealed_size(5, 0));
  EXPECT_EQ(sender_.seal_in_place(kApplicationData, 5, 0, rec), MK_ERR_SEQUENCE_EXHAUSTED);
  EXPECT_EQ(sender_.sequence(), kMax);
}

TEST_F(Protection, OpeningNeverWrapsTheSequenceNumber) {
  receiver_.set_sequence(std::numeric_limits<uint64_t>::max());
  Bytes rec = seal(kApplicationData, Bytes(5, 1));
  EXPECT_EQ(open(rec), MK_ERR_SEQUENCE_EXHAUSTED);
}

TEST_F(Protection, NewTrafficSecretRestartsTheSequenceAtZero) {
  seal(kApplicationData, Bytes(5, 1));
  ASSERT_EQ(sender_.set_traffic_secret(suite(), secret_), MK_OK);
  EXPECT_EQ(sender_.sequence(), 0u);
  Bytes rec = seal(kApplicationData, Bytes(5, 1));
  EXPECT_EQ(open(rec), MK_OK);
}

TEST_F(Protection, ADifferentTrafficSecretCannotOpen) {
  RecordProtection other;
  ASSERT_EQ(other.set_traffic_secret(suite(), Bytes(32, 0x43)), MK_OK);
  Bytes rec = seal(kApplicationData, Bytes(5, 1));
  uint8_t type;
  ByteSpan plaintext;
  EXPECT_EQ(other.open_in_place(rec, &type, &plaintext), MK_ERR_BAD_RECORD_MAC);
}

TEST_F(Protection, ClearedProtectionRefusesToSealOrOpen) {
  sender_.clear();
  EXPECT_FALSE(sender_.active());
  Bytes rec(RecordProtection::sealed_size(5, 0));
  EXPECT_EQ(sender_.seal_in_place(kApplicationData, 5, 0, rec), MK_ERR_BAD_STATE);
  uint8_t type;
  ByteSpan plaintext;
  EXPECT_EQ(sender_.open_in_place(rec, &type, &plaintext), MK_ERR_BAD_STATE);
}

class ProtectionPerSuite : public ::testing::TestWithParam<uint16_t> {};

TEST_P(ProtectionPerSuite, SealThenOpenRoundTrips) {
  const CipherSuite& s = suite(GetParam());
  Bytes secret(s.hash().out_len, 0x17);
  RecordProtection a, b;
  ASSERT_EQ(a.set_traffic_secret(s, secret), MK_OK);
  ASSERT_EQ(b.set_traffic_secret(s, secret), MK_OK);
  Bytes rec(RecordProtection::sealed_size(3, 2));
  rec[5] = 'a';
  rec[6] = 'b';
  rec[7] = 'c';
  ASSERT_EQ(a.seal_in_place(kApplicationData, 3, 2, rec), MK_OK);
  uint8_t type;
  ByteSpan plaintext;
  ASSERT_EQ(b.open_in_place(rec, &type, &plaintext), MK_OK);
  EXPECT_EQ(as_chars(plaintext), "abc");
}

INSTANTIATE_TEST_SUITE_P(AllSuites, ProtectionPerSuite, ::testing::Values(0x1301, 0x1302, 0x1303));

}  // namespace
}  // namespace mk::tls
