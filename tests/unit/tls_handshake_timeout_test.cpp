// The handshake deadline (mk_config_set_handshake_timeout): a handshake that does not
// finish in time fails with MK_ERR_HANDSHAKE_TIMEOUT when the host checks, measured on
// the config's monotonic clock, which these tests replace with a fake one.
#include <gtest/gtest.h>

#include <string>

#include "meerkat/meerkat.h"
#include "tls_pair.h"

namespace mk::test {
namespace {

struct FakeClock {
  uint64_t now_ms = 1000;
  static uint64_t read(void* self) { return static_cast<FakeClock*>(self)->now_ms; }
};

// The two records a connection that gives up sends before any key is set: a
// user_canceled warning and close_notify (RFC 8446 6.1).
const std::string kCanceledInTheClear(
    "\x15\x03\x03\x00\x02\x01\x5a"
    "\x15\x03\x03\x00\x02\x01\x00",
    14);

std::string take_output(mk_conn* c) {
  const uint8_t* out = nullptr;
  const size_t n = mk_conn_output(c, &out);
  std::string bytes(reinterpret_cast<const char*>(out), n);
  mk_conn_output_ack(c, n);
  return bytes;
}

class HandshakeDeadline : public ::testing::Test {
 protected:
  void SetUp() override {
    server_cfg_ = server_config("ecdsa-p256");
    client_cfg_ = client_config("ecdsa-p256");
    for (mk_config* cfg : {server_cfg_.get(), client_cfg_.get()})
      mk_config_set_monotonic_clock(cfg, FakeClock::read, &clock_);
  }
  void set_timeout(uint32_t ms) {
    mk_config_set_handshake_timeout(server_cfg_.get(), ms);
    mk_config_set_handshake_timeout(client_cfg_.get(), ms);
  }

