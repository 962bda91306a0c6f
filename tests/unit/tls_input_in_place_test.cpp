// mk_conn_input_space / mk_conn_input_commit: ciphertext written straight into the
// connection's record buffer, one record at a time, header first.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "meerkat/meerkat.h"
#include "tls_pair.h"

namespace mk::test {
namespace {

// Deliver bytes to a connection through the in-place calls, at most chunk bytes
// per commit. Returns the bytes delivered before the connection stopped taking
// input (or all of them).
size_t deliver_in_place(mk_conn* to, const std::string& bytes, size_t chunk = SIZE_MAX) {
  size_t off = 0;
  while (off < bytes.size()) {
    uint8_t* space = nullptr;
    size_t room = mk_conn_input_space(to, &space);
    if (room == 0) break;
    size_t n = std::min({room, chunk, bytes.size() - off});
    std::memcpy(space, bytes.data() + off, n);
    if (mk_conn_input_commit(to, n) != MK_OK) break;
    off += n;
  }
  return off;
}

std::string view_all(mk_conn* c) {
  const uint8_t* p = nullptr;
  size_t n = mk_conn_read_view(c, &p);
  std::string s(reinterpret_cast<const char*>(p), n);
  mk_conn_read_ack(c, n);
  return s;
}

class InPlace : public ::testing::Test {
 protected:
  void SetUp() override {
    server_cfg_ = server_config("ecdsa-p256");
    client_cfg_ = client_config("ecdsa-p256");
    pair_ = std::make_unique<TlsPair>(client_cfg_.get(), server_cfg_.get());
  }
  mk_conn* client() { return pair_->client(); }
  mk_conn* server() { return pair_->server(); }
  TlsPair& pair() { return *pair_; }

  std::string sealed(mk_conn* from, const std::string& text) {
    size_t used = 0;
    EXPECT_EQ(
        mk_conn_write(from, reinterpret_cast<const uint8_t*>(text.data()), text.size(), &used),
        MK_OK);
    EXPECT_EQ(used, text.size());
    return pair().take_output(from);
  }

  ConfigPtr server_cfg_, client_cfg_;
  std::unique_ptr<TlsPair> pair_;
};

TEST_F(InPlace, OffersTheFiveHeaderBytesFirstThenExactlyTheRecordBody) {
  ASSERT_TRUE(pair().handshake());
  const std::string record = sealed(server(), "hello");
  uint8_t* space = nullptr;
  ASSERT_EQ(mk_conn_input_space(client(), &space), 5u);
  std::memcpy(space, record.data(), 5);
  ASSERT_EQ(mk_conn_input_commit(client(), 5), MK_OK);
  ASSERT_EQ(mk_conn_input_space(client(), &space), record.size() - 5);
  std::memcpy(space, record.data() + 5, record.size() - 5);
  ASSERT_EQ(mk_conn_input_commit(client(), record.size() - 5), MK_OK);
  EXPECT_EQ(view_all(client()), "hello");
}

TEST_F(InPlace, CompletesAWholeHandshakeOneByteAtATime) {
  ASSERT_EQ(mk_conn_start(client()), MK_OK);
  for (int flight = 0; flight < 4; ++flight) {
    std::string from_client = pair().take_output(client());
    EXPECT_EQ(deliver_in_place(server(), from_client, 1), from_client.size());
    std::string from_server = pair().take_output(server());
    EXPECT_EQ(deliver_in_place(client(), from_server, 1), from_server.size());
  }
  EXPECT_TRUE(mk_conn_state(client()) & MK_STATE_HANDSHAKE_DONE);
  EXPECT_TRUE(mk_conn_state(server()) & MK_STATE_HANDSHAKE_DONE);
}

TEST_F(InPlace, OffersNothingWhilePlaintextWaitsToBeRead) {
  ASSERT_TRUE(pair().handshake());
  std::string two = sealed(server(), "one");  // two statements: sealing order matters
  two += sealed(server(), "two");
  size_t first = deliver_in_place(client(), two);
  uint8_t* space = nullptr;
  EXPECT_EQ(mk_conn_input_space(client(), &space), 0u);
  EXPECT_EQ(mk_conn_input_commit(client(), 1), MK_ERR_BAD_STATE);
  EXPECT_EQ(view_all(client()), "one");
  EXPECT_EQ(deliver_in_place(client(), two.substr(first)), two.size() - first);
  EXPECT_EQ(view_all(client()), "two");
}

TEST_F(InPlace, RefusesACommitLargerThanTheSpaceOfferedAndStaysUsable) {
  ASSERT_TRUE(pair().handshake());
  uint8_t* space = nullptr;
  ASSERT_EQ(mk_conn_input_space(client(), &space), 5u);
  EXPECT_EQ(mk_conn_input_commit(client(), 6), MK_ERR_INVALID_ARGUMENT);
  EXPECT_FALSE(mk_conn_state(client()) & MK_STATE_FAILED);
  const std::string record = sealed(server(), "still fine");
  EXPECT_EQ(deliver_in_place(client(), record), record.size());
  EXPECT_EQ(view_all(client()), "still fine");
}

TEST_F(InPlace, ATamperedRecordFailsWithBadRecordMac) {
  ASSERT_TRUE(pair().handshake());
  std::string record = sealed(server(), "hello");
  record.back() = static_cast<char>(record.back() ^ 1);
  deliver_in_place(client(), record);
  EXPECT_EQ(mk_conn_error(client()), MK_ERR_BAD_RECORD_MAC);
  uint8_t* space = nullptr;
  EXPECT_EQ(mk_conn_input_space(client(), &space), 0u);
}

TEST_F(InPlace, AClientOffersNoSpaceBeforeItStarts) {
  uint8_t* space = nullptr;
  EXPECT_EQ(mk_conn_input_space(client(), &space), 0u);
  EXPECT_EQ(mk_conn_input_commit(client(), 0), MK_ERR_BAD_STATE);
}

TEST_F(InPlace, AGarbageHeaderFailsAtItsFifthByte) {
  uint8_t* space = nullptr;
  ASSERT_EQ(mk_conn_input_space(server(), &space), 5u);
  std::memcpy(space, "GET /", 5);
  EXPECT_EQ(mk_conn_input_commit(server(), 5), MK_ERR_NOT_TLS);
  EXPECT_TRUE(mk_conn_state(server()) & MK_STATE_FAILED);
}

}  // namespace
}  // namespace mk::test
