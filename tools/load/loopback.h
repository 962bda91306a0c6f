// Client sockets for the load test: non-blocking connects to 127.0.0.1.
#pragma once

#include <cstdint>
#include <string>

namespace mk::load {

// Start a non-blocking connect to 127.0.0.1:port (TCP_NODELAY set). The socket, or
// -1 with error set.
int start_connect(uint16_t port, std::string& error);

// After poll() reported the connecting socket writable: 0 when connected, else the
// errno the connect failed with.
int connect_result(int fd);

// Close so that the peer gets a reset rather than an orderly end (SO_LINGER 0).
void close_with_reset(int fd);

// "connection refused" style text for an errno.
std::string errno_text(int err);

}  // namespace mk::load
