// One test per item of the checklist "Subtle expectations a backend can get wrong"
// (mongoose-tls-contract.md, section 1.12), named after it: what Mongoose's event
// loop needs from a TLS backend, checked on Meerkat's.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <algorithm>
#include <set>
#include <string>

#include "app.h"
#include "host.h"
#include "meerkat_mongoose.h"
#include "raw_session.h"
#include "session.h"

namespace mk::mghost {
namespace {

using std::chrono::milliseconds;

std::string tls_error(int err) {
  return std::string("tls: ") + mk_err_text(err);
}

// After the handshake, fifty small records in one send(); the plaintext they carry.
std::string send_fifty_records(RawClientSession& r) {
  if (!r.client_handshake(/*send_finished=*/true) ||
      !r.run_until([&] { return r.server.handshake_done(); }))
    return "handshake failed";
  std::string wire, expected;
  for (int i = 0; i < 50; i++) {
    const std::string piece = "record " + std::to_string(i) + ";";
    expected += piece;
    wire += r.peer->seal(piece);
  }
  return r.peer->send_raw(wire) ? expected : "send failed";
}

// 1. An init failure never leaves a connection that the core would run in clear,
//    even when the application clears is_closing on MG_EV_ERROR.
TEST(MongoosePitfall, SilentPlaintextFallback) {
  Session s;
  s.server.tls = server_options();
  s.server.tls->cert =
      "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n";
  s.server.keep_open_on_error = true;
  s.server.send_at_start = "must never travel in clear";
  s.client.tls = client_options();
  s.connect();
  s.run_until([] { return false; }, milliseconds(300));

  ASSERT_FALSE(s.server.errors.empty());
  EXPECT_EQ(s.server.errors.front().rfind("tls: cert: ", 0), 0u) << s.server.errors.front();
  ASSERT_NE(s.server_conn(), nullptr);
  EXPECT_EQ(s.server_conn()->is_tls, 1u);
  EXPECT_EQ(stats(s.server_conn()).io_send_bytes, 0u);
  EXPECT_EQ(s.server.count(MG_EV_READ), 0u);
  EXPECT_TRUE(s.client.received.empty());
  EXPECT_FALSE(s.client.handshake_done());
}

// 2. A client may call mg_tls_init while its name is still being resolved: no
//    socket, so no I/O.
TEST(MongoosePitfall, InitBeforeSocketExists) {
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.client.tls_init_at_open = true;
  int socket_at_init = 0;
  s.client.hook = [&](mg_connection* c, int ev, void*) {
    if (ev == MG_EV_OPEN) socket_at_init = socket_of(c);
  };
  s.connect();
  ASSERT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
  EXPECT_EQ(socket_at_init, -1);
  EXPECT_EQ(stats(&s.mgr).io_send_without_socket, 0u);
}

// 3. mg_tls_init does not start the handshake, and the client's first handshake
//    call sends the ClientHello without completing anything.
TEST(MongoosePitfall, NoHandshakeInInit) {
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  size_t sends_after_init = 99;
  unsigned hs_after_init = 0;
  s.client.hook = [&](mg_connection* c, int ev, void*) {
    if (ev != MG_EV_CONNECT) return;
    sends_after_init = stats(c).io_send_calls;
    hs_after_init = c->is_tls_hs;
  };
  s.connect();
  mg_mgr_poll(&s.mgr, 0);  // the client connects: MG_EV_CONNECT, then one handshake call

  ASSERT_NE(s.client_conn(), nullptr);
  EXPECT_EQ(sends_after_init, 0u);
  EXPECT_EQ(hs_after_init, 1u);
  EXPECT_EQ(stats(s.client_conn()).handshake_calls, 1u);
  EXPECT_GT(stats(s.client_conn()).io_send_bytes, 0u);
  EXPECT_EQ(s.client_conn()->is_tls_hs, 1u);
  EXPECT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
}

// 4. The handshake is called again and again, also with no new bytes: each call
//    returns at once and changes nothing.
TEST(MongoosePitfall, NonBlockingReentrantHandshake) {
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.connect();
  mg_mgr_poll(&s.mgr, 0);
  mg_connection* c = s.client_conn();
  ASSERT_NE(c, nullptr);
  const size_t sent = stats(c).io_send_bytes;
  for (int i = 0; i < 1000; i++) mg_tls_handshake(c);

  EXPECT_EQ(stats(c).io_send_bytes, sent);
  EXPECT_EQ(c->is_tls_hs, 1u);
  EXPECT_FALSE(s.client.failed());
  EXPECT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
}

// 5. mg_io_send takes a few bytes at a time and often none: handshake flights and
//    records still arrive whole and in order.
TEST(MongoosePitfall, PartialWritesEverywhere) {
  Session s;
  const std::string body = pattern_bytes(8000, 5);
  EXPECT_EQ(echo_with_faults(s, body, Faults{.send_max = 13, .send_wait_every = 3}), body)
      << s.client.error_text() << s.server.error_text();
  ASSERT_NE(s.client_conn(), nullptr);
  ASSERT_NE(s.server_conn(), nullptr);
  EXPECT_GT(stats(s.client_conn()).io_send_waits, 0u);
  EXPECT_GT(stats(s.server_conn()).io_send_waits, 0u);
}

// 6. Data the application queues before the handshake ends stays in c->send:
//    the backend refuses it until then, and sends it afterwards.
TEST(MongoosePitfall, SendHeldDuringHandshake) {
  Session s;
  s.server.tls = server_options();
  serve_http(s.server);
  s.client.tls = client_options();
  s.client.send_at_start = http_request("GET", "/a.txt", "", false);
  long early_send = 0;
  size_t queued = 0;
  s.client.hook = [&](mg_connection* c, int ev, void*) {
    if (ev != MG_EV_CONNECT) return;
    early_send = mg_tls_send(c, c->send.buf, c->send.len);
    queued = c->send.len;
  };
  s.connect();
  ASSERT_TRUE(
      s.run_until([&] { return http_response_body(s.client.received) || s.client.failed(); }));

  EXPECT_EQ(early_send, MG_IO_WAIT);
  EXPECT_EQ(queued, s.client.send_at_start.size());
  EXPECT_EQ(http_response_body(s.client.received), "hello\n");
}

// 7. The client's Finished and its first request arrive in one segment: the
//    request is delivered with no further network data.
TEST(MongoosePitfall, DataWithFinalHandshakeFlight) {
  RawClientSession r;
  serve_http(r.server);
  ASSERT_TRUE(r.client_handshake(/*send_finished=*/false));
  const std::string finished = r.peer->take_output();
  const std::string request = r.peer->seal(http_request("GET", "/a.txt", "", false));
  ASSERT_FALSE(request.empty());
  ASSERT_TRUE(r.peer->send_raw(finished + request));

  std::string response;
  EXPECT_TRUE(r.run_until([&] {
    response += r.peer->read_all();
    return http_response_body(response).has_value();
  }));
  EXPECT_TRUE(r.server.handshake_done());
  EXPECT_EQ(http_response_body(response), "hello\n");
}

// 8. A 16 KB record read through a 512-byte c->recv (MG_IO_SIZE on small devices):
//    the rest waits in the backend, counted by mg_tls_pending, and follows.
TEST(MongoosePitfall, RecordsLargerThanCallerBuffer) {
  Session s(HostConfig{.io_size = 512});
  s.server.tls = server_options();
  s.client.tls = client_options();
  const std::string body = pattern_bytes(MK_MAX_PLAINTEXT, 8);
  s.client.send_at_start = body;
  size_t most_pending = 0;
  s.server.hook = [&](mg_connection* c, int ev, void*) {
    if (ev == MG_EV_READ) most_pending = std::max(most_pending, mg_tls_pending(c));
  };
  s.connect();
  ASSERT_TRUE(
      s.run_until([&] { return s.server.received.size() >= body.size() || s.server.failed(); }));

  EXPECT_EQ(s.server.received, body);
  EXPECT_EQ(*std::max_element(s.server.read_sizes.begin(), s.server.read_sizes.end()), 512);
  EXPECT_EQ(most_pending, body.size() - 512);
}

// 9. Fifty records in one segment all reach the application although the peer
//    sends nothing more.
TEST(MongoosePitfall, SeveralRecordsInOneSegment) {
  RawClientSession r;
  const std::string expected = send_fifty_records(r);

  EXPECT_TRUE(
      r.run_until([&] { return r.server.received.size() >= expected.size(); }, milliseconds(3000)));
  EXPECT_EQ(r.server.received, expected);
}

// 10. With nothing to deliver yet (half a record) or no room on the network, the
//     answer is MG_IO_WAIT: 0 would make the socket path close the connection.
TEST(MongoosePitfall, NeverReturnZero) {
  RawClientSession r;
  ASSERT_TRUE(r.client_handshake(/*send_finished=*/true));
  ASSERT_TRUE(r.run_until([&] { return r.server.handshake_done(); }));
  const std::string record = r.peer->seal("0123456789");
  ASSERT_TRUE(r.peer->send_raw(record.substr(0, 3)));
  r.run_until([] { return false; }, milliseconds(100));
  mg_connection* c = r.server.conn;
  ASSERT_NE(c, nullptr);
  char buf[64];
  EXPECT_EQ(mg_tls_recv(c, buf, sizeof(buf)), MG_IO_WAIT);
  faults(c).send_wait_every = 1;
  EXPECT_EQ(mg_tls_send(c, "x", 1), MG_IO_WAIT);
  faults(c).send_wait_every = 0;

  ASSERT_TRUE(r.peer->send_raw(record.substr(3)));
  EXPECT_TRUE(r.run_until([&] { return r.server.received == "0123456789"; }));
  EXPECT_FALSE(r.server.closed());
}

// 11. The built-in stack asks for the next record with mg_tls_recv(c, NULL, 0)
//     before it has a receive buffer: decrypt, answer 0, report the size.
TEST(MongoosePitfall, BuiltinStackNullBufferRecv) {
  RawClientSession r(HostConfig{.stack = Stack::builtin});
  ASSERT_TRUE(r.client_handshake(/*send_finished=*/true));
  ASSERT_TRUE(r.run_until([&] { return r.server.handshake_done(); }));
  mg_connection* c = r.server.conn;
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->recv.buf, nullptr);
  const std::string record = r.peer->seal(std::string(100, 'x'));
  mg_iobuf_add(&c->rtls, c->rtls.len, record.data(), record.size());

