#include "good_client.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "loopback.h"

namespace mk::load {

GoodClient::GoodClient(int id, const mk_config* config, const TlsProfile& profile,
                       const SiteDir& site, int requests, bool barrier)
    : id_(id),
      config_(config),
      profile_(profile),
      site_(site),
      requests_(requests),
      barrier_(barrier) {}

void GoodClient::start(uint16_t port, Clock::time_point) {
  std::string error;
  int fd = start_connect(port, error);
  if (fd < 0) {
    fail(error);
    return;
  }
  mk_conn* conn = mk_conn_new(config_);
  if (!conn) {
    ::close(fd);
    fail("out of memory");
    return;
  }
  // TlsSocket owns both from here: the socket is closed and the connection freed with it.
  tls_ = std::make_unique<cli::TlsSocket>(fd, conn);
  fd_ = fd;
  if (mk_conn_set_server_name(conn, "localhost", 9) != MK_OK || mk_conn_start(conn) != MK_OK) {
    fail(std::string("cannot start the handshake: ") + mk_conn_error_message(conn));
  }
}

void GoodClient::close_socket() {
  tls_.reset();
  fd_ = -1;
}

void GoodClient::fail(std::string why) {
  if (finished()) return;
  failure_ = std::move(why);
  state_ = State::failed;
  close_socket();
}

short GoodClient::poll_events() const {
  switch (state_) {
    case State::connecting:
      return POLLOUT;
    case State::done:
    case State::failed:
      return 0;
    case State::at_barrier:
      return POLLIN;  // nothing should come; an end of file is a failure
    default:
      return tls_->poll_events();
  }
}

void GoodClient::on_events(short revents, Clock::time_point now) {
  if (state_ == State::connecting) {
    int err = connect_result(fd_);
    if (err != 0) {
      fail("connect: " + errno_text(err));
      return;
    }
    state_ = State::handshaking;
    advance(now);
    return;
  }
  if (revents & (POLLIN | POLLHUP | POLLERR)) {
    if (tls_->receive() == cli::TlsSocket::Io::error && !tls_->failed()) {
      fail("socket error: " + errno_text(tls_->socket_error()));
      return;
    }
  }
  if (state_ == State::at_barrier) {
    fail(tls_->peer_eof() ? "the server closed the connection while it waited at the barrier"
                          : "unexpected data while waiting at the barrier");
    return;
  }
  advance(now);
}

void GoodClient::advance(Clock::time_point now) {
  if (finished()) return;
  mk_conn* conn = tls_->conn();
  if (tls_->failed()) {
    fail(std::string(tls_->handshake_done() ? "TLS error: " : "handshake failed: ") +
         mk_conn_error_message(conn));
    return;
  }
  if (tls_->flush() == cli::TlsSocket::Io::error) {
    fail("send failed: " + errno_text(tls_->socket_error()));
    return;
  }
  if (state_ == State::handshaking) {
    if (!tls_->handshake_done()) {
      if (tls_->peer_eof()) fail("the server closed the connection during the handshake");
      return;
    }
    on_handshake_done(now);
    if (finished()) return;
  }
  if (state_ == State::requesting) read_response(now);
  if (state_ == State::closing) finish_closing();
  if (!finished() && tls_->flush() == cli::TlsSocket::Io::error) {
    fail("send failed: " + errno_text(tls_->socket_error()));
  }
}

void GoodClient::on_handshake_done(Clock::time_point now) {
  handshake_done_at_ = now;
  mk_conn* conn = tls_->conn();
  if (mk_conn_version(conn) != profile_.version || mk_conn_cipher_suite(conn) != profile_.suite ||
      mk_conn_group(conn) != profile_.group) {
    fail(std::string("negotiated ") + mk_cipher_suite_name(mk_conn_cipher_suite(conn)) + " " +
         mk_group_name(mk_conn_group(conn)) + ", not " + profile_.name);
    return;
  }
  send_request();
}

void GoodClient::send_request() {
  const auto& files = site_.files();
  expected_ = &files[static_cast<size_t>(id_ + requests_done_) % files.size()];
  response_ = cli::ResponseParser();
  body_received_ = 0;
  std::string request = "GET " + expected_->name + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  // A request is far smaller than what the engine queues, so it is taken whole.
  if (tls_->write_plaintext(request) != request.size()) {
    fail("the TLS engine did not take the request");
    return;
  }
  state_ = State::requesting;
}

bool GoodClient::check_body(std::string_view chunk) {
  const std::string& want = expected_->contents;
  if (body_received_ + chunk.size() > want.size()) return false;
  if (std::memcmp(want.data() + body_received_, chunk.data(), chunk.size()) != 0) {
    // Point the failure at the first wrong byte.
    while (chunk.front() == want[body_received_]) {
      chunk.remove_prefix(1);
      ++body_received_;
    }
    return false;
  }
  body_received_ += chunk.size();
  body_bytes_ += chunk.size();
  return true;
}

void GoodClient::read_response(Clock::time_point now) {
  plaintext_.clear();
  int rc = tls_->read_plaintext(plaintext_, 1 << 20);
  if (!plaintext_.empty()) {
    body_.clear();
    cli::ResponseParser::Status s = response_.feed(plaintext_, body_);
    if (s == cli::ResponseParser::Status::malformed) {
      fail("malformed response to GET " + expected_->name + ": " + response_.error());
      return;
    }
    if (!check_body(body_)) {
      fail("wrong body for " + expected_->name + " at byte " + std::to_string(body_received_) +
           " (expected " + std::to_string(expected_->contents.size()) + " bytes)");
      return;
    }
    if (s == cli::ResponseParser::Status::done) {
      std::string length(response_.header("Content-Length"));
      if (response_.status() != 200) {
        fail("GET " + expected_->name + ": status " + std::to_string(response_.status()));
      } else if (length != std::to_string(expected_->contents.size())) {
        fail("GET " + expected_->name + ": Content-Length " + length + ", expected " +
             std::to_string(expected_->contents.size()));
      } else if (body_received_ != expected_->contents.size()) {
        fail("GET " + expected_->name + ": body of " + std::to_string(body_received_) +
             " bytes, expected " + std::to_string(expected_->contents.size()));
      } else {
        on_response_checked(now);
      }
      return;
    }
  }
  if (rc == MK_ERR_CLOSED) {
    fail("the server sent close_notify in the middle of a response");
  } else if (rc != MK_OK) {
    fail(std::string("TLS error: ") + mk_conn_error_message(tls_->conn()));
  } else if (tls_->peer_eof()) {
    fail("the server closed the connection in the middle of a response");
  }
}

void GoodClient::on_response_checked(Clock::time_point) {
  ++requests_done_;
  if (requests_done_ == requests_) {
    mk_conn_close(tls_->conn());
    state_ = State::closing;
    return;
  }
  if (barrier_ && requests_done_ == 1) {
    state_ = State::at_barrier;
    return;
  }
  send_request();
}

void GoodClient::release(Clock::time_point now) {
  if (state_ != State::at_barrier) return;
  send_request();
  advance(now);
}

void GoodClient::finish_closing() {
  plaintext_.clear();
  int rc = tls_->read_plaintext(plaintext_, 1 << 16);
  if (!plaintext_.empty()) {
    fail("data after the last response");
    return;
  }
  // The server's close_notify, or its end of file after ours: the connection ended
  // in order. Anything else is an error.
  if (rc == MK_ERR_CLOSED || (rc == MK_OK && tls_->peer_eof())) {
    state_ = State::done;
    close_socket();
  } else if (rc != MK_OK) {
    fail(std::string("TLS error while closing: ") + mk_conn_error_message(tls_->conn()));
  }
}

}  // namespace mk::load
