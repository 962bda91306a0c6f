#include "abusive_client.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>

#include "http_response.h"
#include "loopback.h"

namespace mk::load {
namespace {

constexpr AbuseSpec kKinds[] = {
    {AbuseKind::half_open, "half_open", "closed by the server at the handshake timeout (+2 s)"},
    {AbuseKind::slowloris_hello, "slowloris_hello",
     "closed by the server at the handshake timeout (+2 s)"},
    {AbuseKind::slowloris_request, "slowloris_request",
     "answered correctly, or closed by the server"},
    {AbuseKind::garbage_random, "garbage_random", "closed by the server before the timeout"},
    {AbuseKind::garbage_http, "garbage_http", "closed by the server before the timeout"},
    {AbuseKind::close_after_hello, "close_after_hello", "client closes after its ClientHello"},
    {AbuseKind::close_mid_handshake, "close_mid_handshake",
     "client resets when the server's flight arrives"},
    {AbuseKind::close_mid_request, "close_mid_request", "client closes after half a request"},
    {AbuseKind::close_mid_response, "close_mid_response",
     "client resets after >= 64 KiB of a 1 MiB response"},
};

// Bytes of a ClientHello a half-open client sends: the record header and part of
// the message, so the server waits for the rest.
constexpr size_t kHalfOpenBytes = 60;
constexpr size_t kGarbageBytes = 1024;
constexpr size_t kMidResponseBytes = 64 * 1024;
constexpr char kSmallRequest[] = "GET /small.bin HTTP/1.1\r\nHost: localhost\r\n\r\n";
constexpr char kLargeRequest[] = "GET /large.bin HTTP/1.1\r\nHost: localhost\r\n\r\n";

bool uses_tls(AbuseKind k) {
  return k == AbuseKind::slowloris_request || k == AbuseKind::close_mid_request ||
         k == AbuseKind::close_mid_response;
}

std::string client_hello(const mk_config* cfg) {
  mk_conn* c = mk_conn_new(cfg);
  if (!c) return {};
  mk_conn_set_server_name(c, "localhost", 9);
  mk_conn_start(c);
  const uint8_t* p = nullptr;
  size_t n = mk_conn_output(c, &p);
  std::string hello(reinterpret_cast<const char*>(p), n);
  mk_conn_free(c);
  return hello;
}

}  // namespace

std::span<const AbuseSpec> abuse_kinds() {
  return kKinds;
}

AbusiveClient::AbusiveClient(const AbuseSpec& spec, const mk_config* client_config,
                             const AbuseTiming& timing, unsigned seed)
    : spec_(spec), client_config_(client_config), timing_(timing), seed_(seed) {}

AbusiveClient::~AbusiveClient() {
  tls_.reset();
  if (fd_ >= 0 && !uses_tls(spec_.kind)) ::close(fd_);
}

std::string AbusiveClient::since(Clock::time_point now) const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", std::chrono::duration<double>(now - started_).count());
  return buf;
}

void AbusiveClient::start(uint16_t port, Clock::time_point now) {
  started_ = now;
  // Long enough for the server's handshake timeout and the slowest script.
  limit_ = now + timing_.handshake_timeout + timing_.close_slack +
           timing_.trickle_interval * (sizeof kSmallRequest) + std::chrono::seconds(2);
  next_timer_ = limit_;
  std::string error;
  fd_ = start_connect(port, error);
  if (fd_ < 0) {
    finish(false, error, now);
    return;
  }
  switch (spec_.kind) {
    case AbuseKind::half_open:
      script_ = client_hello(client_config_).substr(0, kHalfOpenBytes);
      break;
    case AbuseKind::slowloris_hello:
    case AbuseKind::close_after_hello:
    case AbuseKind::close_mid_handshake:
      script_ = client_hello(client_config_);
      break;
    case AbuseKind::garbage_random: {
      std::mt19937 rng(seed_);
      script_.resize(kGarbageBytes);
      for (char& c : script_) c = static_cast<char>(rng() & 0xff);
      script_[0] = 0;  // never a TLS content type, so the first record is refused at once
      break;
    }
    case AbuseKind::garbage_http:
      script_ = kSmallRequest;
      break;
    case AbuseKind::slowloris_request:
      script_ = kSmallRequest;
      break;
    case AbuseKind::close_mid_request:
      script_ = std::string(kLargeRequest).substr(0, sizeof kLargeRequest / 2);
      break;
    case AbuseKind::close_mid_response:
      script_ = kLargeRequest;
      break;
  }
  if (uses_tls(spec_.kind)) {
    mk_conn* conn = mk_conn_new(client_config_);
    tls_ = std::make_unique<cli::TlsSocket>(fd_, conn);
    if (!conn || mk_conn_set_server_name(conn, "localhost", 9) != MK_OK ||
        mk_conn_start(conn) != MK_OK) {
      finish(false, "cannot start a handshake", now);
    }
  }
}

