// The test host: an event loop that calls the nine mg_tls_* functions the way
// Mongoose does, over real sockets, so that Meerkat's backend is tested without
// Mongoose's sources. Two modes, after Mongoose's two network layers:
//   Stack::sockets  sock.c's loop: one read per readable pass into c->rtls (capped at
//                   16 KB + 40), one mg_tls_recv per pass, mg_tls_send only when the
//                   socket is writable, mg_tls_flush after the handshake only, the
//                   EOF close rule, draining closes right after flush;
//   Stack::builtin  net_builtin.c's loop: ciphertext arrives per MSS-sized segment
//                   and each segment triggers the handshake or a receive,
//                   mg_tls_recv(c, NULL, 0) until c->recv is sized from
//                   mg_tls_pending, mg_io_send sends one segment within a window,
//                   mg_tls_flush every poll including during the handshake.
// Faults make the network awkward per connection: capped or refused sends, slow
// reads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "mongoose.h"

namespace mk::mghost {

enum class Stack { sockets, builtin };

struct HostConfig {
  Stack stack = Stack::sockets;
  size_t io_size = MG_IO_SIZE;  // c->recv grows in these steps (socket path)
  size_t mss = 1460;            // built-in stack: largest segment
  size_t window = 8 * 1460;     // built-in stack: bytes mg_io_send may send per poll
  bool resolve_async = true;    // mg_connect: the socket exists only from the next poll
};

struct Faults {
  size_t send_max = 0;           // mg_io_send sends at most this many bytes per call (0: any)
  unsigned send_wait_every = 0;  // every Nth mg_io_send returns MG_IO_WAIT, sending nothing
  size_t read_max = 0;           // at most this many bytes read from the socket per pass
  int socket_buffer = 0;         // SO_SNDBUF and SO_RCVBUF of the socket, when > 0
};

struct ConnStats {
  size_t io_send_calls = 0;
  size_t io_send_bytes = 0;
  size_t io_send_waits = 0;
  size_t tls_recv_calls = 0;
  size_t tls_recv_null_calls = 0;  // built-in stack: called with no buffer
  size_t tls_send_calls = 0;
  size_t flush_calls_during_handshake = 0;
  size_t handshake_calls = 0;
};

struct MgrStats {
  size_t io_send_without_socket = 0;  // mg_io_send on a connection with no open socket
  size_t connections_freed = 0;
};

// The manager's mode; call right after mg_mgr_init.
void configure(mg_mgr* mgr, const HostConfig& cfg);
const HostConfig& config(mg_mgr* mgr);
MgrStats& stats(mg_mgr* mgr);

Faults& faults(mg_connection* c);
ConnStats& stats(mg_connection* c);
int socket_of(const mg_connection* c);  // -1 when none

// Connections over socketpair(), with no port: a listener that accepts the server
// ends, and clients whose socket is the other end (resolve_async holds it back one
// poll, as DNS would). `faults` of the listener are copied to what it accepts.
mg_connection* listen_local(mg_mgr* mgr, bool tls, mg_event_handler_t fn, void* fn_data);
mg_connection* connect_local(mg_mgr* mgr, mg_connection* listener, bool tls, mg_event_handler_t fn,
                             void* fn_data);
// A connection around an already connected socket (for example one end of a pair
// the test drives itself), as an accepted (server) or connected (client) end.
mg_connection* adopt(mg_mgr* mgr, int fd, bool client, bool tls, mg_event_handler_t fn,
                     void* fn_data);

// Poll until done() or the timeout; true when done() became true.
bool poll_until(mg_mgr* mgr, const std::function<bool()>& done,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

}  // namespace mk::mghost
