#include "mongoose_run.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "deterministic.h"
#include "meerkat_mongoose.h"

namespace mk::fuzz {

MongooseRun::MongooseRun(uint8_t options) : client_(options & 1) {
  mg_tls_meerkat_set_clock(fuzz_time, nullptr);
  mg_mgr_init(&mgr_);
  mghost::HostConfig cfg;
  cfg.stack = options & 2 ? mghost::Stack::builtin : mghost::Stack::sockets;
  mghost::configure(&mgr_, cfg);
  int sv[2] = {-1, -1};
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return;
  peer_fd_ = sv[0];
  ::fcntl(peer_fd_, F_SETFL, ::fcntl(peer_fd_, F_GETFL) | O_NONBLOCK);
  if (client_) {
    app_.tls = mghost::client_options();
    app_.send_at_start = mghost::http_request("GET", "/a.txt", "", false);
  } else {
    app_.tls = mghost::server_options();
    mghost::serve_http(app_);
  }
  mghost::adopt(&mgr_, sv[1], client_, true, mghost::App::handler, &app_);
  settle();
}

MongooseRun::~MongooseRun() {
  if (peer_fd_ >= 0) {
    ::close(peer_fd_);
    settle();
  }
  mg_mgr_free(&mgr_);
}

void MongooseRun::settle() {
  // A pass handles at most one read per connection; a few passes let a flight, its
  // answer and the follow-up HTTP exchange all happen.
  for (int pass = 0; pass < 4; ++pass) mg_mgr_poll(&mgr_, 0);
}

void MongooseRun::deliver(std::span<const uint8_t> bytes) {
  size_t off = 0;
  while (off < bytes.size() && peer_fd_ >= 0) {
    const ssize_t n = ::send(peer_fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) {
      // The socket buffer is full (or the backend closed): let the host read.
      if (app_.closed()) return;
      settle();
      take_sent();
      continue;
    }
    off += static_cast<size_t>(n);
    settle();
  }
  settle();
}

std::string MongooseRun::take_sent() {
  std::string out;
  char buf[16384];
  for (;;) {
    const ssize_t n = ::recv(peer_fd_, buf, sizeof buf, MSG_DONTWAIT);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace mk::fuzz
