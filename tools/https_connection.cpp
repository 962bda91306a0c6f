#include "https_connection.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "content_type.h"
#include "failure.h"
#include "http_response.h"
#include "negotiated.h"
#include "site_path.h"

namespace mk::cli {
namespace {

// Plaintext kept waiting for the parser; more than this (a pipelining flood) waits in
// the engine and then in the socket.
constexpr size_t kMaxBufferedRequests = 2 * kMaxRequestHead;
// Bytes one connection may move per loop turn, so one fast download cannot starve
// the others. A turn serves every connection, so this also sets how long a new or
// waiting connection waits for its turn: with 1,000 downloads running, 256 KiB made
// a stray client wait up to 2.3 s to be answered, 64 KiB up to 0.7 s, at the same
// throughput (docs/load.md).
constexpr size_t kTurnBudget = 64 * 1024;
constexpr size_t kFileChunk = 16 * 1024;
// How long a closed connection waits for the client to close its side.
constexpr std::chrono::seconds kDrainTime{2};

}  // namespace

HttpsConnection::HttpsConnection(int fd, mk_conn* conn, const ServeSettings& settings,
                                 Clock::time_point now)
    : tls_(fd, conn),
      settings_(settings),
      peer_(tcp_peer_name(fd)),
      deadline_(now + settings.handshake_timeout) {}

HttpsConnection::~HttpsConnection() {
  if (file_fd_ >= 0) ::close(file_fd_);
}

void HttpsConnection::log(const std::string& line) const {
  if (!settings_.verbose) return;
  std::fprintf(stderr, "%s %s\n", peer_.c_str(), line.c_str());
  std::fflush(stderr);
}

void HttpsConnection::fail(const std::string& why) {
  if (!failed_) log(why);
  failed_ = true;
}

short HttpsConnection::poll_events() const {
  if (draining_) return POLLIN;
  short ev = tls_.poll_events();
  if (peer_closed_ || closing_) ev &= ~POLLIN;
  if (responding_) ev |= POLLOUT;  // the socket may take more of the response now
  return ev;
}

bool HttpsConnection::on_events(short revents, Clock::time_point now) {
  if (draining_) return drain();
  if (revents & (POLLIN | POLLHUP | POLLERR)) {
    if (tls_.receive() == TlsSocket::Io::error && !tls_.failed()) {
      fail(std::string("socket error: ") + std::strerror(tls_.socket_error()));
    }
  }
  bool alive = step(now);
  if (alive && !draining_ && tls_.handshake_done()) {
    deadline_ = now + settings_.idle_timeout;
    if (!responding_ && !requests_.empty()) {
      // Part of a request head: activity does not buy it more than request_timeout.
      if (!request_started_) request_started_ = now;
      deadline_ = std::min(deadline_, *request_started_ + settings_.request_timeout);
    } else {
      request_started_.reset();
    }
  }
  return alive;
}

bool HttpsConnection::step(Clock::time_point now) {
  if (failed_) return false;
  if (tls_.failed()) {
    int err = mk_conn_error(tls_.conn());
    fail(tls_failure_line(err, mk_conn_error_message(tls_.conn()),
                          tls_.handshake_done() ? Phase::transfer : Phase::handshake));
    tls_.flush();  // the alert, if the socket takes it
    return false;
  }
  if (!tls_.handshake_done()) {
    if (tls_.flush() == TlsSocket::Io::error) {
      fail("socket error during handshake");
      return false;
    }
    if (tls_.peer_eof()) {
      log("closed the connection during the handshake");
      return false;
    }
    return true;
  }
  if (!handshake_logged_) {
    handshake_logged_ = true;
    log("handshake: " + summarize_negotiated(tls_.conn()));
  }
  if (!closing_ && !read_requests()) return false;
  if (tls_.flush() == TlsSocket::Io::error) {
    fail("socket error while sending");
    return false;
  }
  if (failed_) return false;
  if (tls_.peer_eof() && !responding_) return false;
  if (closing_ && !tls_.has_output()) start_draining(now);
  return true;
}

void HttpsConnection::start_draining(Clock::time_point now) {
  draining_ = true;
  deadline_ = now + kDrainTime;
  ::shutdown(tls_.fd(), SHUT_WR);
}

bool HttpsConnection::drain() {
  char buf[4096];
  for (int reads = 0; reads < 16; ++reads) {  // a client still sending waits for the next turn
    ssize_t n = ::recv(tls_.fd(), buf, sizeof buf, 0);
    if (n > 0 || (n < 0 && errno == EINTR)) continue;
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);  // EOF or error: done
  }
  return true;
}

bool HttpsConnection::read_requests() {
  for (;;) {
    if (!responding_) {
      if (!peer_closed_ && requests_.size() < kMaxBufferedRequests) {
        int rc = tls_.read_plaintext(requests_, kMaxBufferedRequests);
        if (rc == MK_ERR_CLOSED) {
          peer_closed_ = true;
        } else if (rc != MK_OK) {
          fail(tls_failure_line(rc, mk_conn_error_message(tls_.conn()), Phase::transfer));
          return false;
        }
      }
      HttpRequest req;
      size_t head_len = 0;
      switch (parse_request_head(requests_, req, head_len)) {
        case ParseResult::incomplete:
          if (peer_closed_) begin_close();
          return true;
        case ParseResult::malformed:
          requests_.clear();
          close_after_response_ = true;
          log("malformed request: 400");
          respond_text(400);
          break;
        case ParseResult::complete:
          requests_.erase(0, head_len);
          start_response(req);
          break;
      }
    }
    if (!pump_response()) return !failed_;
    responding_ = false;
    if (close_after_response_) {
      begin_close();
      return true;
    }
  }
}

