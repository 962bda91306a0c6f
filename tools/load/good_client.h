// A well-behaved client of the load test: connects, completes a TLS handshake with
// one profile, sends keep-alive GETs one after another and checks every response
// byte for byte (status, Content-Length, body), then closes with close_notify.
// Driven by the load test's poll loop; never blocks.
#pragma once

#include <poll.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http_response.h"
#include "serve_process.h"
#include "site_files.h"
#include "tls_profiles.h"
#include "tls_socket.h"

namespace mk::load {

class GoodClient {
 public:
  enum class State {
    connecting,
    handshaking,
    requesting,
    at_barrier,  // first response checked; waiting until every client is here
    closing,     // close_notify sent; waiting for the server's
    done,
    failed,
  };

  // id picks the files requested; requests >= 1. With barrier, the client stops
  // after its first response until release() (so that all are open at once).
  GoodClient(int id, const mk_config* config, const TlsProfile& profile, const SiteDir& site,
             int requests, bool barrier);

  // Start connecting to 127.0.0.1:port.
  void start(uint16_t port, Clock::time_point now);
  int fd() const { return fd_; }
  short poll_events() const;
  void on_events(short revents, Clock::time_point now);
  // Leave the barrier and send the next request.
  void release(Clock::time_point now);

  State state() const { return state_; }
  bool finished() const { return state_ == State::done || state_ == State::failed; }
  // The handshake has started but not completed (for limiting handshakes in flight).
  bool handshaking() const { return state_ == State::connecting || state_ == State::handshaking; }
  const std::string& failure() const { return failure_; }
  const TlsProfile& profile() const { return profile_; }
  int requests_done() const { return requests_done_; }
  uint64_t body_bytes() const { return body_bytes_; }
  bool handshake_completed() const { return handshake_done_at_ != Clock::time_point{}; }
  Clock::time_point handshake_done_at() const { return handshake_done_at_; }

 private:
  void fail(std::string why);
  void advance(Clock::time_point now);
  void on_handshake_done(Clock::time_point now);
  void send_request();
  // Take plaintext and check it against the expected response.
  void read_response(Clock::time_point now);
  bool check_body(std::string_view chunk);
  void on_response_checked(Clock::time_point now);
  void finish_closing();
  void close_socket();

  int id_;
  const mk_config* config_;
  const TlsProfile& profile_;
  const SiteDir& site_;
  int requests_;
  bool barrier_;
  int fd_ = -1;
  std::unique_ptr<cli::TlsSocket> tls_;
  State state_ = State::connecting;
  std::string failure_;
  int requests_done_ = 0;
  const SiteFile* expected_ = nullptr;  // the file the current request asks for
  cli::ResponseParser response_;
  size_t body_received_ = 0;
  std::string plaintext_;
  std::string body_;
  uint64_t body_bytes_ = 0;
  Clock::time_point handshake_done_at_{};
};

}  // namespace mk::load
