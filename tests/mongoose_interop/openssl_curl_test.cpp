// Meerkat's Mongoose backend against real peers on 127.0.0.1: curl and
// `openssl s_client` against the backend server, the backend client against
// `openssl s_server`, with ECDSA and RSA chains. The host's event loop runs in
// the test's thread, polled between looks at the peer process; every wait is
// bounded and every process is stopped by its PID when its Process object goes
// away.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app.h"
#include "host.h"
#include "process.h"
#include "testdata.h"

namespace mk::mghost {
namespace {

using mk::test::Millis;
using mk::test::Process;

std::string cert_path(const std::string& rel) {
  return mk::test::source_path("tests/data/certs/" + rel);
}

// A manager running the host's socket loop with real TCP.
class Loop {
 public:
  Loop() { mg_mgr_init(&mgr); }
  ~Loop() { mg_mgr_free(&mgr); }
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // Poll until the peer exits; its exit status.
  std::optional<int> until_exit(Process& peer, Millis timeout = Millis(20000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      mg_mgr_poll(&mgr, 5);
      if (auto status = peer.wait_exit(Millis(0))) return status;
    }
    return std::nullopt;
  }
  // Poll until the peer printed `needle` (or the timeout).
  bool until_output(Process& peer, const std::string& needle, Millis timeout = Millis(20000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      mg_mgr_poll(&mgr, 5);
      if (peer.wait_for_output(needle, Millis(0))) return true;
    }
    return false;
  }

