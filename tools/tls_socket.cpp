#include "tls_socket.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace mk::cli {
namespace {

// Ciphertext held for the engine before the socket stops being read: bounds memory
// when the application does not drain plaintext.
constexpr size_t kMaxBufferedInput = 64 * 1024;

}  // namespace

TlsSocket::~TlsSocket() {
  mk_conn_free(conn_);
  if (fd_ >= 0) ::close(fd_);
}

short TlsSocket::poll_events() const {
  short ev = 0;
  if (!peer_eof_ && in_.size() < kMaxBufferedInput) ev |= POLLIN;
  if (has_output()) ev |= POLLOUT;
  return ev;
}

bool TlsSocket::has_output() const {
  return mk_conn_state(conn_) & MK_STATE_HAS_OUTPUT;
}

void TlsSocket::feed() {
  while (!in_.empty()) {
    size_t used = 0;
    int rc = mk_conn_feed(conn_, reinterpret_cast<const uint8_t*>(in_.data()), in_.size(), &used);
    in_.erase(0, used);
    if (rc != MK_OK || used == 0) break;
  }
}

TlsSocket::Io TlsSocket::receive() {
  char buf[16384];
  while (!peer_eof_ && in_.size() < kMaxBufferedInput) {
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
      in_.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n == 0) {
      peer_eof_ = true;
      break;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) break;
    socket_error_ = errno;
    return Io::error;
  }
  feed();
  if (failed()) return Io::error;
  return peer_eof_ ? Io::eof : Io::ok;
}

TlsSocket::Io TlsSocket::flush() {
  for (;;) {
    const uint8_t* data = nullptr;
    size_t n = mk_conn_output(conn_, &data);
    if (n == 0) return Io::ok;
    ssize_t sent = ::send(fd_, data, n, MSG_NOSIGNAL);
    if (sent > 0) {
      mk_conn_output_ack(conn_, static_cast<size_t>(sent));
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Io::ok;
    socket_error_ = sent < 0 ? errno : EPIPE;
    return Io::error;
  }
}

int TlsSocket::read_plaintext(std::string& out, size_t max) {
  char buf[16384];
  size_t taken = 0;
  for (;;) {
    size_t got = 0;
    int rc = mk_conn_read(conn_, reinterpret_cast<uint8_t*>(buf), sizeof buf, &got);
    out.append(buf, got);
    taken += got;
    if (rc == MK_ERR_WANT_MORE || (rc == MK_OK && got == 0)) {
      // Reading made room: the engine may take ciphertext it refused before.
      size_t before = in_.size();
      feed();
      if (in_.size() == before || taken >= max) return MK_OK;
      continue;
    }
    if (rc != MK_OK) return rc;
    if (taken >= max) return MK_OK;
  }
}

size_t TlsSocket::write_plaintext(std::string_view data) {
  if (data.empty()) return 0;
  size_t used = 0;
  int rc = mk_conn_write(conn_, reinterpret_cast<const uint8_t*>(data.data()), data.size(), &used);
  if (rc != MK_OK && rc != MK_ERR_BUFFER_FULL) return 0;
  return used;
}

}  // namespace mk::cli