  EXPECT_EQ(mg_tls_recv(c, nullptr, 0), 0);
  EXPECT_EQ(mg_tls_pending(c), 100u);
  char buf[200];
  EXPECT_EQ(mg_tls_recv(c, buf, sizeof(buf)), 100);
  EXPECT_EQ(std::string(buf, 100), std::string(100, 'x'));
  EXPECT_EQ(mg_tls_pending(c), 0u);
}

// 12. The core calls mg_tls_pending (and may call flush and free) on every
//     connection: listeners and plain TCP have no TLS state.
TEST(MongoosePitfall, NullTlsTolerated) {
  Session s;
  s.client.send_at_start = "ping";
  s.listener = listen_local(&s.mgr, false, App::handler, &s.server);
  connect_local(&s.mgr, s.listener, false, App::handler, &s.client);
  ASSERT_TRUE(s.run_until([&] { return s.server.received == "ping"; }));

  for (mg_connection* c : {s.listener, s.server_conn(), s.client_conn()}) {
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->tls, nullptr);
    EXPECT_EQ(mg_tls_pending(c), 0u);
    mg_tls_flush(c);
    mg_tls_handshake(c);
    char buf[8];
    EXPECT_EQ(mg_tls_recv(c, buf, sizeof(buf)), MG_IO_ERR);
    EXPECT_EQ(mg_tls_send(c, "x", 1), MG_IO_ERR);
    mg_tls_free(c);
    EXPECT_EQ(c->tls, nullptr);
  }
  EXPECT_TRUE(s.server.errors.empty());
  EXPECT_TRUE(s.client.errors.empty());
}