void AbusiveClient::finish(bool as_expected, std::string outcome, Clock::time_point now) {
  if (finished_) return;
  finished_ = true;
  as_expected_ = as_expected;
  outcome_ = std::move(outcome);
  seconds_ = std::chrono::duration<double>(now - started_).count();
  next_timer_ = Clock::time_point::max();
  if (tls_) {
    tls_.reset();  // closes the socket
  } else if (fd_ >= 0) {
    ::close(fd_);
  }
  fd_ = -1;
}

short AbusiveClient::poll_events() const {
  if (finished_) return 0;
  if (!connected_) return POLLOUT;
  if (tls_) return tls_->poll_events() | POLLIN;
  return POLLIN;
}

void AbusiveClient::send_raw(std::string_view bytes, Clock::time_point now) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // The server closed first; what it did is read from the socket next.
      if (n < 0 && errno != EAGAIN) server_closed("closed by the server after " + since(now), now);
      return;
    }
    sent_ += static_cast<size_t>(n);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void AbusiveClient::on_events(short revents, Clock::time_point now) {
  if (finished_) return;
  if (!connected_) {
    int err = connect_result(fd_);
    if (err != 0) {
      finish(false, "connect: " + errno_text(err), now);
      return;
    }
    connected_ = true;
    if (tls_) {
      advance_tls(now);
      return;
    }
    switch (spec_.kind) {
      case AbuseKind::slowloris_hello:
        send_raw(std::string_view(script_).substr(0, 1), now);
        next_timer_ = std::min(limit_, now + timing_.trickle_interval);
        return;
      case AbuseKind::close_after_hello:
        send_raw(script_, now);
        finish(true, "closed by the client after its ClientHello", now);
        return;
      default:
        send_raw(script_, now);
        return;
    }
  }
  if (tls_) {
    on_tls_events(revents, now);
  } else {
    on_raw_events(revents, now);
  }
}

void AbusiveClient::server_closed(std::string outcome, Clock::time_point now) {
  auto elapsed = now - started_;
  bool in_time = true;
  switch (spec_.kind) {
    case AbuseKind::half_open:
    case AbuseKind::slowloris_hello:
      in_time = elapsed <= timing_.handshake_timeout + timing_.close_slack;
      break;
    case AbuseKind::garbage_random:
    case AbuseKind::garbage_http:
      in_time = elapsed < timing_.handshake_timeout;  // refused, not timed out
      break;
    case AbuseKind::close_mid_handshake:
      in_time = false;  // the server was to send its flight first
      break;
    default:
      break;
  }
  finish(in_time, std::move(outcome), now);
}

void AbusiveClient::on_raw_events(short revents, Clock::time_point now) {
  if (!(revents & (POLLIN | POLLHUP | POLLERR))) return;
  char buf[16384];
  for (;;) {
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
      if (received_ == 0) first_byte_alert_ = buf[0] == 0x15;
      received_ += static_cast<size_t>(n);
      if (spec_.kind == AbuseKind::close_mid_handshake) {
        close_with_reset(fd_);
        fd_ = -1;
        finish(true,
               "reset by the client after " + std::to_string(received_) +
                   " bytes of the server's flight",
               now);
        return;
      }
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    std::string how = n == 0 ? "closed" : "reset (" + errno_text(errno) + ")";
    std::string detail;
    if (spec_.kind == AbuseKind::slowloris_hello) {
      detail = ", " + std::to_string(sent_) + " of " + std::to_string(script_.size()) +
               " ClientHello bytes sent";
    } else if (received_ > 0) {
      detail = first_byte_alert_ ? ", after an alert"
                                 : ", after " + std::to_string(received_) + " bytes";
    }
    server_closed(how + " by the server after " + since(now) + detail, now);
    return;
  }
}

