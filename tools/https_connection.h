// One client connection of the file server: TLS handshake, then HTTP/1.1 requests
// served one after another (keep-alive, pipelining), responses streamed from disk
// as the socket takes them. Driven by the server's poll loop; never blocks.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "http_request.h"
#include "tcp.h"
#include "tls_socket.h"

namespace mk::cli {

struct ServeSettings {
  std::string root;  // the served directory, absolute, symlinks resolved
  bool verbose = false;
  std::chrono::seconds handshake_timeout{10};
  std::chrono::seconds idle_timeout{30};  // between requests, or while a send is stalled
  // From a request's first byte to the end of its head: a client trickling a byte
  // now and then (slowloris) cannot hold a connection longer than this per request.
  std::chrono::seconds request_timeout{30};
};

class HttpsConnection {
 public:
  // Takes ownership of the accepted socket and the connection made for it.
  HttpsConnection(int fd, mk_conn* conn, const ServeSettings& settings, Clock::time_point now);
  ~HttpsConnection();
  HttpsConnection(const HttpsConnection&) = delete;
  HttpsConnection& operator=(const HttpsConnection&) = delete;

  int fd() const { return tls_.fd(); }
  short poll_events() const;
  // Act on poll()'s result for this socket. False when the connection is over.
  bool on_events(short revents, Clock::time_point now);
  Clock::time_point deadline() const { return deadline_; }
  // The deadline passed: log why the connection is being dropped; a handshake that
  // is past the engine's deadline gets its user_canceled alert and close_notify.
  void on_timeout();
  // Server shutdown: queue close_notify and send what the socket takes now.
  void shut_down();

 private:
  bool step(Clock::time_point now);
  bool read_requests();
  void start_response(const HttpRequest& req);
  void respond_text(int status, std::string_view extra_headers = {});
  // Move response bytes into the engine. True when the response has been handed over
  // completely; false when it must wait for the socket (or failed_ is set).
  bool pump_response();
  void begin_close();
  // After our last byte: stop sending and read until the client closes, so that unread
  // input does not make the kernel reset the connection before the client has read
  // the response.
  void start_draining(Clock::time_point now);
  bool drain();
  void fail(const std::string& why);
  void log(const std::string& line) const;

  TlsSocket tls_;
  const ServeSettings& settings_;
  std::string peer_;
  Clock::time_point deadline_;
  // When the first byte of the request head now arriving came; unset between requests.
  std::optional<Clock::time_point> request_started_;
  bool handshake_logged_ = false;
  std::string requests_;  // plaintext received, not yet parsed
  bool responding_ = false;
  std::string out_;  // response bytes not yet given to the engine
  size_t out_pos_ = 0;
  int file_fd_ = -1;
  uint64_t file_left_ = 0;
  bool close_after_response_ = false;
  bool peer_closed_ = false;  // close_notify received
  bool closing_ = false;      // our close_notify queued
  bool draining_ = false;     // everything sent; waiting for the client to close
  bool failed_ = false;
};

}  // namespace mk::cli
