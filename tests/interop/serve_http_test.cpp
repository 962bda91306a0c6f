// `meerkat serve` as an HTTP/1.1 file server, driven by curl (and a raw socket for
// what curl will not do): pages, HEAD, keep-alive, errors, traversal refusal, large
// files, concurrent clients, handshake timeout, clean stop.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <random>

#include "interop.h"

namespace mk::test {
namespace {

class ServeHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    site_.dir.write("a.txt", "alpha\n");
    site_.dir.write("b.txt", "bravo\n");
    site_.dir.write("style.css", "p{}\n");
    ASSERT_EQ(::mkdir((site_.dir.path() + "/docs").c_str(), 0755), 0);
    site_.dir.write("docs/index.html", "docs index\n");
    outside_.write("secret.txt", "top secret\n");
    ASSERT_EQ(::symlink((outside_.path() + "/secret.txt").c_str(),
                        (site_.dir.path() + "/escape").c_str()),
              0);
    ASSERT_TRUE(server_.start(site_.dir.path(), {"-v"})) << server_.proc().output();
  }

  Finished curl(std::vector<std::string> extra) {
    std::vector<std::string> argv = {"curl", "-sS",      "--max-time",
                                     "8",    "--cacert", source_path("certs/demo/ca.pem")};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run(argv);
  }

  std::string status_of(const std::string& path, std::vector<std::string> extra = {}) {
    extra.insert(extra.end(), {"-o", "/dev/null", "-w", "%{http_code}", server_.url(path)});
    return curl(extra).out;
  }

  Site site_;
  TempDir outside_;
  MeerkatServer server_;
};

TEST_F(ServeHttp, CurlFetchesTheIndexPage) {
  Finished f = curl({server_.url("/")});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out, kIndexHtml);
}

TEST_F(ServeHttp, FetchesByIpAddressToo) {
  Finished f = curl({"https://127.0.0.1:" + std::to_string(server_.port()) + "/a.txt"});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out, "alpha\n");
}

TEST_F(ServeHttp, KeepAliveServesTwoRequestsOnOneConnection) {
  Finished f = curl({"-v", server_.url("/a.txt"), server_.url("/b.txt")});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out, "alpha\nbravo\n");
  EXPECT_NE(f.err.find("Re-using existing connection"), std::string::npos) << f.err;
}

TEST_F(ServeHttp, HeadSendsTheHeadersWithoutTheBody) {
  Finished f = curl({"-I", server_.url("/a.txt")});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out.substr(0, 17), "HTTP/1.1 200 OK\r\n");
  EXPECT_NE(f.out.find("Content-Length: 6\r\n"), std::string::npos) << f.out;
  EXPECT_TRUE(f.out.ends_with("\r\n\r\n")) << f.out;
}

TEST_F(ServeHttp, ContentTypeFollowsTheExtension) {
  Finished f = curl({"-o", "/dev/null", "-w", "%{content_type}", server_.url("/style.css")});
  EXPECT_EQ(f.out, "text/css; charset=utf-8");
}

TEST_F(ServeHttp, DirectoryServesItsIndex) {
  Finished f = curl({server_.url("/docs/")});
  EXPECT_EQ(f.out, "docs index\n");
}

TEST_F(ServeHttp, MissingFileIs404) {
  EXPECT_EQ(status_of("/nope.html"), "404");
}

TEST_F(ServeHttp, DotDotTraversalIs403) {
  EXPECT_EQ(status_of("/../" + outside_.path().substr(5) + "/secret.txt", {"--path-as-is"}), "403");
  EXPECT_EQ(status_of("/docs/../../secret.txt", {"--path-as-is"}), "403");
}

TEST_F(ServeHttp, EncodedTraversalIs403) {
  EXPECT_EQ(status_of("/%2e%2e/secret.txt", {"--path-as-is"}), "403");
}

TEST_F(ServeHttp, SymlinkOutOfTheDirectoryIs403) {
  EXPECT_EQ(status_of("/escape"), "403");
}

