// TCP sockets for the CLI: the server's loopback listener and the client's connect,
// both non-blocking, the connect bounded by a deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace mk::cli {

using Clock = std::chrono::steady_clock;

// A non-blocking listening socket on 127.0.0.1:port (port 0: any free port).
// -1 on failure, with error naming the cause ("port 8443 is in use").
int tcp_listen_loopback(uint16_t port, std::string& error);
// The port a bound socket has (to report the one chosen for port 0).
uint16_t tcp_local_port(int fd);

// Resolve host (DNS name or IP literal) and connect to the first address that
// answers, before deadline. Returns a non-blocking connected socket, or -1 with error
// set to a reason such as "connection refused" or "could not resolve host example.invalid".
int tcp_connect(const std::string& host, uint16_t port, Clock::time_point deadline,
                std::string& error);

// "127.0.0.1:51234" or "[::1]:51234" for a connected socket's peer.
std::string tcp_peer_name(int fd);

// Milliseconds until deadline for poll(): 0 when it has passed, at most cap.
int poll_timeout_ms(Clock::time_point deadline, int cap = 1000);

}  // namespace mk::cli