// 13. The built-in stack calls mg_tls_flush during the handshake, the socket path
//     never does: flush pushes an unsent flight tail, and the socket path gets
//     there anyway (mg_tls_pending counts the tail, so the loop comes back).
TEST(MongoosePitfall, FlushDuringHandshakeOnBuiltinStackOnly) {
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.connect();
  faults(s.listener) = Faults{.send_max = 100, .send_wait_every = 2};
  ASSERT_TRUE(s.run_until([&] {
    return s.server_conn() != nullptr && s.server_conn()->is_tls_hs &&
           mg_tls_pending(s.server_conn()) > 0;
  }));
  mg_connection* c = s.server_conn();
  const size_t tail = mg_tls_pending(c), sent = stats(c).io_send_bytes;
  mg_tls_flush(c);
  EXPECT_EQ(stats(c).io_send_bytes, sent + 100);
  EXPECT_EQ(mg_tls_pending(c), tail - 100);

  EXPECT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
}

// 14. A connection marked draining closes only after every queued byte is on the
//     wire, then says so with close_notify.
TEST(MongoosePitfall, DrainingKeepsQueuedCiphertext) {
  Session s;
  s.server.tls = server_options();
  serve_http(s.server);
  s.client.tls = client_options();
  // The response's last record is nearly full, so its ciphertext is still queued
  // when the application has nothing left to send.
  const std::string body = pattern_bytes(250000, 14);
  s.client.send_at_start = http_request("POST", "/echo", body, /*close=*/true);
  s.connect();
  faults(s.listener) = Faults{.send_max = 1000, .send_wait_every = 2, .socket_buffer = 4096};
  ASSERT_TRUE(s.run_until([&] { return s.client.closed(); }, milliseconds(30000)));

  EXPECT_EQ(http_response_body(s.client.received), body);
  EXPECT_TRUE(s.server.closed());
  EXPECT_TRUE(s.server.errors.empty()) << s.server.error_text();
  EXPECT_TRUE(s.client.errors.empty()) << s.client.error_text();
}

