// An established connection: application data, KeyUpdate, close_notify, the state
// bits, and the limits that stop a peer from making us spin.
#include <gtest/gtest.h>

#include <string>

#include "meerkat/meerkat.h"
#include "tls_pair.h"

namespace mk::test {
namespace {

class Established : public ::testing::Test {
 protected:
  void SetUp() override {
    server_cfg_ = server_config("ecdsa-p256");
    client_cfg_ = client_config("ecdsa-p256");
    pair_ = std::make_unique<TlsPair>(client_cfg_.get(), server_cfg_.get());
    ASSERT_TRUE(pair_->handshake());
  }
  mk_conn* client() { return pair_->client(); }
  mk_conn* server() { return pair_->server(); }
  TlsPair& pair() { return *pair_; }

  ConfigPtr server_cfg_, client_cfg_;
  std::unique_ptr<TlsPair> pair_;
};

std::string pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7) % 26);
  return s;
}

TEST_F(Established, CarriesDataBothWays) {
  ASSERT_TRUE(pair().send(client(), "GET / HTTP/1.1\r\n\r\n"));
  ASSERT_TRUE(pair().send(server(), "HTTP/1.1 200 OK\r\n\r\n"));
  EXPECT_EQ(pair().received(server()), "GET / HTTP/1.1\r\n\r\n");
  EXPECT_EQ(pair().received(client()), "HTTP/1.1 200 OK\r\n\r\n");
}

TEST_F(Established, Carries256KiBEachWay) {
  const std::string body = pattern(256 * 1024);
  ASSERT_TRUE(pair().send(client(), body));
  ASSERT_TRUE(pair().send(server(), body));
  EXPECT_EQ(pair().received(server()), body);
  EXPECT_EQ(pair().received(client()), body);
}

TEST_F(Established, StateBitsSayWhatTheCallerMayDo) {
  EXPECT_EQ(mk_conn_state(client()),
            unsigned{MK_STATE_WANT_INPUT | MK_STATE_CAN_WRITE | MK_STATE_HANDSHAKE_DONE});
  size_t used = 0;
  ASSERT_EQ(mk_conn_write(client(), reinterpret_cast<const uint8_t*>("hi"), 2, &used), MK_OK);
  EXPECT_TRUE(mk_conn_state(client()) & MK_STATE_HAS_OUTPUT);
  const std::string record = pair().take_output(client());
  size_t fed = 0;
  ASSERT_EQ(
      mk_conn_feed(server(), reinterpret_cast<const uint8_t*>(record.data()), record.size(), &fed),
      MK_OK);
  EXPECT_EQ(fed, record.size());
  EXPECT_TRUE(mk_conn_state(server()) & MK_STATE_HAS_PLAINTEXT);
  EXPECT_EQ(mk_conn_pending(server()), 2u);
}

TEST_F(Established, AWholeRecordIsDeliveredThroughASmallBuffer) {
  const std::string data = pattern(16384);
  size_t used = 0;
  ASSERT_EQ(
      mk_conn_write(server(), reinterpret_cast<const uint8_t*>(data.data()), data.size(), &used),
      MK_OK);
  ASSERT_EQ(used, data.size());
  const std::string record = pair().take_output(server());
  size_t fed = 0;
  ASSERT_EQ(
      mk_conn_feed(client(), reinterpret_cast<const uint8_t*>(record.data()), record.size(), &fed),
      MK_OK);
  std::string got;
  uint8_t buf[100];
  size_t n = 0;
  while (mk_conn_read(client(), buf, sizeof buf, &n) == MK_OK && n > 0) {
    got.append(reinterpret_cast<const char*>(buf), n);
    EXPECT_EQ(mk_conn_pending(client()), data.size() - got.size());
  }
  EXPECT_EQ(got, data);
  EXPECT_EQ(mk_conn_read(client(), buf, sizeof buf, &n), MK_ERR_WANT_MORE);
}

