// `meerkat serve` under many connections: how many it holds at once, and what it
// reports about itself on SIGUSR1 (the figures tools/load checks).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

#include "interop.h"

namespace mk::test {
namespace {

struct Stats {
  size_t connections = 0, heap_in_use = 0, meerkat_live = 0;
};

// Ask for the stats line until it shows `connections` open (bounded), and parse it.
bool stats_when(MeerkatServer& server, size_t connections, Stats& out) {
  std::string needle = "meerkat serve: stats connections=" + std::to_string(connections) + " ";
  auto deadline = std::chrono::steady_clock::now() + kPeerTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    size_t seen = server.proc().err().size();
    if (::kill(server.proc().pid(), SIGUSR1) != 0) return false;
    // Collect what serve writes for a while (the text waited for never comes).
    server.proc().wait_for_output("\x01", Millis(200), 2);
    size_t at = server.proc().err().rfind(needle);
    if (at == std::string::npos || at < seen) continue;
    const char* p = server.proc().err().c_str() + at + needle.size() - 1;
    out.connections = connections;
    return std::sscanf(p, " heap_in_use=%zu meerkat_live=%zu", &out.heap_in_use,
                       &out.meerkat_live) == 2;
  }
  return false;
}

int connect_silent(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

struct Sockets {
  std::vector<int> fds;
  ~Sockets() {
    for (int fd : fds) ::close(fd);
  }
};

Finished curl_get(const MeerkatServer& server, const std::string& path) {
  return run({"curl", "-sS", "--max-time", "8", "--cacert", source_path("certs/demo/ca.pem"),
              server.url(path)});
}

TEST(ServeStats, SigusrOneReportsTheOpenConnectionsAndKeepsServing) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {})) << server.proc().output();
  Sockets open;
  open.fds = {connect_silent(server.port()), connect_silent(server.port())};
  ASSERT_GE(open.fds[0], 0);
  ASSERT_GE(open.fds[1], 0);
  Stats s;
  ASSERT_TRUE(stats_when(server, 2, s)) << server.proc().err();
  EXPECT_GT(s.heap_in_use, s.meerkat_live);  // the process's heap holds Meerkat's
  EXPECT_GT(s.meerkat_live, 0u);             // at least the config's key and chain
  EXPECT_TRUE(server.proc().running());
  Finished f = curl_get(server, "/");
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out, kIndexHtml);
}

TEST(ServeStats, MeerkatLiveBytesReturnToTheirLevelAfterAConnection) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {})) << server.proc().output();
  ASSERT_EQ(curl_get(server, "/").status, 0);  // warm-up: what lives for the process
  Stats before, after;
  ASSERT_TRUE(stats_when(server, 0, before)) << server.proc().err();
  Finished f = curl_get(server, "/");
  ASSERT_EQ(f.status, 0) << f.err;
  ASSERT_TRUE(stats_when(server, 0, after)) << server.proc().err();
  EXPECT_EQ(after.meerkat_live, before.meerkat_live);
}

// The limit used to be a fixed 1,000: the next client waited in the kernel's queue
// until a held connection went away. Now it follows RLIMIT_NOFILE.
TEST(ServeCapacity, HoldsMoreThanAThousandConnectionsAndStillServes) {
  constexpr size_t kHeld = 1100;
  rlimit lim{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &lim), 0);
  rlim_t wanted = 2 * kHeld + 64;  // ours, and serve's (it inherits the soft limit)
  if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < wanted) {
    GTEST_SKIP() << "RLIMIT_NOFILE hard limit " << lim.rlim_max << " is below " << wanted;
  }
  rlimit saved = lim;
  lim.rlim_cur = std::max<rlim_t>(lim.rlim_cur, wanted);
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lim), 0);

  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"--handshake-timeout", "60"}))
      << server.proc().output();
  Sockets held;
  for (size_t i = 0; i < kHeld; ++i) {
    int fd = connect_silent(server.port());
    ASSERT_GE(fd, 0) << "connect " << i;
    held.fds.push_back(fd);
  }
  Stats s;
  EXPECT_TRUE(stats_when(server, kHeld, s)) << server.proc().err().substr(0, 2000);
  Finished f = curl_get(server, "/");
  EXPECT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out, kIndexHtml);
  ::setrlimit(RLIMIT_NOFILE, &saved);
}

}  // namespace
}  // namespace mk::test