void AbusiveClient::on_tls_events(short revents, Clock::time_point now) {
  if (revents & (POLLIN | POLLHUP | POLLERR)) {
    if (tls_->receive() == cli::TlsSocket::Io::error && !tls_->failed()) {
      finish(spec_.kind == AbuseKind::slowloris_request,
             "socket error after " + since(now) + ": " + errno_text(tls_->socket_error()), now);
      return;
    }
  }
  advance_tls(now);
}

void AbusiveClient::advance_tls(Clock::time_point now) {
  if (tls_->failed()) {
    finish(false, std::string("TLS error: ") + mk_conn_error_message(tls_->conn()), now);
    return;
  }
  tls_->flush();
  if (!tls_->handshake_done()) {
    if (tls_->peer_eof()) finish(false, "the server closed during the handshake", now);
    return;
  }
  switch (spec_.kind) {
    case AbuseKind::slowloris_request: {
      if (sent_ == 0) {
        sent_ = tls_->write_plaintext(std::string_view(script_).substr(0, 1));
        next_timer_ = std::min(limit_, now + timing_.trickle_interval);
      }
      int rc = tls_->read_plaintext(plaintext_, 1 << 16);
      cli::ResponseParser response;
      std::string body;
      if (!plaintext_.empty() &&
          response.feed(plaintext_, body) == cli::ResponseParser::Status::done) {
        bool ok = response.status() == 200 && body.size() == 100;
        finish(ok,
               "answered (" + std::to_string(response.status()) + ", " +
                   std::to_string(body.size()) + " body bytes) after " + since(now),
               now);
      } else if (rc != MK_OK || tls_->peer_eof()) {
        finish(true, "closed by the server after " + since(now), now);
      }
      break;
    }
    case AbuseKind::close_mid_request:
      tls_->write_plaintext(script_);
      tls_->flush();
      finish(true, "closed by the client after half a request", now);
      break;
    case AbuseKind::close_mid_response: {
      if (sent_ == 0) sent_ = tls_->write_plaintext(script_);
      tls_->flush();
      tls_->read_plaintext(plaintext_, 1 << 20);
      if (plaintext_.size() >= kMidResponseBytes) {
        size_t got = plaintext_.size();
        int fd = tls_->fd();
        linger l{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        finish(true,
               "reset by the client after " + std::to_string(got / 1024) + " KiB of the response",
               now);
      } else if (tls_->peer_eof()) {
        finish(false, "the server closed before 64 KiB of the response", now);
      }
      break;
    }
    default:
      break;
  }
}

void AbusiveClient::on_time(Clock::time_point now) {
  if (finished_ || now < next_timer_) return;
  if (now >= limit_) {
    finish(false, "still open after " + since(now), now);
    return;
  }
  next_timer_ = std::min(limit_, now + timing_.trickle_interval);
  if (spec_.kind == AbuseKind::slowloris_hello && sent_ < script_.size()) {
    send_raw(std::string_view(script_).substr(sent_, 1), now);
  } else if (spec_.kind == AbuseKind::slowloris_request && tls_ && sent_ < script_.size()) {
    sent_ += tls_->write_plaintext(std::string_view(script_).substr(sent_, 1));
    tls_->flush();
    // A busy load client trickles slower than planned: the answer is due after the
    // last byte, however late that is.
    limit_ = std::max(limit_, now + timing_.close_slack + std::chrono::seconds(2));
  } else {
    next_timer_ = limit_;
  }
}

}  // namespace mk::load