// 15. The application appends to c->send while the backend waits for the network,
//     so the buffer moves: every byte still goes out once, in order.
TEST(MongoosePitfall, MovingSendBuffer) {
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  std::string expected;
  std::set<const void*> buffers;
  s.client.hook = [&](mg_connection* c, int ev, void*) {
    if (ev == MG_EV_OPEN) faults(c) = Faults{.send_max = 1000, .send_wait_every = 2};
    const bool established = c->is_tls && !c->is_tls_hs;
    if (ev != MG_EV_POLL || !established || expected.size() >= 64 * 4096) return;
    const std::string chunk = pattern_bytes(4096, static_cast<unsigned>(expected.size()));
    mg_send(c, chunk.data(), chunk.size());
    expected += chunk;
    buffers.insert(c->send.buf);
  };
  s.connect();
  ASSERT_TRUE(s.run_until(
      [&] {
        return (expected.size() >= 64 * 4096 && s.server.received.size() >= expected.size()) ||
               s.server.failed() || s.client.failed();
      },
      milliseconds(30000)));

  EXPECT_EQ(s.server.received, expected);
  EXPECT_GT(buffers.size(), 1u);
  ASSERT_NE(s.client_conn(), nullptr);
  EXPECT_GT(stats(s.client_conn()).io_send_waits, 0u);
}

// 16. mg_tls_free runs after the socket is closed: it frees without any I/O, even
//     with ciphertext still queued.
TEST(MongoosePitfall, FreeAfterFdClosedDoesNoIo) {
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.connect();
  ASSERT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
  mg_connection* c = s.client_conn();
  faults(c).send_wait_every = 1;
  const std::string data(5000, 'd');
  mg_send(c, data.data(), data.size());
  mg_mgr_poll(&s.mgr, 0);
  ASSERT_EQ(c->is_tls_throttled, 1u);
  const size_t calls = stats(c).io_send_calls;
  mg_tls_free(c);
  EXPECT_EQ(c->tls, nullptr);
  EXPECT_EQ(stats(c).io_send_calls, calls);

  s.server_conn()->is_closing = 1;
  ASSERT_TRUE(s.run_until([&] { return s.server.closed() && s.client.closed(); }));
  EXPECT_EQ(stats(&s.mgr).io_send_without_socket, 0u);
}

// 17. mg_error keeps 63 characters: the message names the cause within them.
TEST(MongoosePitfall, ErrorStringsFit63Characters) {
  Session s;
  s.server.tls = TlsOptions{.cert = cert_file("bad/wrong-name-chain.pem"),
                            .key = cert_file("bad/wrong-name-key.pem")};
  s.client.tls = client_options();
  s.connect();
  ASSERT_TRUE(s.run_until([&] { return s.client.failed(); }));

  ASSERT_EQ(s.client.errors.size(), 1u);
  EXPECT_LE(s.client.errors.front().size(), 63u);
  EXPECT_EQ(s.client.errors.front(), tls_error(MK_ERR_CERT_NAME_MISMATCH));
}