TEST_F(ServeHttp, OtherMethodsAre405) {
  Finished f = curl({"-X", "DELETE", "-i", server_.url("/a.txt")});
  EXPECT_EQ(f.out.substr(0, 33), "HTTP/1.1 405 Method Not Allowed\r\n") << f.out;
  EXPECT_NE(f.out.find("Allow: GET, HEAD\r\n"), std::string::npos) << f.out;
}

TEST_F(ServeHttp, MalformedRequestIs400AndCloses) {
  Finished f =
      run({"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(server_.port()),
           "-quiet", "-ign_eof", "-CAfile", source_path("certs/demo/ca.pem")},
          "NOT A REQUEST\r\n\r\n");
  EXPECT_EQ(f.out.substr(0, 26), "HTTP/1.1 400 Bad Request\r\n") << f.out;
  EXPECT_NE(f.out.find("Connection: close\r\n"), std::string::npos) << f.out;
}

TEST_F(ServeHttp, PipelinedRequestsAreAnsweredInOrder) {
  std::string two = "GET /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n" + http_get("/b.txt");
  Finished f =
      run({"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(server_.port()),
           "-quiet", "-ign_eof", "-CAfile", source_path("certs/demo/ca.pem")},
          two);
  size_t first = f.out.find("\r\n\r\nalpha\n");
  size_t second = f.out.find("\r\n\r\nbravo\n");
  ASSERT_NE(first, std::string::npos) << f.out;
  ASSERT_NE(second, std::string::npos) << f.out;
  EXPECT_LT(first, second);
  EXPECT_TRUE(f.out.ends_with("bravo\n")) << f.out;
}

// Random bytes, so a reordered or dropped record cannot go unnoticed.
std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

TEST_F(ServeHttp, LargeFileArrivesIntact) {
  std::string big = random_bytes(3 * 1024 * 1024 + 17, 1);
  site_.dir.write("big.bin", big);
  TempDir out;
  Finished f = curl({"-o", out.path() + "/big.bin", server_.url("/big.bin")});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_TRUE(read_file(out.path() + "/big.bin") == big);
}

TEST_F(ServeHttp, ServesManyClientsAtOnce) {
  std::string big = random_bytes(1024 * 1024, 2);
  site_.dir.write("big.bin", big);
  TempDir out;
  constexpr int kClients = 8;
  std::vector<std::unique_ptr<Process>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<Process>());
    ASSERT_TRUE(clients.back()->start(
        {"curl", "-sS", "--max-time", "15", "--cacert", source_path("certs/demo/ca.pem"), "-o",
         out.path() + "/" + std::to_string(i), server_.url("/big.bin")}));
  }
  for (int i = 0; i < kClients; ++i) {
    EXPECT_EQ(clients[i]->wait_exit(Millis(20000)), 0) << clients[i]->err();
    EXPECT_TRUE(read_file(out.path() + "/" + std::to_string(i)) == big) << "client " << i;
  }
}

// What serve sends a connection whose handshake it abandons, before keys are set: a
// user_canceled warning and close_notify, in the clear.
const std::string kCanceledInTheClear(
    "\x15\x03\x03\x00\x02\x01\x5a"
    "\x15\x03\x03\x00\x02\x01\x00",
    14);

// A raw TCP connection to the server on 127.0.0.1, closed when the test ends.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  bool connected() const { return connected_; }
  bool send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == ssize_t(bytes.size());
  }
  // Everything the server sends until it closes; nullopt if it is still open at the
  // deadline.
  std::optional<std::string> read_until_closed(Millis timeout) {
    std::string got;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) != 1)
        return std::nullopt;
      char buf[512];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return got;
      got.append(buf, static_cast<size_t>(n));
    }
  }

 private:
  int fd_;
  bool connected_ = false;
};

