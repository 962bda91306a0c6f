// Awkward networks, on both of Mongoose's stacks: small segments, one-byte writes,
// slow readers, peers that stop halfway or do not speak TLS. Each case ends with
// the data intact or with the connection closed (and an error event when the
// backend can know why); the ASan build checks for crashes and leaks.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "app.h"
#include "host.h"
#include "meerkat_mongoose.h"
#include "raw_peer.h"
#include "session.h"

namespace mk::mghost {
namespace {

using std::chrono::milliseconds;

std::string tls_error(int err) {
  return std::string("tls: ") + mk_err_text(err);
}

class MongooseNetwork : public ::testing::TestWithParam<Stack> {
 protected:
  HostConfig host() const { return HostConfig{.stack = GetParam()}; }

  // An echo exchange of `size` bytes each way with both sides' network faults.
  static void expect_echo(Session& s, size_t size, const Faults& f) {
    const std::string body = pattern_bytes(size, static_cast<unsigned>(size));
    EXPECT_EQ(echo_with_faults(s, body, f), body) << s.client.error_text() << s.server.error_text();
  }

  // A backend server facing a socket the test writes to directly.
  int adopt_server(mg_mgr* mgr, App* server) {
    int sv[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    server->tls = server_options();
    adopt(mgr, sv[1], false, true, App::handler, server);
    return sv[0];
  }

  // A ClientHello, as a Meerkat client would send it.
  static std::string client_hello() {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return {};
    ::close(sv[1]);
    RawPeer peer(MK_ROLE_CLIENT, sv[0]);
    mk_config_set_verify(peer.config(), MK_VERIFY_NONE);
    if (!peer.start("localhost")) return {};
    return peer.take_output();
  }
};

TEST_P(MongooseNetwork, MssSizedSegmentsCarry256KilobytesEachWay) {
  HostConfig cfg = host();
  cfg.mss = 536;
  cfg.window = 2 * 536;
  Session s(cfg);
  expect_echo(s, 256 * 1024, Faults{.send_max = 536});
}

TEST_P(MongooseNetwork, OneByteWritesCarry16KilobytesEachWay) {
  Session s(host());
  expect_echo(s, 16 * 1024, Faults{.send_max = 1});
}

TEST_P(MongooseNetwork, SlowPeersReadingSevenBytesAtATime) {
  Session s(host());
  expect_echo(s, 4096, Faults{.read_max = 7});
}

TEST_P(MongooseNetwork, PeerClosingMidClientHelloEndsTheConnection) {
  Session s(host());
  const int peer = adopt_server(&s.mgr, &s.server);
  const std::string hello = client_hello();
  ASSERT_GT(hello.size(), 100u);
  ASSERT_EQ(::send(peer, hello.data(), hello.size() / 2, 0),
            static_cast<ssize_t>(hello.size() / 2));
  poll_until(
      &s.mgr, [] { return false; }, milliseconds(50));
  ::close(peer);

  EXPECT_TRUE(poll_until(
      &s.mgr, [&] { return s.server.closed(); }, milliseconds(3000)));
  EXPECT_FALSE(s.server.handshake_done());
}

// The backend's handshake deadline is process-wide: set for one test, then restored.
class HandshakeDeadline {
 public:
  explicit HandshakeDeadline(uint32_t ms) { mg_tls_meerkat_set_handshake_timeout(ms); }
  ~HandshakeDeadline() { mg_tls_meerkat_set_handshake_timeout(30000); }
};

// Everything the peer's end of the socket receives until the backend closes it.
std::string read_until_closed(int fd) {
  std::string got;
  char buf[256];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 3000) != 1) return got + "(still open)";
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return got;
    got.append(buf, static_cast<size_t>(n));
  }
}

TEST_P(MongooseNetwork, ClientHelloTrickledPastTheHandshakeDeadlineIsCutOff) {
  HandshakeDeadline deadline(300);
  Session s(host());
  const int peer = adopt_server(&s.mgr, &s.server);
  const std::string hello = client_hello();
  ASSERT_EQ(::send(peer, hello.data(), 10, 0), 10);
  poll_until(
      &s.mgr, [] { return false; }, milliseconds(350));
  ASSERT_EQ(::send(peer, hello.data() + 10, 1, 0), 1);

  EXPECT_TRUE(poll_until(
      &s.mgr, [&] { return s.server.closed(); }, milliseconds(3000)));
  EXPECT_EQ(s.server.errors,
            std::vector<std::string>{"tls: handshake did not finish within 300 ms"});
  EXPECT_FALSE(s.server.handshake_done());
  // user_canceled and close_notify, in the clear: no key was ever set.
  EXPECT_EQ(read_until_closed(peer), std::string("\x15\x03\x03\x00\x02\x01\x5a"
                                                 "\x15\x03\x03\x00\x02\x01\x00",
                                                 14));
  ::close(peer);
}