// 18. MG_EV_TLS_HS comes after is_tls_hs is cleared, on both sides, and the
//     handler can send from inside it.
TEST(MongoosePitfall, IsTlsHsClearedBeforeHandshakeEvent) {
  Session s;
  s.server.tls = server_options();
  s.server.hook = [](mg_connection* c, int ev, void*) {
    if (ev == MG_EV_TLS_HS) mg_send(c, "sent from the event", 19);
  };
  s.client.tls = client_options();
  s.connect();
  ASSERT_TRUE(s.run_until([&] { return s.client.received == "sent from the event"; }));

  EXPECT_EQ(s.server.is_tls_hs_at_handshake_event, 0);
  EXPECT_EQ(s.client.is_tls_hs_at_handshake_event, 0);
  EXPECT_EQ(s.server.count(MG_EV_TLS_HS), 1u);
  EXPECT_EQ(s.client.count(MG_EV_TLS_HS), 1u);
}

// 19. A server with `ca` demands a client certificate; a client without one
//     answers with an empty Certificate and the server refuses it by name.
TEST(MongoosePitfall, MtlsEmptyCertificateWithoutClientCert) {
  Session s;
  s.server.tls = server_options();
  s.server.tls->ca = cert_file("ecdsa-p256/ca.pem");
  s.client.tls = client_options();
  s.connect();
  ASSERT_TRUE(s.run_until([&] { return s.server.failed() && s.client.failed(); }));

  EXPECT_EQ(s.server.errors.front(), "tls: client sent no certificate");
  EXPECT_NE(s.client.errors.front().find("certificate_required"), std::string::npos)
      << s.client.errors.front();
  EXPECT_FALSE(s.server.handshake_done());
}

// 20. Certificate validity needs the date; when the clock says it does not know,
//     verification fails by name instead of being skipped.
TEST(MongoosePitfall, WallClockTime) {
  mg_tls_meerkat_set_clock([](void*) -> int64_t { return -1; }, nullptr);
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.connect();
  s.run_until([&] { return s.client.failed(); });
  mg_tls_meerkat_set_clock(nullptr, nullptr);

  ASSERT_FALSE(s.client.errors.empty());
  EXPECT_EQ(s.client.errors.front(), tls_error(MK_ERR_CERT_NO_TIME));
  EXPECT_FALSE(s.client.handshake_done());
}

// 21. opts usually lives on the stack and `name` points into the URL, without a
//     NUL: everything is copied during mg_tls_init.
TEST(MongoosePitfall, OptsLifetime) {
  Session s;
  s.server.tls = server_options();
  s.client.hook = [](mg_connection* c, int ev, void*) {
    if (ev != MG_EV_CONNECT) return;
    std::string url = "https://localhost:8443/index.html";
    std::string ca = cert_file("ecdsa-p256/ca.pem");
    mg_tls_opts opts{};
    opts.ca = mg_str{ca.data(), ca.size()};
    opts.name = mg_str{url.data() + 8, 9};
    mg_tls_init(c, &opts);
    std::fill(url.begin(), url.end(), 'x');
    std::fill(ca.begin(), ca.end(), 'x');
  };
  s.connect();
  EXPECT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
}

// 22. One mg_tls_recv call fills the caller's buffer from as many records as are
//     there: fifty records, one MG_EV_READ.
TEST(MongoosePitfall, SeveralRecordsPerRecvCall) {
  RawClientSession r;
  const std::string expected = send_fifty_records(r);
  ASSERT_TRUE(r.run_until([&] { return r.server.received.size() >= expected.size(); }));

  EXPECT_EQ(r.server.read_sizes, std::vector<long>{static_cast<long>(expected.size())});
}

// 23. mg_tls_pending never stays above zero with nothing to deliver: half a record
//     followed by EOF lets the core close the connection.
TEST(MongoosePitfall, PendingNeverStuckAboveZero) {
  RawClientSession r;
  ASSERT_TRUE(r.client_handshake(/*send_finished=*/true));
  ASSERT_TRUE(r.run_until([&] { return r.server.handshake_done(); }));
  const std::string record = r.peer->seal("never completed");
  ASSERT_TRUE(r.peer->send_raw(record.substr(0, record.size() / 2)));
  r.run_until([] { return false; }, milliseconds(100));
  ASSERT_NE(r.server.conn, nullptr);
  EXPECT_EQ(mg_tls_pending(r.server.conn), 0u);
  r.peer->close_socket();

  EXPECT_TRUE(poll_until(
      &r.mgr, [&] { return r.server.closed(); }, milliseconds(2000)));
  EXPECT_TRUE(r.server.received.empty());
}

}  // namespace
}  // namespace mk::mghost
