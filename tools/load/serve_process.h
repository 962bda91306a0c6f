// `meerkat serve` as the load test's child process: started on a free port below
// 32768, asked for its figures (SIGUSR1 -> one "stats" line on its stderr), looked at
// through /proc (RSS, open descriptors), and always stopped by its PID.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mk::load {

using Clock = std::chrono::steady_clock;

// What serve prints on SIGUSR1.
struct ServerStats {
  size_t connections = 0;
  size_t heap_in_use = 0;   // malloc's bytes in use (the sanitizer's under ASan)
  size_t meerkat_live = 0;  // bytes live through Meerkat's allocation hook
};

// "meerkat serve: stats connections=3 heap_in_use=81234 meerkat_live=3626".
std::optional<ServerStats> parse_stats_line(std::string_view line);

class ServeProcess {
 public:
  ServeProcess() = default;
  ~ServeProcess() { stop(); }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Run `meerkat serve --port P <args>` for a free port P in [16000, 20000), with
  // glibc's per-thread cache off (GLIBC_TUNABLES) so that malloc's bytes in use count
  // only live blocks. Waits until it prints its URL. False with error on failure.
  bool start(const std::string& meerkat, const std::vector<std::string>& args,
             Clock::time_point deadline, std::string& error);

  pid_t pid() const { return pid_; }
  uint16_t port() const { return port_; }
  bool running();

  // Send SIGUSR1 and wait for the answer line.
  std::optional<ServerStats> stats(Clock::time_point deadline);
  // The same without waiting: ask, then collect answers whenever serve's stderr
  // (err_fd()) is readable, so a busy server never holds up the caller's loop.
  void ask_stats();
  int err_fd() const { return err_fd_; }
  // Answers that arrived since the last call, in order.
  std::vector<ServerStats> take_stats();
  // VmRSS from /proc/PID/status, in bytes (0 when unreadable).
  size_t rss_bytes() const;
  // Entries in /proc/PID/fd (-1 when unreadable).
  int open_fds() const;

  // SIGTERM, up to grace for it to exit, then SIGKILL. The exit code, 128 + signal
  // when killed by one, -1 when it was not running.
  int stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));

  // Everything it wrote (for a failure report).
  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }

 private:
  bool launch(const std::string& meerkat, const std::vector<std::string>& args, uint16_t port,
              std::string& error);
  // Move what the pipes hold into out_/err_, waiting at most wait_ms for data.
  void pump(int wait_ms);
  bool reap(bool block);

  pid_t pid_ = -1;
  int out_fd_ = -1, err_fd_ = -1;
  std::optional<int> exit_status_;
  uint16_t port_ = 0;
  std::string out_, err_;
  size_t err_scanned_ = 0;  // stats lines before this were already taken
  // The next complete stats line after err_scanned_, if any.
  std::optional<ServerStats> next_stats_line();
};

}  // namespace mk::load