TEST_P(MongooseNetwork, PeerClosingAfterTheServerFlightEndsTheConnection) {
  Session s(host());
  const int fd = adopt_server(&s.mgr, &s.server);
  {
    RawPeer peer(MK_ROLE_CLIENT, fd);
    mk_config_set_verify(peer.config(), MK_VERIFY_NONE);
    ASSERT_TRUE(peer.start("localhost"));
    ASSERT_TRUE(peer.send_output());
    ASSERT_TRUE(poll_until(&s.mgr, [&] { return !peer.receive() || peer.handshake_done(); }));
  }  // closes without sending its Finished

  EXPECT_TRUE(poll_until(
      &s.mgr, [&] { return s.server.closed(); }, milliseconds(3000)));
  EXPECT_FALSE(s.server.handshake_done());
}

TEST_P(MongooseNetwork, PeerAlertIsReportedByName) {
  Session s(host());
  const int fd = adopt_server(&s.mgr, &s.server);
  RawPeer peer(MK_ROLE_CLIENT, fd);
  const std::string other_ca = cert_file("bad/other-ca.pem");
  mk_config_add_ca(peer.config(), reinterpret_cast<const uint8_t*>(other_ca.data()),
                   other_ca.size());
  ASSERT_TRUE(peer.start("localhost"));
  ASSERT_TRUE(peer.send_output());
  poll_until(
      &s.mgr, [&] { return !peer.receive(); }, milliseconds(3000));
  ASSERT_EQ(mk_conn_error(peer.conn()), MK_ERR_CERT_UNKNOWN_ISSUER);
  ASSERT_TRUE(peer.send_output());  // the alert

  EXPECT_TRUE(poll_until(
      &s.mgr, [&] { return s.server.failed(); }, milliseconds(3000)));
  ASSERT_FALSE(s.server.errors.empty());
  EXPECT_NE(s.server.errors.front().find(mk_alert_name(48)), std::string::npos)
      << s.server.errors.front();
}

TEST_P(MongooseNetwork, HttpInsteadOfClientHelloIsAnError) {
  Session s(host());
  const int peer = adopt_server(&s.mgr, &s.server);
  const std::string request = http_request("GET", "/", "", false);
  ASSERT_EQ(::send(peer, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));

  EXPECT_TRUE(poll_until(
      &s.mgr, [&] { return s.server.closed(); }, milliseconds(3000)));
  EXPECT_EQ(s.server.errors, std::vector<std::string>{tls_error(MK_ERR_NOT_TLS)});
  EXPECT_EQ(s.server.count(MG_EV_READ), 0u);
  ::close(peer);
}

TEST_P(MongooseNetwork, RandomBytesInsteadOfClientHelloAreAnError) {
  Session s(host());
  const int peer = adopt_server(&s.mgr, &s.server);
  std::string noise = pattern_bytes(3000, 7);
  noise[0] = 0x16;  // a handshake record header, then nonsense
  noise[1] = 0x03;
  noise[2] = 0x01;
  ASSERT_EQ(::send(peer, noise.data(), noise.size(), 0), static_cast<ssize_t>(noise.size()));

  EXPECT_TRUE(poll_until(
      &s.mgr, [&] { return s.server.closed(); }, milliseconds(3000)));
  ASSERT_EQ(s.server.errors.size(), 1u);
  EXPECT_EQ(s.server.errors.front().rfind("tls: ", 0), 0u) << s.server.errors.front();
  ::close(peer);
}

TEST_P(MongooseNetwork, ServerClosingMidHandshakeEndsTheClient) {
  Session s(host());
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  s.client.tls = client_options();
  adopt(&s.mgr, sv[1], true, true, App::handler, &s.client);
  char buf[512];
  ASSERT_TRUE(poll_until(&s.mgr, [&] {  // part of the ClientHello
    return ::recv(sv[0], buf, sizeof(buf), MSG_DONTWAIT) > 0;
  }));
  ::close(sv[0]);

  EXPECT_TRUE(poll_until(
      &s.mgr, [&] { return s.client.closed(); }, milliseconds(3000)));
  EXPECT_FALSE(s.client.handshake_done());
}

TEST_P(MongooseNetwork, TwentyConnectionsAtOnce) {
  Session s(host());
  s.server.tls = server_options();
  serve_http(s.server);
  s.listen();
  for (int i = 0; i < 20; i++)
    s.add_client(client_options()).send_at_start = http_request("GET", "/a.txt", "", false);
  ASSERT_TRUE(s.run_until(
      [&] {
        for (const App& c : s.more_clients)
          if (!http_response_body(c.received) && !c.failed()) return false;
        return true;
      },
      milliseconds(30000)));
  for (const App& c : s.more_clients) EXPECT_EQ(http_response_body(c.received), "hello\n");
}

INSTANTIATE_TEST_SUITE_P(Stacks, MongooseNetwork, ::testing::Values(Stack::sockets, Stack::builtin),
                         [](const auto& info) {
                           return info.param == Stack::sockets ? "sockets" : "builtin";
                         });

}  // namespace
}  // namespace mk::mghost