TEST(ServeTimeout, SilentConnectionIsCanceledAndClosedAfterTheTimeout) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"--handshake-timeout", "1", "-v"}))
      << server.proc().output();
  RawConnection silent(server.port());
  ASSERT_TRUE(silent.connected());
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(silent.read_until_closed(Millis(5000)), kCanceledInTheClear)
      << "server kept the silent connection open";
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  EXPECT_GE(elapsed, Millis(900));
  EXPECT_LT(elapsed, Millis(1000) + allow_for_wrapper(Millis(3000)));
  EXPECT_TRUE(server.proc().wait_for_output("handshake timed out after 1 s", kPeerTimeout, 2));
}

// A client that stops in the middle of its ClientHello holds no more than its socket
// for the timeout, and the server goes on serving everyone else meanwhile and after.
TEST(ServeTimeout, HalfOpenHandshakeIsClosedWhileOthersAreServed) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"--handshake-timeout", "2", "-v"}))
      << server.proc().output();
  RawConnection stalled(server.port());
  ASSERT_TRUE(stalled.connected());
  const auto t0 = std::chrono::steady_clock::now();
  // A handshake record announcing 512 bytes, and the first 10 of them.
  ASSERT_TRUE(
      stalled.send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"
                               "abcd",
                               15)));
  const std::vector<std::string> curl = {
      "curl",         "-sS", "--max-time", "30", "--cacert", source_path("certs/demo/ca.pem"),
      server.url("/")};
  Finished during = run(curl, "", allow_for_wrapper(Millis(20000)));
  ASSERT_EQ(during.status, 0) << during.err;
  EXPECT_EQ(during.out, kIndexHtml);

  EXPECT_EQ(stalled.read_until_closed(allow_for_wrapper(Millis(5000))), kCanceledInTheClear);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, Millis(1900));
  EXPECT_TRUE(server.proc().wait_for_output("handshake timed out after 2 s", kPeerTimeout, 2))
      << server.proc().err();

  Finished after = run(curl, "", allow_for_wrapper(Millis(20000)));
  ASSERT_EQ(after.status, 0) << after.err;
  EXPECT_EQ(after.out, kIndexHtml);
}

// Slowloris: a client that sends part of a request head and then nothing more (or
// a byte now and then) is closed request_timeout after the head's first byte, not
// kept for the 30 s idle timeout that activity would renew.
TEST(ServeTimeout, IncompleteRequestHeadIsClosedAfterTheRequestTimeout) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"--request-timeout", "1", "-v"}))
      << server.proc().output();
  const auto t0 = std::chrono::steady_clock::now();
  Finished f = run({"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(server.port()),
                    "-quiet", "-ign_eof", "-CAfile", source_path("certs/demo/ca.pem")},
                   "GET / HTTP/1.1\r\nHost: local", allow_for_wrapper(Millis(20000)));
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(f.out, "") << "the server answered an incomplete request";
  EXPECT_LT(elapsed, Millis(1000) + allow_for_wrapper(Millis(5000)));
  EXPECT_TRUE(
      server.proc().wait_for_output("request head incomplete after 1 s: closing", kPeerTimeout, 2))
      << server.proc().err();
}

TEST(ServeLifecycle, SigtermStopsTheServerCleanly) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {})) << server.proc().output();
  ASSERT_EQ(::kill(server.proc().pid(), SIGTERM), 0);
  EXPECT_EQ(server.proc().wait_exit(kPeerTimeout), 0);
  EXPECT_NE(server.proc().out().find("meerkat serve: stopped"), std::string::npos);
}

TEST(ServeLifecycle, WithoutCertUsesTheDemoCertificateAndSaysSo) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {})) << server.proc().output();
  EXPECT_NE(server.proc().out().find("using the DEMO certificate"), std::string::npos);
  EXPECT_NE(server.proc().out().find("never for\n  production"), std::string::npos);
}

TEST(ServeLifecycle, PortInUseIsAnError) {
  Site site;
  MeerkatServer first;
  ASSERT_TRUE(first.start(site.dir.path(), {})) << first.proc().output();
  Finished f =
      run({kCli, "serve", "--port", std::to_string(first.port()), "--dir", site.dir.path()});
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "meerkat serve: port " + std::to_string(first.port()) + " is in use\n");
}

}  // namespace
}  // namespace mk::test
