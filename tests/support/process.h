// Child processes for tests that talk to real peers (openssl, gnutls, curl, the
// meerkat CLI): spawn with pipes, read output against a deadline, and always stop
// the child by its PID (SIGTERM, then SIGKILL) when the Process goes away. Every
// wait here is bounded, so a silent or stuck peer fails a test instead of hanging it.
//
// Programs built in this tree (the meerkat CLI) run under the command in the
// environment variable MEERKAT_TEST_WRAPPER when it is set, e.g.
// "valgrind --leak-check=full --log-file=/tmp/vg-%p.log": that is how the memcheck
// tests (tests/memcheck/) check the processes the interop tests start.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mk::test {

using Millis = std::chrono::milliseconds;

class Process {
 public:
  Process() = default;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process() { stop(); }

  // Start argv[0] (searched in PATH) with stdin, stdout and stderr on pipes, in cwd
  // when not empty. False (with error()) when it could not be started.
  bool start(const std::vector<std::string>& argv, const std::string& cwd = "");

  pid_t pid() const { return pid_; }
  // Whether the program runs under MEERKAT_TEST_WRAPPER.
  bool wrapped() const { return wrapped_; }
  bool running() const { return pid_ > 0 && !exit_status_; }

  // Write to the child's stdin (blocking, bounded by timeout); close it to send EOF.
  bool write_stdin(std::string_view data, Millis timeout = Millis(2000));
  void close_stdin();

  // Collect output until needle appears in stdout or stderr (where = 0: either,
  // 1: stdout, 2: stderr) or the deadline passes. True when it appeared.
  bool wait_for_output(std::string_view needle, Millis timeout, int where = 0);
  // Collect output until the child exits; its exit code, 128 + signal when killed, or
  // nothing when it is still running at the deadline.
  std::optional<int> wait_exit(Millis timeout);
  // SIGTERM, up to grace for it to exit (more for a wrapped program, which may still
  // be checking for leaks), then SIGKILL; reaps the child.
  void stop(Millis grace = Millis(2000));

  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }
  std::string output() const { return out_ + err_; }
  const std::string& error() const { return error_; }
  // The command line, for failure messages.
  const std::string& command() const { return command_; }

 private:
  // Move what the pipes hold into out_/err_, waiting at most wait for data.
  void pump(Millis wait);
  bool reap(bool block);

  pid_t pid_ = -1;
  bool wrapped_ = false;
  int in_fd_ = -1, out_fd_ = -1, err_fd_ = -1;
  std::optional<int> exit_status_;
  std::string out_, err_, error_, command_;
};

// The words of MEERKAT_TEST_WRAPPER (split on spaces; empty when unset).
std::vector<std::string> test_wrapper();
// A time to wait for one of our programs: multiplied by 10 when they run under the
// wrapper, since valgrind's memcheck runs them 10 to 50 times slower.
Millis allow_for_wrapper(Millis t);

// A TCP port in 20000..32000 that was free for a bind on 127.0.0.1 just now.
uint16_t pick_free_port();

// Whether something accepts TCP connections on 127.0.0.1:port before the deadline.
bool wait_for_port(uint16_t port, Millis timeout);

}  // namespace mk::test
