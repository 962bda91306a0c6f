#include "raw_peer.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <utility>

namespace mk::mghost {

RawPeer::RawPeer(mk_role role, int fd) : cfg_(mk_config_new(role)), fd_(fd) {
  fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL, 0) | O_NONBLOCK);
}

RawPeer::~RawPeer() {
  mk_conn_free(conn_);
  mk_config_free(cfg_);
  close_socket();
}

bool RawPeer::start(std::string_view server_name) {
  conn_ = mk_conn_new(cfg_);
  if (conn_ == nullptr || mk_conn_error(conn_) != MK_OK) return false;
  if (!server_name.empty() &&
      mk_conn_set_server_name(conn_, server_name.data(), server_name.size()) != MK_OK)
    return false;
  return mk_conn_start(conn_) == MK_OK;
}

bool RawPeer::receive() {
  uint8_t buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd_, buf, sizeof(buf), MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    if (n <= 0) return false;
    size_t off = 0;
    while (off < static_cast<size_t>(n)) {
      size_t used = 0;
      if (mk_conn_feed(conn_, buf + off, static_cast<size_t>(n) - off, &used) != MK_OK)
        return false;
      off += used;
      if (used == 0) {
        // The engine holds one record's plaintext at a time: move it aside to go on.
        // Nothing to move means the peer closed: what follows is ignored.
        std::string more = drain();
        if (more.empty()) return true;
        plaintext_ += more;
      }
    }
  }
}

bool RawPeer::send_output() {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  for (;;) {
    const uint8_t* data = nullptr;
    const size_t n = mk_conn_output(conn_, &data);
    if (n == 0) return true;
    const ssize_t sent = ::send(fd_, data, n, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent > 0) {
      mk_conn_output_ack(conn_, static_cast<size_t>(sent));
      continue;
    }
    if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
    if (std::chrono::steady_clock::now() > deadline) return false;
    pollfd p{fd_, POLLOUT, 0};
    (void)::poll(&p, 1, 10);
  }
}

std::string RawPeer::take_output() {
  const uint8_t* data = nullptr;
  const size_t n = mk_conn_output(conn_, &data);
  std::string out(reinterpret_cast<const char*>(data), n);
  mk_conn_output_ack(conn_, n);
  return out;
}

std::string RawPeer::seal(std::string_view plaintext) {
  size_t used = 0;
  if (mk_conn_write(conn_, reinterpret_cast<const uint8_t*>(plaintext.data()), plaintext.size(),
                    &used) != MK_OK ||
      used != plaintext.size())
    return {};
  return take_output();
}

bool RawPeer::send_raw(std::string_view bytes) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent > 0) {
      bytes.remove_prefix(static_cast<size_t>(sent));
      continue;
    }
    if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
    if (std::chrono::steady_clock::now() > deadline) return false;
    pollfd p{fd_, POLLOUT, 0};
    (void)::poll(&p, 1, 10);
  }
  return true;
}

std::string RawPeer::read_all() {
  std::string out = std::move(plaintext_);
  plaintext_.clear();
  return out + drain();
}

std::string RawPeer::drain() {
  std::string out;
  uint8_t buf[4096];
  for (;;) {
    size_t got = 0;
    if (mk_conn_read(conn_, buf, sizeof(buf), &got) != MK_OK || got == 0) return out;
    out.append(reinterpret_cast<const char*>(buf), got);
  }
}

bool RawPeer::handshake_done() const {
  return conn_ != nullptr && (mk_conn_state(conn_) & MK_STATE_HANDSHAKE_DONE) != 0;
}

void RawPeer::close_socket() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace mk::mghost
