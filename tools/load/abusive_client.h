// Clients that misbehave on purpose, in the same run as the good ones: each kind
// tries one way of tying up or confusing the server, and records what the server
// did about it. The server must keep serving the good clients meanwhile.
#pragma once

#include <poll.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "serve_process.h"
#include "tls_socket.h"

namespace mk::load {

enum class AbuseKind {
  half_open,            // part of a ClientHello, then silence
  slowloris_hello,      // a whole ClientHello, one byte per trickle interval
  slowloris_request,    // a valid handshake, then a GET one byte per interval
  garbage_random,       // random bytes instead of TLS
  garbage_http,         // a plaintext HTTP request on the TLS port
  close_after_hello,    // a ClientHello, then close at once
  close_mid_handshake,  // close (with a reset) once the server's flight arrives
  close_mid_request,    // a valid handshake, half a request, then close
  close_mid_response,   // ask for the large file, read a little, then reset
};

struct AbuseSpec {
  AbuseKind kind;
  const char* name;      // "half_open"
  const char* expected;  // what the server should do, for the report
};

std::span<const AbuseSpec> abuse_kinds();

struct AbuseTiming {
  std::chrono::milliseconds trickle_interval{100};
  // serve's --handshake-timeout.
  std::chrono::seconds handshake_timeout{5};
  // How long past the handshake timeout the server may take to close a stalled
  // handshake: its poll loop wakes at the deadline, but one turn over a thousand
  // busy connections, and ours to notice, take a while on a loaded machine.
  std::chrono::seconds close_slack{2};
};

class AbusiveClient {
 public:
  // client_config: a client config whose ClientHello the kinds that need one send.
  AbusiveClient(const AbuseSpec& spec, const mk_config* client_config, const AbuseTiming& timing,
                unsigned seed);
  ~AbusiveClient();
  AbusiveClient(const AbusiveClient&) = delete;
  AbusiveClient& operator=(const AbusiveClient&) = delete;

  void start(uint16_t port, Clock::time_point now);
  int fd() const { return fd_; }
  short poll_events() const;
  void on_events(short revents, Clock::time_point now);
  // Trickle timers and this client's own time limit.
  void on_time(Clock::time_point now);
  Clock::time_point next_timer() const { return next_timer_; }

  const AbuseSpec& spec() const { return spec_; }
  bool finished() const { return finished_; }
  // The server did what was expected (or the client did what it set out to do).
  bool as_expected() const { return as_expected_; }
  // "closed by the server after 5.0 s, 87 of 517 bytes sent"
  const std::string& outcome() const { return outcome_; }
  double seconds() const { return seconds_; }

 private:
  void finish(bool as_expected, std::string outcome, Clock::time_point now);
  // The server closed the connection: as expected when it did so in time for the kind.
  void server_closed(std::string outcome, Clock::time_point now);
  // Raw socket kinds: send what the script says now.
  void send_raw(std::string_view bytes, Clock::time_point now);
  void on_raw_events(short revents, Clock::time_point now);
  void on_tls_events(short revents, Clock::time_point now);
  void advance_tls(Clock::time_point now);
  std::string since(Clock::time_point now) const;

  const AbuseSpec& spec_;
  const mk_config* client_config_;
  AbuseTiming timing_;
  unsigned seed_;
  int fd_ = -1;
  std::unique_ptr<cli::TlsSocket> tls_;  // kinds that complete a handshake
  bool connected_ = false;
  std::string script_;  // raw kinds: bytes to send; TLS kinds: the plaintext request
  size_t sent_ = 0;
  size_t received_ = 0;
  bool first_byte_alert_ = false;  // the server's first byte was a TLS alert record
  std::string plaintext_;
  Clock::time_point started_{}, limit_{}, next_timer_{Clock::time_point::max()};
  bool finished_ = false;
  bool as_expected_ = false;
  std::string outcome_;
  double seconds_ = 0;
};

}  // namespace mk::load