  FakeClock clock_;
  ConfigPtr server_cfg_, client_cfg_;
};

TEST_F(HandshakeDeadline, WithoutATimeoutAStalledHandshakeNeverExpires) {
  ConnPtr server(mk_conn_new(server_cfg_.get()));
  clock_.now_ms += 1000u * 3600 * 24 * 365;
  EXPECT_EQ(mk_conn_check_timeout(server.get()), MK_OK);
  EXPECT_EQ(mk_conn_timeout_ms(server.get()), -1);
  EXPECT_EQ(mk_conn_error(server.get()), MK_OK);
}

TEST_F(HandshakeDeadline, TimeLeftCountsDownFromTheConnectionsCreation) {
  set_timeout(5000);
  ConnPtr server(mk_conn_new(server_cfg_.get()));
  EXPECT_EQ(mk_conn_timeout_ms(server.get()), 5000);
  clock_.now_ms += 4999;
  EXPECT_EQ(mk_conn_timeout_ms(server.get()), 1);
  EXPECT_EQ(mk_conn_check_timeout(server.get()), MK_OK);
  clock_.now_ms += 1;
  EXPECT_EQ(mk_conn_timeout_ms(server.get()), 0);
}

TEST_F(HandshakeDeadline, AStalledHandshakeFailsWhenCheckedAtItsDeadline) {
  set_timeout(5000);
  ConnPtr server(mk_conn_new(server_cfg_.get()));
  clock_.now_ms += 4999;
  ASSERT_EQ(mk_conn_check_timeout(server.get()), MK_OK);
  clock_.now_ms += 1;
  EXPECT_EQ(mk_conn_check_timeout(server.get()), MK_ERR_HANDSHAKE_TIMEOUT);
  EXPECT_EQ(mk_conn_error(server.get()), MK_ERR_HANDSHAKE_TIMEOUT);
  EXPECT_STREQ(mk_conn_error_message(server.get()), "handshake did not finish within 5000 ms");
  EXPECT_TRUE(mk_conn_state(server.get()) & MK_STATE_FAILED);
  EXPECT_EQ(mk_conn_timeout_ms(server.get()), -1);
  EXPECT_EQ(take_output(server.get()), kCanceledInTheClear);
}

TEST_F(HandshakeDeadline, TheTimeoutIsStickyLikeEveryError) {
  set_timeout(100);
  ConnPtr server(mk_conn_new(server_cfg_.get()));
  clock_.now_ms += 100;
  ASSERT_EQ(mk_conn_check_timeout(server.get()), MK_ERR_HANDSHAKE_TIMEOUT);
  size_t used = 0;
  EXPECT_EQ(mk_conn_feed(server.get(), reinterpret_cast<const uint8_t*>("\x16"), 1, &used),
            MK_ERR_HANDSHAKE_TIMEOUT);
  EXPECT_EQ(used, 0u);
  EXPECT_EQ(mk_conn_check_timeout(server.get()), MK_ERR_HANDSHAKE_TIMEOUT);
}

// A peer that trickles bytes fails at the deadline even if the host only feeds.
TEST_F(HandshakeDeadline, FeedingPastTheDeadlineFailsTheHandshake) {
  set_timeout(2000);
  TlsPair pair(client_cfg_.get(), server_cfg_.get());
  ASSERT_EQ(mk_conn_start(pair.client()), MK_OK);
  const std::string hello = pair.take_output(pair.client());
  ASSERT_EQ(pair.feed(pair.server(), hello.substr(0, 10)), MK_OK);
  clock_.now_ms += 2000;
  EXPECT_EQ(pair.feed(pair.server(), hello.substr(10)), MK_ERR_HANDSHAKE_TIMEOUT);
}

// After its first flight the server writes under application keys: the alerts are
// encrypted, and the client, which finished when it sent its Finished, reads the
// server's close.
TEST_F(HandshakeDeadline, APeerWithKeysReadsTheCloseOfAServerThatGaveUp) {
  set_timeout(2000);
  TlsPair pair(client_cfg_.get(), server_cfg_.get());
  ASSERT_EQ(mk_conn_start(pair.client()), MK_OK);
  pair.pump(pair.client(), pair.server());  // ClientHello
  pair.pump(pair.server(), pair.client());  // ServerHello .. Finished
  pair.take_output(pair.client());          // the client's Finished is lost
  clock_.now_ms += 2000;
  ASSERT_EQ(mk_conn_check_timeout(pair.server()), MK_ERR_HANDSHAKE_TIMEOUT);
  pair.pump(pair.server(), pair.client());
  uint8_t buf[8];
  size_t got = 0;
  EXPECT_EQ(mk_conn_read(pair.client(), buf, sizeof buf, &got), MK_ERR_CLOSED);
  EXPECT_EQ(mk_conn_error(pair.client()), MK_OK);
}

TEST_F(HandshakeDeadline, AFinishedHandshakeHasNoDeadline) {
  set_timeout(2000);
  TlsPair pair(client_cfg_.get(), server_cfg_.get());
  ASSERT_TRUE(pair.handshake());
  clock_.now_ms += 10000;
  EXPECT_EQ(mk_conn_check_timeout(pair.server()), MK_OK);
  EXPECT_EQ(mk_conn_check_timeout(pair.client()), MK_OK);
  EXPECT_EQ(mk_conn_timeout_ms(pair.server()), -1);
  ASSERT_TRUE(pair.send(pair.client(), "still up"));
  EXPECT_EQ(pair.received(pair.server()), "still up");
}

TEST_F(HandshakeDeadline, AClientTimesOutToo) {
  set_timeout(3000);
  TlsPair pair(client_cfg_.get(), server_cfg_.get());
  ASSERT_EQ(mk_conn_start(pair.client()), MK_OK);
  pair.take_output(pair.client());  // the ClientHello, which nobody answers
  clock_.now_ms += 3000;
  EXPECT_EQ(mk_conn_check_timeout(pair.client()), MK_ERR_HANDSHAKE_TIMEOUT);
  EXPECT_EQ(take_output(pair.client()), kCanceledInTheClear);
}

TEST(HandshakeDeadlineApi, NullConnectionIsAnInvalidArgument) {
  EXPECT_EQ(mk_conn_check_timeout(nullptr), MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(mk_conn_timeout_ms(nullptr), -1);
}

}  // namespace
}  // namespace mk::test
