#include "serve_process.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

extern char** environ;

namespace mk::load {
namespace {

bool field(std::string_view line, std::string_view name, size_t& out) {
  std::string key = " " + std::string(name) + "=";
  size_t at = line.find(key);
  if (at == std::string_view::npos) return false;
  const char* begin = line.data() + at + key.size();
  const char* end = line.data() + line.size();
  auto [ptr, ec] = std::from_chars(begin, end, out);
  return ec == std::errc() && ptr != begin && (ptr == end || *ptr == ' ');
}

int remaining_ms(Clock::time_point deadline) {
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

}  // namespace

std::optional<ServerStats> parse_stats_line(std::string_view line) {
  constexpr std::string_view kPrefix = "meerkat serve: stats";
  if (!line.starts_with(kPrefix)) return std::nullopt;
  ServerStats s;
  if (!field(line, "connections", s.connections) || !field(line, "heap_in_use", s.heap_in_use) ||
      !field(line, "meerkat_live", s.meerkat_live)) {
    return std::nullopt;
  }
  return s;
}

bool ServeProcess::launch(const std::string& meerkat, const std::vector<std::string>& args,
                          uint16_t port, std::string& error) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    error = "pipe failed";
    return false;
  }
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    error = "pipe failed";
    return false;
  }
  std::vector<std::string> argv_s = {meerkat, "serve", "--port", std::to_string(port)};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    if (std::strncmp(*e, "GLIBC_TUNABLES=", 15) != 0) env_s.emplace_back(*e);
  }
  env_s.emplace_back("GLIBC_TUNABLES=glibc.malloc.tcache_count=0");
  std::vector<char*> envp;
  for (std::string& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err_pipe[1], 2);
  int rc = ::posix_spawn(&pid_, meerkat.c_str(), &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    pid_ = -1;
    error = "cannot start " + meerkat + ": " + std::strerror(rc);
    return false;
  }
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
  ::fcntl(out_fd_, F_SETFL, O_NONBLOCK);
  ::fcntl(err_fd_, F_SETFL, O_NONBLOCK);
  exit_status_.reset();
  out_.clear();
  err_.clear();
  err_scanned_ = 0;
  return true;
}

bool ServeProcess::start(const std::string& meerkat, const std::vector<std::string>& args,
                         Clock::time_point deadline, std::string& error) {
  std::mt19937 rng(static_cast<unsigned>(::getpid()) ^
                   static_cast<unsigned>(Clock::now().time_since_epoch().count()));
  for (int attempt = 0; attempt < 10; ++attempt) {
    uint16_t port = static_cast<uint16_t>(16000 + rng() % 4000);
    if (!launch(meerkat, args, port, error)) return false;
    std::string ready = "https://localhost:" + std::to_string(port) + "/";
    while (Clock::now() < deadline) {
      pump(50);
      if (out_.find(ready) != std::string::npos) {
        port_ = port;
        return true;
      }
      if (!running()) break;
    }
    bool in_use = err_.find("is in use") != std::string::npos;
    stop();
    if (!in_use) {
      error = "meerkat serve did not start: " + err_;
      if (Clock::now() >= deadline) error = "meerkat serve did not start in time: " + err_;
      return false;
    }
  }
  error = "no free port found for meerkat serve";
  return false;
}

void ServeProcess::pump(int wait_ms) {
  pollfd p[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
  if (::poll(p, 2, wait_ms) <= 0) return;
  char buf[4096];
  for (int i = 0; i < 2; ++i) {
    if (p[i].fd < 0) continue;
    for (;;) {
      ssize_t n = ::read(p[i].fd, buf, sizeof buf);
      if (n <= 0) break;
      (i == 0 ? out_ : err_).append(buf, static_cast<size_t>(n));
    }
  }
}

bool ServeProcess::reap(bool block) {
  if (pid_ <= 0 || exit_status_) return true;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  if (r != pid_) return false;
  exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

bool ServeProcess::running() {
  return pid_ > 0 && !reap(false);
}

std::optional<ServerStats> ServeProcess::next_stats_line() {
  size_t nl;
  while ((nl = err_.find('\n', err_scanned_)) != std::string::npos) {
    std::string_view line(err_.data() + err_scanned_, nl - err_scanned_);
    err_scanned_ = nl + 1;
    if (auto s = parse_stats_line(line)) return s;
  }
  return std::nullopt;
}

void ServeProcess::ask_stats() {
  if (running()) ::kill(pid_, SIGUSR1);
}

std::vector<ServerStats> ServeProcess::take_stats() {
  pump(0);
  std::vector<ServerStats> all;
  while (auto s = next_stats_line()) all.push_back(*s);
  return all;
}

std::optional<ServerStats> ServeProcess::stats(Clock::time_point deadline) {
  if (!running()) return std::nullopt;
  take_stats();  // answers to earlier requests are not this one's
  ::kill(pid_, SIGUSR1);
  for (;;) {
    if (auto s = next_stats_line()) return s;
    int wait = remaining_ms(deadline);
    if (wait == 0 || !running()) return std::nullopt;
    pump(std::min(wait, 50));
  }
}

size_t ServeProcess::rss_bytes() const {
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::strtoull(line.c_str() + 6, nullptr, 10) * 1024;
  }
  return 0;
}

int ServeProcess::open_fds() const {
  DIR* d = ::opendir(("/proc/" + std::to_string(pid_) + "/fd").c_str());
  if (!d) return -1;
  int n = 0;
  while (dirent* e = ::readdir(d)) {
    if (e->d_name[0] != '.') ++n;
  }
  ::closedir(d);
  return n;
}

int ServeProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return -1;
  if (!reap(false)) {
    ::kill(pid_, SIGTERM);
    auto until = Clock::now() + grace;
    while (!reap(false) && Clock::now() < until) pump(20);
    if (!reap(false)) {
      ::kill(pid_, SIGKILL);
      reap(true);
    }
  }
  pump(0);
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
  out_fd_ = err_fd_ = -1;
  pid_ = -1;
  return *exit_status_;
}

}  // namespace mk::load
