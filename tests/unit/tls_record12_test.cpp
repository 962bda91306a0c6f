// TLS 1.2 record protection (src/tls/record_tls12.cpp): layout, nonces, and
// authentication of everything the additional data covers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tls/cipher_suite.h"
#include "tls/record.h"

namespace mk::tls {
namespace {

const std::string kKey16(16, '\x11'), kKey32(32, '\x22'), kSalt(4, '\x33'), kIv(12, '\x44');

struct Pair {
  RecordProtection sender, receiver;
};

void keys(Pair& p, uint16_t suite_id) {
  const CipherSuite& s = *find_cipher_suite(suite_id);
  const std::string& key = s.aead().key_len == 16 ? kKey16 : kKey32;
  const std::string& iv = s.fixed_iv_len == 4 ? kSalt : kIv;
  ASSERT_EQ(p.sender.set_tls12_keys(s, as_bytes(key), as_bytes(iv)), MK_OK);
  ASSERT_EQ(p.receiver.set_tls12_keys(s, as_bytes(key), as_bytes(iv)), MK_OK);
}

std::vector<uint8_t> seal(RecordProtection& p, uint8_t type, const std::string& text) {
  std::vector<uint8_t> record(p.record_size(text.size()));
  std::copy(text.begin(), text.end(), record.begin() + static_cast<long>(p.payload_offset()));
  EXPECT_EQ(p.seal_in_place(type, text.size(), 0, ByteSpan(record)), MK_OK);
  return record;
}

TEST(Record12, GcmRecordsCarryTheSequenceNumberAsExplicitNonce) {
  Pair p;
  keys(p, 0xc02b);
  seal(p.sender, kApplicationData, "first");
  const std::vector<uint8_t> second = seal(p.sender, kApplicationData, "second");
  ASSERT_EQ(second.size(), 5u + 8 + 6 + 16);
  EXPECT_EQ(second[0], kApplicationData);
  EXPECT_EQ((second[3] << 8) | second[4], 8 + 6 + 16);
  const std::vector<uint8_t> explicit_nonce(second.begin() + 5, second.begin() + 13);
  EXPECT_EQ(explicit_nonce, (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0, 1}));
}

TEST(Record12, ChaChaRecordsHaveNoExplicitNonce) {
  Pair p;
  keys(p, 0xcca9);
  EXPECT_EQ(seal(p.sender, kHandshake, "abc").size(), 5u + 3 + 16);
}

TEST(Record12, RoundTripsKeepTheirContentType) {
  for (uint16_t suite : {0xc02b, 0xc030, 0xcca8}) {
    Pair p;
    keys(p, suite);
    for (uint8_t type : {kHandshake, kAlert, kApplicationData}) {
      std::vector<uint8_t> record = seal(p.sender, type, "payload");
      uint8_t got_type = 0;
      ByteSpan plain;
      ASSERT_EQ(p.receiver.open_in_place(ByteSpan(record), &got_type, &plain), MK_OK) << suite;
      EXPECT_EQ(got_type, type);
      EXPECT_EQ(std::string(plain.begin(), plain.end()), "payload");
    }
  }
}

TEST(Record12, ATamperedTypeFailsAuthentication) {
  Pair p;
  keys(p, 0xc02f);
  std::vector<uint8_t> record = seal(p.sender, kApplicationData, "payload");
  record[0] = kHandshake;  // the type is in the additional data
  uint8_t type = 0;
  ByteSpan plain;
  EXPECT_EQ(p.receiver.open_in_place(ByteSpan(record), &type, &plain), MK_ERR_BAD_RECORD_MAC);
}

TEST(Record12, ATamperedExplicitNonceFailsAuthentication) {
  Pair p;
  keys(p, 0xc02b);
  std::vector<uint8_t> record = seal(p.sender, kApplicationData, "payload");
  record[12] ^= 1;
  uint8_t type = 0;
  ByteSpan plain;
  EXPECT_EQ(p.receiver.open_in_place(ByteSpan(record), &type, &plain), MK_ERR_BAD_RECORD_MAC);
}

TEST(Record12, AReplayedRecordFailsAuthentication) {
  Pair p;
  keys(p, 0xcca9);
  std::vector<uint8_t> record = seal(p.sender, kApplicationData, "once");
  std::vector<uint8_t> copy = record;
  uint8_t type = 0;
  ByteSpan plain;
  ASSERT_EQ(p.receiver.open_in_place(ByteSpan(record), &type, &plain), MK_OK);
  EXPECT_EQ(p.receiver.open_in_place(ByteSpan(copy), &type, &plain), MK_ERR_BAD_RECORD_MAC);
}

TEST(Record12, ARecordTooShortForItsTagFailsAuthentication) {
  Pair p;
  keys(p, 0xc02b);
  std::vector<uint8_t> record = {kApplicationData, 3, 3, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  uint8_t type = 0;
  ByteSpan plain;
  EXPECT_EQ(p.receiver.open_in_place(ByteSpan(record), &type, &plain), MK_ERR_BAD_RECORD_MAC);
}

TEST(Record12, KeysOfTheWrongSizeAreRefused) {
  RecordProtection r;
  EXPECT_EQ(r.set_tls12_keys(*find_cipher_suite(0xc02b), as_bytes(kKey32), as_bytes(kSalt)),
            MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(r.set_tls12_keys(*find_cipher_suite(0xc02b), as_bytes(kKey16), as_bytes(kIv)),
            MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(r.set_tls12_keys(*find_cipher_suite(0x1301), as_bytes(kKey16), as_bytes(kIv)),
            MK_ERR_INVALID_ARGUMENT);
  EXPECT_FALSE(r.active());
}

}  // namespace
}  // namespace mk::tls
