#include "tcp.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mk::cli {
namespace {

// strerror() starts with a capital ("Connection refused"); the CLI's one-line
// errors read better in lower case.
std::string lower_first(const char* s) {
  std::string t = s;
  if (!t.empty() && t[0] >= 'A' && t[0] <= 'Z') t[0] = static_cast<char>(t[0] - 'A' + 'a');
  return t;
}

// Connect one address; the socket, or -1 with err set to errno (ETIMEDOUT at the deadline).
int connect_one(const addrinfo* ai, Clock::time_point deadline, int& err) {
  int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
  if (fd < 0) {
    err = errno;
    return -1;
  }
  if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 && errno != EINPROGRESS) {
    err = errno;
    ::close(fd);
    return -1;
  }
  for (;;) {
    pollfd p{fd, POLLOUT, 0};
    int timeout = poll_timeout_ms(deadline);
    int r = ::poll(&p, 1, timeout);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0 && timeout == 0) {
      err = ETIMEDOUT;
      ::close(fd);
      return -1;
    }
    if (r > 0) break;
  }
  socklen_t len = sizeof err;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
  if (err != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

}  // namespace

int poll_timeout_ms(Clock::time_point deadline, int cap) {
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > cap ? cap : static_cast<int>(left);
}

int tcp_listen_loopback(uint16_t port, std::string& error) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    error = "socket: " + lower_first(std::strerror(errno));
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    error = errno == EADDRINUSE ? "port " + std::to_string(port) + " is in use"
                                : "bind to 127.0.0.1:" + std::to_string(port) + ": " +
                                      lower_first(std::strerror(errno));
    ::close(fd);
    return -1;
  }
  // The longest queue the kernel allows (net.core.somaxconn caps it): a burst of
  // connections beyond the queue has its SYNs dropped, and those clients wait a
  // second or more to retry while the server is idle.
  if (::listen(fd, SOMAXCONN) != 0) {
    error = "listen: " + lower_first(std::strerror(errno));
    ::close(fd);
    return -1;
  }
  return fd;
}

uint16_t tcp_local_port(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return 0;
  if (ss.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
  if (ss.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port);
  return 0;
}

int tcp_connect(const std::string& host, uint16_t port, Clock::time_point deadline,
                std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_ADDRCONFIG;
  addrinfo* list = nullptr;
  std::string service = std::to_string(port);
  int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &list);
  if (rc != 0 && (hints.ai_flags & AI_ADDRCONFIG)) {
    // Loopback-only machines report no configured address family; retry without.
    hints.ai_flags = 0;
    rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &list);
  }
  if (rc != 0) {
    error = "could not resolve host " + host + ": " + lower_first(::gai_strerror(rc));
    return -1;
  }
  int err = ETIMEDOUT;
  int fd = -1;
  for (const addrinfo* ai = list; ai && fd < 0; ai = ai->ai_next) {
    fd = connect_one(ai, deadline, err);
    if (err == ETIMEDOUT) break;
  }
  ::freeaddrinfo(list);
  if (fd < 0) {
    error = err == ETIMEDOUT ? "timed out" : lower_first(std::strerror(err));
    return -1;
  }
  return fd;
}

std::string tcp_peer_name(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return "?";
  char host[INET6_ADDRSTRLEN] = {};
  if (ss.ss_family == AF_INET) {
    auto* a = reinterpret_cast<sockaddr_in*>(&ss);
    ::inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
    return std::string(host) + ":" + std::to_string(ntohs(a->sin_port));
  }
  auto* a = reinterpret_cast<sockaddr_in6*>(&ss);
  ::inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
  return "[" + std::string(host) + "]:" + std::to_string(ntohs(a->sin6_port));
}

}  // namespace mk::cli
