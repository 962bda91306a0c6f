// How a TLS connection ends under Mongoose: close_notify from the peer, and the
// backend's own close_notify when the application drains a connection.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <string>

#include "app.h"
#include "raw_session.h"

namespace mk::mghost {
namespace {

// Read from the raw peer until it sees EOF; whether the engine saw close_notify.
struct Ending {
  std::string plaintext;
  bool close_notify = false;
};
Ending read_to_end(RawClientSession& r) {
  Ending e;
  poll_until(&r.mgr, [&] {
    const bool open = r.peer->receive();
    e.plaintext += r.peer->read_all();
    return !open;
  });
  e.plaintext += r.peer->read_all();
  uint8_t byte = 0;
  size_t got = 0;
  e.close_notify = mk_conn_read(r.peer->conn(), &byte, 1, &got) == MK_ERR_CLOSED;
  return e;
}

TEST(MongooseClose, DrainingConnectionEndsWithCloseNotifyAfterTheData) {
  RawClientSession r;
  serve_http(r.server);
  ASSERT_TRUE(r.client_handshake(/*send_finished=*/true));
  ASSERT_TRUE(r.peer->send_raw(r.peer->seal(http_request("GET", "/a.txt", "", /*close=*/true))));

  const Ending e = read_to_end(r);
  EXPECT_EQ(http_response_body(e.plaintext), "hello\n");
  EXPECT_TRUE(e.close_notify);
  EXPECT_TRUE(r.server.closed());
  EXPECT_TRUE(r.server.errors.empty()) << r.server.error_text();
}

TEST(MongooseClose, PeerCloseNotifyEndsTheConnectionOnceTheReplyIsSent) {
  RawClientSession r;
  serve_http(r.server);
  ASSERT_TRUE(r.client_handshake(/*send_finished=*/true));
  std::string wire = r.peer->seal(http_request("GET", "/a.txt", "", /*close=*/false));
  ASSERT_EQ(mk_conn_close(r.peer->conn()), MK_OK);
  wire += r.peer->take_output();
  ASSERT_TRUE(r.peer->send_raw(wire));  // the request, then close_notify; the socket stays open

  const Ending e = read_to_end(r);
  EXPECT_EQ(http_response_body(e.plaintext), "hello\n");
  EXPECT_TRUE(r.server.closed());
  EXPECT_TRUE(r.server.errors.empty()) << r.server.error_text();
}

}  // namespace
}  // namespace mk::mghost
