#include "process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>

extern char** environ;

namespace mk::test {
namespace {

using Clock = std::chrono::steady_clock;

Millis until(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
  return left.count() > 0 ? left : Millis(0);
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// A pipe whose parent end is non-blocking and close-on-exec.
bool make_pipe(int fds[2], int parent_end) {
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  return ::fcntl(fds[parent_end], F_SETFL, O_NONBLOCK) == 0;
}

sockaddr_in loopback(uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

// Whether path names a program built in this tree, the only ones the wrapper
// applies to: the peers (openssl, gnutls, curl) are not ours to check.
bool built_here(const std::string& path) {
  const std::string dir = std::string(MEERKAT_BINARY_DIR) + "/";
  return path.compare(0, dir.size(), dir) == 0;
}

}  // namespace

std::vector<std::string> test_wrapper() {
  std::vector<std::string> words;
  const char* env = std::getenv("MEERKAT_TEST_WRAPPER");
  if (!env) return words;
  std::string_view rest(env);
  while (!rest.empty()) {
    size_t end = rest.find(' ');
    if (end == std::string_view::npos) end = rest.size();
    if (end > 0) words.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end < rest.size() ? end + 1 : end);
  }
  return words;
}

Millis allow_for_wrapper(Millis t) {
  static const bool wrapped = !test_wrapper().empty();
  return wrapped ? 10 * t : t;
}

bool Process::start(const std::vector<std::string>& plain_argv, const std::string& cwd) {
  std::vector<std::string> argv = test_wrapper();
  wrapped_ = !argv.empty() && !plain_argv.empty() && built_here(plain_argv[0]);
  if (!wrapped_) argv.clear();
  argv.insert(argv.end(), plain_argv.begin(), plain_argv.end());
  command_.clear();
  for (const std::string& a : argv) command_ += (command_.empty() ? "" : " ") + a;
  int in[2], out[2], err[2];
  if (!make_pipe(in, 1) || !make_pipe(out, 0) || !make_pipe(err, 0)) {
    error_ = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  // The child starts with default signal handling, whatever the test runner set.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t all;
  sigfillset(&all);
  posix_spawnattr_setsigdefault(&attr, &all);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int rc = posix_spawnp(&pid_, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  in_fd_ = in[1];
  out_fd_ = out[0];
  err_fd_ = err[0];
  if (rc != 0) {
    pid_ = -1;
    error_ = "cannot start " + argv[0] + ": " + std::strerror(rc);
    close_fd(in_fd_);
    close_fd(out_fd_);
    close_fd(err_fd_);
    return false;
  }
  exit_status_.reset();
  return true;
}

bool Process::write_stdin(std::string_view data, Millis timeout) {
  auto deadline = Clock::now() + timeout;
  while (!data.empty()) {
    if (in_fd_ < 0) return false;
    ssize_t n = ::write(in_fd_, data.data(), data.size());
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) return false;
    if (until(deadline).count() == 0) return false;
    pollfd p{in_fd_, POLLOUT, 0};
    ::poll(&p, 1, 50);
    pump(Millis(0));  // keep the child's output pipes drained so it cannot block
  }
  return true;
}

void Process::close_stdin() {
  close_fd(in_fd_);
}

void Process::pump(Millis wait) {
  pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
  if (out_fd_ < 0 && err_fd_ < 0) {
    if (wait.count() > 0) ::poll(nullptr, 0, static_cast<int>(wait.count()));
    return;
  }
  int ready = ::poll(fds, 2, static_cast<int>(wait.count()));
  if (ready <= 0) return;
  char buf[16384];
  int* fd_of[2] = {&out_fd_, &err_fd_};
  std::string* sink[2] = {&out_, &err_};
  for (int i = 0; i < 2; ++i) {
    if (*fd_of[i] < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    for (;;) {
      ssize_t n = ::read(*fd_of[i], buf, sizeof buf);
      if (n > 0) {
        sink[i]->append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n == 0) close_fd(*fd_of[i]);  // the child closed its end
      break;
    }
  }
}

bool Process::wait_for_output(std::string_view needle, Millis timeout, int where) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    bool found = (where != 2 && out_.find(needle) != std::string::npos) ||
                 (where != 1 && err_.find(needle) != std::string::npos);
    if (found) return true;
    Millis left = until(deadline);
    if (left.count() == 0) return false;
    if (out_fd_ < 0 && err_fd_ < 0) return false;  // no more output can come
    pump(std::min(left, Millis(100)));
  }
}

bool Process::reap(bool block) {
  if (pid_ <= 0 || exit_status_) return true;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  if (r != pid_) return false;
  exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

std::optional<int> Process::wait_exit(Millis timeout) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    pump(Millis(0));
    if (reap(false)) {
      // Take what the child wrote before it exited; its pipes may be held open by
      // nobody now, so this ends quickly.
      auto drain_deadline = Clock::now() + Millis(500);
      while ((out_fd_ >= 0 || err_fd_ >= 0) && until(drain_deadline).count() > 0) pump(Millis(50));
      return exit_status_;
    }
    Millis left = until(deadline);
    if (left.count() == 0) return std::nullopt;
    pump(std::min(left, Millis(20)));
  }
}

void Process::stop(Millis grace) {
  if (wrapped_) grace = std::max(grace, Millis(20000));
  if (pid_ > 0 && !exit_status_) {
    ::kill(pid_, SIGTERM);
    if (!wait_exit(grace)) {
      ::kill(pid_, SIGKILL);
      reap(true);
    }
  }
  close_fd(in_fd_);
  close_fd(out_fd_);
  close_fd(err_fd_);
}

uint16_t pick_free_port() {
  static std::mt19937 rng(static_cast<unsigned>(::getpid()) ^
                          static_cast<unsigned>(Clock::now().time_since_epoch().count()));
  std::uniform_int_distribution<int> dist(20000, 31999);
  for (int attempt = 0; attempt < 200; ++attempt) {
    uint16_t port = static_cast<uint16_t>(dist(rng));
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return 0;
    sockaddr_in a = loopback(port);
    bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    if (free) return port;
  }
  return 0;
}

bool wait_for_port(uint16_t port, Millis timeout) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in a = loopback(port);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    if (ok) return true;
    if (until(deadline).count() == 0) return false;
    ::poll(nullptr, 0, 50);
  }
}

}  // namespace mk::test