  mg_mgr mgr;
};

// The backend as an HTTPS server on a free port below 32768, and curl for it.
class BackendServerFixture : public ::testing::Test {
 protected:
  void listen(const TlsOptions& tls) {
    server.tls = tls;
    serve_http(server);
    port = mk::test::pick_free_port();
    const std::string url = "https://127.0.0.1:" + std::to_string(port);
    ASSERT_NE(mg_listen(&loop.mgr, url.c_str(), App::handler, &server), nullptr);
  }
  std::vector<std::string> curl(const std::string& ca_file, std::vector<std::string> extra) const {
    std::vector<std::string> argv = {
        "curl",       "-sS",
        "--max-time", "15",
        "--cacert",   cert_path(ca_file),
        "--resolve",  "localhost:" + std::to_string(port) + ":127.0.0.1"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
  }
  std::string base() const { return "https://localhost:" + std::to_string(port); }

  App server;  // outlives the loop, which calls it until the end
  Loop loop;
  uint16_t port = 0;
};

class BackendServer : public BackendServerFixture,
                      public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { listen(server_options(GetParam())); }
  // `openssl s_client` verifying the chain and the name, asking for /a.txt; its exit
  // status (nullopt: still running at the deadline), its output in *out.
  std::optional<int> s_client_get(std::vector<std::string> extra, std::string* out) {
    std::vector<std::string> argv = {"openssl",
                                     "s_client",
                                     "-connect",
                                     "127.0.0.1:" + std::to_string(port),
                                     "-servername",
                                     "localhost",
                                     "-verify_hostname",
                                     "localhost",
                                     "-CAfile",
                                     cert_path(GetParam() + "/ca.pem"),
                                     "-verify_return_error",
                                     "-quiet",
                                     "-ign_eof"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    Process peer;
    if (!peer.start(argv) || !peer.write_stdin(http_request("GET", "/a.txt", "", /*close=*/true))) {
      *out = peer.error();
      return std::nullopt;
    }
    const auto status = loop.until_exit(peer);
    *out = peer.output();
    return status;
  }
  std::vector<std::string> curl(std::vector<std::string> extra) const {
    return BackendServerFixture::curl(GetParam() + "/ca.pem", std::move(extra));
  }
};

TEST_P(BackendServer, CurlGetsTheResource) {
  Process peer;
  ASSERT_TRUE(peer.start(curl({base() + "/a.txt"}))) << peer.error();
  EXPECT_EQ(loop.until_exit(peer), 0) << peer.err() << server.error_text();
  EXPECT_EQ(peer.out(), "hello\n");
}

TEST_P(BackendServer, CurlPosts256KilobytesAndGetsThemBack) {
  const std::string body = pattern_bytes(256 * 1024, 31);
  const std::string file = std::string(MEERKAT_BINARY_DIR) + "/mongoose_interop_body.bin";
  std::ofstream(file, std::ios::binary) << body;
  Process peer;
  ASSERT_TRUE(peer.start(curl({"-H", "Expect:", "--data-binary", "@" + file, base() + "/echo"})))
      << peer.error();
  EXPECT_EQ(loop.until_exit(peer), 0) << peer.err() << server.error_text();
  EXPECT_EQ(peer.out().size(), body.size());
  EXPECT_TRUE(peer.out() == body);
}

TEST_P(BackendServer, OpensslClientVerifiesTheChainAndGetsTheResource) {
  std::string out;
  EXPECT_EQ(s_client_get({}, &out), 0) << out << server.error_text();
  EXPECT_NE(out.find("\r\n\r\nhello\n"), std::string::npos) << out;
}

TEST_P(BackendServer, OpensslClientLimitedToTls12GetsTheResource) {
  std::string out;
  EXPECT_EQ(s_client_get({"-tls1_2"}, &out), 0) << out << server.error_text();
  EXPECT_NE(out.find("\r\n\r\nhello\n"), std::string::npos) << out;
}

INSTANTIATE_TEST_SUITE_P(Pki, BackendServer,
                         ::testing::Values("ecdsa-p256", "ecdsa-p384", "rsa-2048"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::erase(name, '-');
                           return name;
                         });

class BackendServerMutualTls : public BackendServerFixture {
 protected:
  void SetUp() override {
    TlsOptions tls = server_options();
    tls.ca = cert_file("ecdsa-p256/ca.pem");
    listen(tls);
  }
  std::vector<std::string> curl(std::vector<std::string> extra) const {
    extra.push_back(base() + "/a.txt");
    return BackendServerFixture::curl("ecdsa-p256/ca.pem", std::move(extra));
  }
};

TEST_F(BackendServerMutualTls, CurlWithATrustedClientCertificateIsServed) {
  Process peer;
  ASSERT_TRUE(peer.start(curl(
      {"--cert", cert_path("bad/client-chain.pem"), "--key", cert_path("bad/client-key.pem")})))
      << peer.error();
  EXPECT_EQ(loop.until_exit(peer), 0) << peer.err() << server.error_text();
  EXPECT_EQ(peer.out(), "hello\n");
}

TEST_F(BackendServerMutualTls, CurlWithoutClientCertificateIsRefused) {
  Process peer;
  ASSERT_TRUE(peer.start(curl({}))) << peer.error();
  const auto status = loop.until_exit(peer);
  ASSERT_TRUE(status.has_value());
  EXPECT_NE(*status, 0);
  EXPECT_EQ(peer.out(), "");
  ASSERT_FALSE(server.errors.empty());
  EXPECT_EQ(server.errors.front(), "tls: client sent no certificate");
}

// The backend as a client of `openssl s_server -www`, which answers "GET /"
// with a status page and closes.
class BackendClientFixture : public ::testing::Test {
 protected:
  bool start_server(const std::string& pki, std::vector<std::string> extra = {}) {
    port = mk::test::pick_free_port();
    std::vector<std::string> argv = {"openssl",
                                     "s_server",
                                     "-accept",
                                     "127.0.0.1:" + std::to_string(port),
                                     "-cert",
                                     cert_path(pki + "/leaf.pem"),
                                     "-cert_chain",
                                     cert_path(pki + "/intermediate.pem"),
                                     "-key",
                                     cert_path(pki + "/key.pem"),
                                     "-www",
                                     "-naccept",
                                     "1"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return peer.start(argv) && peer.wait_for_output("ACCEPT", Millis(5000));
  }
  // Connect with these options, ask for "/", and poll until the client closes.
  void fetch(const TlsOptions& tls) {
    client.tls = tls;
    client.send_at_start = "GET / HTTP/1.0\r\n\r\n";
    const std::string url = "tls://127.0.0.1:" + std::to_string(port);
    ASSERT_NE(mg_connect(&loop.mgr, url.c_str(), App::handler, &client), nullptr);
    poll_until(
        &loop.mgr, [&] { return client.closed(); }, Millis(20000));
  }

  App client;  // outlives the loop, which calls it until the end
  Loop loop;
  Process peer;
  uint16_t port = 0;
};

class BackendClient : public BackendClientFixture,
                      public ::testing::WithParamInterface<std::string> {};

TEST_P(BackendClient, FetchesTheStatusPageFromOpensslServer) {
  ASSERT_TRUE(start_server(GetParam())) << peer.output();
  fetch(client_options(GetParam()));
  EXPECT_EQ(client.received.rfind("HTTP/1.0 200 ok\r\n", 0), 0u)
      << client.received.substr(0, 200) << client.error_text() << peer.output();
  EXPECT_TRUE(client.errors.empty()) << client.error_text();
}

TEST_P(BackendClient, FetchesTheStatusPageFromOpensslServerLimitedToTls12) {
  ASSERT_TRUE(start_server(GetParam(), {"-tls1_2"})) << peer.output();
  fetch(client_options(GetParam()));
  EXPECT_EQ(client.received.rfind("HTTP/1.0 200 ok\r\n", 0), 0u)
      << client.received.substr(0, 200) << client.error_text() << peer.output();
  EXPECT_NE(client.received.find("Protocol  : TLSv1.2"), std::string::npos)
      << client.received.substr(0, 2000);
}

INSTANTIATE_TEST_SUITE_P(Pki, BackendClient,
                         ::testing::Values("ecdsa-p256", "ecdsa-p384", "rsa-2048"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::erase(name, '-');
                           return name;
                         });

using BackendClientMutualTls = BackendClientFixture;

TEST_F(BackendClientMutualTls, ClientCertificateIsAcceptedByOpensslServer) {
  ASSERT_TRUE(
      start_server("ecdsa-p256", {"-Verify", "1", "-CAfile", cert_path("ecdsa-p256/ca.pem")}))
      << peer.output();
  TlsOptions tls = client_options();
  tls.cert = cert_file("bad/client-chain.pem");
  tls.key = cert_file("bad/client-key.pem");
  fetch(tls);
  EXPECT_EQ(client.received.rfind("HTTP/1.0 200 ok\r\n", 0), 0u)
      << client.error_text() << peer.output();
}

TEST_F(BackendClientMutualTls, MissingClientCertificateIsRefusedByOpensslServer) {
  ASSERT_TRUE(
      start_server("ecdsa-p256", {"-Verify", "1", "-CAfile", cert_path("ecdsa-p256/ca.pem")}))
      << peer.output();
  fetch(client_options());
  EXPECT_EQ(client.received, "");
  ASSERT_FALSE(client.errors.empty()) << peer.output();
  EXPECT_NE(client.errors.front().find("certificate_required"), std::string::npos)
      << client.errors.front();
}

}  // namespace
}  // namespace mk::mghost
