// The test process harness: output with deadlines, exit codes, stop by PID, ports.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

#include "process.h"

namespace mk::test {
namespace {

// MEERKAT_TEST_WRAPPER set for one test, then removed.
class WrapperSet {
 public:
  explicit WrapperSet(const char* words) { ::setenv("MEERKAT_TEST_WRAPPER", words, 1); }
  ~WrapperSet() { ::unsetenv("MEERKAT_TEST_WRAPPER"); }
};

TEST(SupportProcess, AProgramOfTheBuildTreeRunsUnderTheWrapper) {
  WrapperSet wrapper("env  MEERKAT_WRAPPED=yes");
  EXPECT_EQ(test_wrapper(), (std::vector<std::string>{"env", "MEERKAT_WRAPPED=yes"}));
  Process p;
  const std::string cli = std::string(MEERKAT_BINARY_DIR) + "/meerkat";
  ASSERT_TRUE(p.start({cli, "--version"}));
  EXPECT_TRUE(p.wrapped());
  EXPECT_EQ(p.command(), "env MEERKAT_WRAPPED=yes " + cli + " --version");
  EXPECT_EQ(p.wait_exit(Millis(5000)), 0) << p.err();
}

TEST(SupportProcess, OtherProgramsDoNotRunUnderTheWrapper) {
  WrapperSet wrapper("env MEERKAT_WRAPPED=yes");
  Process p;
  ASSERT_TRUE(p.start({"sh", "-c", "echo ${MEERKAT_WRAPPED:-plain}"}));
  EXPECT_FALSE(p.wrapped());
  EXPECT_EQ(p.wait_exit(Millis(5000)), 0);
  EXPECT_EQ(p.out(), "plain\n");
}

TEST(SupportProcess, WaitsForALineOnStdout) {
  Process p;
  ASSERT_TRUE(p.start({"sh", "-c", "echo starting; echo ready at 1234; sleep 30"}));
  EXPECT_TRUE(p.wait_for_output("ready at 1234", Millis(5000), 1));
  EXPECT_EQ(p.out(), "starting\nready at 1234\n");
}

TEST(SupportProcess, SeparatesStderrFromStdout) {
  Process p;
  ASSERT_TRUE(p.start({"sh", "-c", "echo out; echo err >&2"}));
  EXPECT_EQ(p.wait_exit(Millis(5000)), 0);
  EXPECT_EQ(p.out(), "out\n");
  EXPECT_EQ(p.err(), "err\n");
}

TEST(SupportProcess, ReportsTheExitCode) {
  Process p;
  ASSERT_TRUE(p.start({"sh", "-c", "exit 3"}));
  EXPECT_EQ(p.wait_exit(Millis(5000)), 3);
}

TEST(SupportProcess, WaitForOutputGivesUpAtTheDeadline) {
  Process p;
  ASSERT_TRUE(p.start({"sleep", "30"}));
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(p.wait_for_output("never", Millis(300)));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, Millis(2000));
  EXPECT_FALSE(p.wait_exit(Millis(100)).has_value());
}

TEST(SupportProcess, StdinReachesTheChild) {
  Process p;
  ASSERT_TRUE(p.start({"cat"}));
  ASSERT_TRUE(p.write_stdin("hello\n"));
  p.close_stdin();
  EXPECT_EQ(p.wait_exit(Millis(5000)), 0);
  EXPECT_EQ(p.out(), "hello\n");
}

TEST(SupportProcess, StopKillsAChildThatIgnoresSigterm) {
  Process p;
  ASSERT_TRUE(p.start({"sh", "-c", "trap '' TERM; echo armed; while :; do sleep 1; done"}));
  ASSERT_TRUE(p.wait_for_output("armed", Millis(5000)));
  pid_t pid = p.pid();
  p.stop(Millis(200));
  EXPECT_EQ(::kill(pid, 0), -1);  // reaped: the PID no longer exists
  EXPECT_EQ(errno, ESRCH);
}

TEST(SupportProcess, DestructorStopsTheChild) {
  pid_t pid = 0;
  {
    Process p;
    ASSERT_TRUE(p.start({"sleep", "30"}));
    pid = p.pid();
  }
  EXPECT_EQ(::kill(pid, 0), -1);
  EXPECT_EQ(errno, ESRCH);
}

TEST(SupportProcess, MissingProgramFailsToStartOrExits127) {
  Process p;
  if (p.start({"/nonexistent/program"})) {
    EXPECT_EQ(p.wait_exit(Millis(5000)), 127);
  } else {
    EXPECT_NE(p.error().find("/nonexistent/program"), std::string::npos);
  }
}

TEST(SupportProcess, PicksABindablePortInRange) {
  uint16_t port = pick_free_port();
  EXPECT_GE(port, 20000);
  EXPECT_LT(port, 32000);
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ::close(fd);
}

TEST(SupportProcess, WaitForPortSeesAListener) {
  uint16_t port = pick_free_port();
  EXPECT_FALSE(wait_for_port(port, Millis(100)));
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  EXPECT_TRUE(wait_for_port(port, Millis(1000)));
  ::close(fd);
}

}  // namespace
}  // namespace mk::test