void HttpsConnection::respond_text(int status, std::string_view extra_headers) {
  std::string body = std::to_string(status) + " " + std::string(reason_phrase(status)) + "\n";
  out_ = format_response_head(status, "text/plain; charset=utf-8", body.size(),
                              !close_after_response_, extra_headers) +
         body;
  out_pos_ = 0;
  responding_ = true;
}

void HttpsConnection::start_response(const HttpRequest& req) {
  // A request body is not for a file server: answer, then close rather than skip it.
  close_after_response_ = !req.keep_alive || req.content_length > 0;
  bool head_only = req.method == "HEAD";
  if (req.method != "GET" && !head_only) {
    log(req.method + " " + req.target + " 405");
    respond_text(405, "Allow: GET, HEAD\r\n");
    return;
  }
  std::string file;
  int status = 200;
  switch (resolve_site_path(settings_.root, req.target, file)) {
    case SiteLookup::found:
      break;
    case SiteLookup::not_found:
      status = 404;
      break;
    case SiteLookup::forbidden:
      status = 403;
      break;
    case SiteLookup::bad_request:
      status = 400;
      close_after_response_ = true;
      break;
  }
  struct stat st;
  int fd = -1;
  if (status == 200) {
    fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      status = errno == EACCES ? 403 : 404;
      if (fd >= 0) ::close(fd);
      fd = -1;
    }
  }
  if (status != 200) {
    log(req.method + " " + req.target + " " + std::to_string(status));
    respond_text(status);
    if (head_only) out_.resize(out_.find("\r\n\r\n") + 4);
    return;
  }
  uint64_t size = static_cast<uint64_t>(st.st_size);
  log(req.method + " " + req.target + " 200 " + std::to_string(size));
  out_ = format_response_head(200, content_type_for(file), size, !close_after_response_);
  out_pos_ = 0;
  responding_ = true;
  if (head_only || size == 0) {
    ::close(fd);
    return;
  }
  file_fd_ = fd;
  file_left_ = size;
}

bool HttpsConnection::pump_response() {
  size_t budget = kTurnBudget;
  bool engine_refused = false;
  while (budget > 0) {
    if (out_pos_ == out_.size() && file_fd_ >= 0) {
      out_.resize(kFileChunk);
      ssize_t n = ::read(file_fd_, out_.data(), kFileChunk);
      if (n <= 0) {
        fail("read error on the served file");
        return false;
      }
      out_.resize(static_cast<size_t>(n));
      out_pos_ = 0;
      file_left_ -= std::min<uint64_t>(file_left_, static_cast<uint64_t>(n));
      if (file_left_ == 0) {
        ::close(file_fd_);
        file_fd_ = -1;
      }
    }
    if (out_pos_ == out_.size()) {
      out_.clear();
      out_pos_ = 0;
      return true;
    }
    size_t n = tls_.write_plaintext(std::string_view(out_).substr(out_pos_));
    if (n == 0) {
      if (tls_.failed()) {
        fail(tls_failure_line(mk_conn_error(tls_.conn()), mk_conn_error_message(tls_.conn()),
                              Phase::transfer));
        return false;
      }
      if (tls_.flush() == TlsSocket::Io::error) {
        fail("socket error while sending");
        return false;
      }
      if (tls_.has_output()) return false;  // wait until the socket takes more
      // The queue is empty now, so the next write must take something.
      if (engine_refused) {
        fail("the TLS engine took no data");
        return false;
      }
      engine_refused = true;
      continue;
    }
    engine_refused = false;
    out_pos_ += n;
    budget -= std::min(budget, n);
  }
  return false;
}

void HttpsConnection::begin_close() {
  if (closing_) return;
  closing_ = true;
  mk_conn_close(tls_.conn());
}

void HttpsConnection::on_timeout() {
  if (draining_) return;
  if (!tls_.handshake_done()) {
    // The engine holds the same deadline (mk_config_set_handshake_timeout), measured
    // from mk_conn_new on the same monotonic clock, so it agrees it has passed.
    if (mk_conn_check_timeout(tls_.conn()) == MK_ERR_HANDSHAKE_TIMEOUT)
      tls_.flush();  // its alerts, if the socket takes them
    log("handshake timed out after " + std::to_string(settings_.handshake_timeout.count()) +
        " s: closing");
    return;
  }
  shut_down();  // close_notify, so the client sees an orderly end, not a cut
  log(request_started_ ? "request head incomplete after " +
                             std::to_string(settings_.request_timeout.count()) + " s: closing"
                       : std::string("idle timeout: closing"));
}

void HttpsConnection::shut_down() {
  if (tls_.handshake_done()) begin_close();
  tls_.flush();
}

}  // namespace mk::cli