TEST_F(Established, PlaintextCanBeReadInPlaceAndAcknowledgedInParts) {
  size_t used = 0;
  ASSERT_EQ(mk_conn_write(server(), reinterpret_cast<const uint8_t*>("in place"), 8, &used), MK_OK);
  pair().feed(client(), pair().take_output(server()));
  // TlsPair::feed drains with mk_conn_read; send another record and look at it.
  ASSERT_EQ(mk_conn_write(server(), reinterpret_cast<const uint8_t*>("zero copy"), 9, &used),
            MK_OK);
  const std::string record = pair().take_output(server());
  size_t fed = 0;
  ASSERT_EQ(
      mk_conn_feed(client(), reinterpret_cast<const uint8_t*>(record.data()), record.size(), &fed),
      MK_OK);
  const uint8_t* view = nullptr;
  ASSERT_EQ(mk_conn_read_view(client(), &view), 9u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(view), 9), "zero copy");
  mk_conn_read_ack(client(), 5);
  ASSERT_EQ(mk_conn_read_view(client(), &view), 4u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(view), 4), "copy");
  EXPECT_EQ(mk_conn_pending(client()), 4u);
  mk_conn_read_ack(client(), 4);
  EXPECT_EQ(mk_conn_read_view(client(), &view), 0u);
  EXPECT_FALSE(mk_conn_state(client()) & MK_STATE_HAS_PLAINTEXT);
}

TEST_F(Established, FeedStopsAtTheFirstRecordWhosePlaintextIsNotRead) {
  size_t used = 0;
  mk_conn_write(server(), reinterpret_cast<const uint8_t*>("one"), 3, &used);
  const std::string first = pair().take_output(server());
  mk_conn_write(server(), reinterpret_cast<const uint8_t*>("two"), 3, &used);
  const std::string both = first + pair().take_output(server());
  size_t fed = 0;
  ASSERT_EQ(
      mk_conn_feed(client(), reinterpret_cast<const uint8_t*>(both.data()), both.size(), &fed),
      MK_OK);
  EXPECT_EQ(fed, first.size());
  EXPECT_EQ(mk_conn_pending(client()), 3u);
}

TEST_F(Established, WriteTakesLessWhenTheOutputQueueIsFull) {
  const std::string big = pattern(1 << 20);
  size_t used = 0;
  ASSERT_EQ(
      mk_conn_write(client(), reinterpret_cast<const uint8_t*>(big.data()), big.size(), &used),
      MK_OK);
  EXPECT_GT(used, 0u);
  EXPECT_LT(used, big.size());
  size_t more = 0;
  EXPECT_EQ(
      mk_conn_write(client(), reinterpret_cast<const uint8_t*>(big.data()), big.size(), &more),
      MK_ERR_BUFFER_FULL);
  EXPECT_EQ(more, 0u);
}

TEST_F(Established, PartialOutputAcksNeverResendOrLoseBytes) {
  const std::string data = pattern(5000);
  size_t used = 0;
  ASSERT_EQ(
      mk_conn_write(client(), reinterpret_cast<const uint8_t*>(data.data()), data.size(), &used),
      MK_OK);
  // Take the ciphertext out 7 bytes at a time, as a socket doing partial writes would.
  std::string wire;
  for (;;) {
    const uint8_t* out = nullptr;
    const size_t n = mk_conn_output(client(), &out);
    if (n == 0) break;
    const size_t take = n < 7 ? n : 7;
    wire.append(reinterpret_cast<const char*>(out), take);
    mk_conn_output_ack(client(), take);
  }
  pair().feed(server(), wire);
  EXPECT_EQ(pair().received(server()), data);
}

TEST_F(Established, KeyUpdateRequestedByTheClientIsAnswered) {
  ASSERT_EQ(mk_conn_key_update(client(), 1), MK_OK);
  pair().settle();
  ASSERT_TRUE(pair().send(client(), "after update"));
  ASSERT_TRUE(pair().send(server(), "reply"));
  EXPECT_EQ(pair().received(server()), "after update");
  EXPECT_EQ(pair().received(client()), "reply");
  EXPECT_EQ(mk_conn_error(client()), MK_OK);
  EXPECT_EQ(mk_conn_error(server()), MK_OK);
}

TEST_F(Established, KeyUpdateByServerWithoutRequestKeepsDataFlowing) {
  ASSERT_EQ(mk_conn_key_update(server(), 0), MK_OK);
  ASSERT_TRUE(pair().send(server(), "new keys"));
  EXPECT_EQ(pair().received(client()), "new keys");
  // Nothing was requested, so the client sent nothing back.
  const uint8_t* out = nullptr;
  EXPECT_EQ(mk_conn_output(client(), &out), 0u);
}

TEST_F(Established, AFloodOfKeyUpdatesIsRefused) {
  for (int i = 0; i < 33; ++i) ASSERT_EQ(mk_conn_key_update(client(), 0), MK_OK);
  pair().pump(client(), server());
  EXPECT_EQ(mk_conn_error(server()), MK_ERR_KEY_UPDATE_FLOOD);
}

TEST_F(Established, KeyUpdatesWithDataBetweenThemAreNotAFlood) {
  for (int i = 0; i < 40; ++i) {
    ASSERT_EQ(mk_conn_key_update(client(), 0), MK_OK);
    ASSERT_TRUE(pair().send(client(), "x"));
  }
  EXPECT_EQ(mk_conn_error(server()), MK_OK);
  EXPECT_EQ(pair().received(server()), std::string(40, 'x'));
}

TEST_F(Established, CloseNotifyEndsTheReadSide) {
  ASSERT_TRUE(pair().send(client(), "last words"));
  ASSERT_EQ(mk_conn_close(client()), MK_OK);
  EXPECT_FALSE(mk_conn_state(client()) & MK_STATE_CAN_WRITE);
  pair().pump(client(), server());
  EXPECT_EQ(pair().received(server()), "last words");
  uint8_t buf[16];
  size_t got = 0;
  EXPECT_EQ(mk_conn_read(server(), buf, sizeof buf, &got), MK_ERR_CLOSED);
  EXPECT_TRUE(mk_conn_state(server()) & MK_STATE_CLOSED);
  EXPECT_EQ(mk_conn_error(server()), MK_OK);
  // TLS 1.3 closes each direction on its own: the server may still answer.
  EXPECT_TRUE(mk_conn_state(server()) & MK_STATE_CAN_WRITE);
  ASSERT_TRUE(pair().send(server(), "bye"));
  EXPECT_EQ(pair().received(client()), "bye");
}

TEST_F(Established, EndOfFileAfterCloseNotifyIsTheNormalEnd) {
  ASSERT_EQ(mk_conn_close(client()), MK_OK);
  pair().pump(client(), server());
  EXPECT_EQ(mk_conn_feed_eof(server()), MK_OK);
  EXPECT_EQ(mk_conn_error(server()), MK_OK);
}

TEST_F(Established, EndOfFileWithoutCloseNotifyIsATruncation) {
  EXPECT_EQ(mk_conn_feed_eof(server()), MK_ERR_TRUNCATED);
  EXPECT_EQ(mk_conn_error(server()), MK_ERR_TRUNCATED);
  EXPECT_TRUE(mk_conn_state(server()) & MK_STATE_CLOSED);
  const uint8_t* out = nullptr;
  EXPECT_EQ(mk_conn_output(server(), &out), 0u) << "no alert for a peer that is gone";
}

TEST_F(Established, WriteAfterCloseIsAUsageError) {
  ASSERT_EQ(mk_conn_close(client()), MK_OK);
  size_t used = 0;
  EXPECT_EQ(mk_conn_write(client(), reinterpret_cast<const uint8_t*>("x"), 1, &used),
            MK_ERR_BAD_STATE);
  EXPECT_EQ(mk_conn_error(client()), MK_OK);
}

TEST_F(Established, ATamperedRecordFailsAuthentication) {
  size_t used = 0;
  mk_conn_write(client(), reinterpret_cast<const uint8_t*>("secret"), 6, &used);
  std::string record = pair().take_output(client());
  record[record.size() - 1] ^= 1;
  EXPECT_EQ(pair().feed(server(), record), MK_ERR_BAD_RECORD_MAC);
  // The server answers with an encrypted bad_record_mac alert and stops.
  EXPECT_TRUE(mk_conn_state(server()) & MK_STATE_FAILED);
  pair().pump(server(), client());
  EXPECT_EQ(mk_conn_error(client()), 0x0500 | 20);
}

TEST_F(Established, AnUnprotectedHandshakeRecordAfterTheHandshakeIsUnexpected) {
  EXPECT_EQ(pair().feed(client(), std::string("\x16\x03\x03\x00\x01\x01", 6)),
            MK_ERR_UNEXPECTED_MESSAGE);
}

TEST_F(Established, ErrorsAreSticky) {
  pair().feed(client(), std::string("\x16\x03\x03\x00\x01\x01", 6));
  size_t used = 0;
  EXPECT_EQ(mk_conn_write(client(), reinterpret_cast<const uint8_t*>("x"), 1, &used),
            MK_ERR_UNEXPECTED_MESSAGE);
  EXPECT_EQ(pair().feed(client(), "anything"), MK_ERR_UNEXPECTED_MESSAGE);
}

}  // namespace
}  // namespace mk::test
