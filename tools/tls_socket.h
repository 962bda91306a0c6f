// One non-blocking TCP socket carrying one TLS connection: moves ciphertext between
// the socket and the sans-IO engine (mk_conn), and plaintext between the engine and
// the caller. The server's poll loop and the client use the same pump.
#pragma once

#include <poll.h>

#include <string>
#include <string_view>

#include "meerkat/meerkat.h"

namespace mk::cli {

class TlsSocket {
 public:
  // Takes ownership of both: the socket is closed and the connection freed on destruction.
  TlsSocket(int fd, mk_conn* conn) : fd_(fd), conn_(conn) {}
  ~TlsSocket();
  TlsSocket(const TlsSocket&) = delete;
  TlsSocket& operator=(const TlsSocket&) = delete;

  int fd() const { return fd_; }
  mk_conn* conn() const { return conn_; }

  // The poll() events to wait for: input while the peer can still send and there is
  // room to take it, output while ciphertext is queued.
  short poll_events() const;

  enum class Io { ok, eof, error };
  // Read what the socket holds and feed it to the engine. eof: the peer closed its
  // side; error: the socket failed (errno in socket_error()) or the engine failed
  // (mk_conn_error()).
  Io receive();
  // Send queued ciphertext until the socket would block. Partial sends keep the rest.
  Io flush();
  bool has_output() const;

  // Decrypted application data, appended to out. MK_OK (maybe with nothing new),
  // MK_ERR_CLOSED after the peer's close_notify, or the connection's error.
  int read_plaintext(std::string& out, size_t max = 65536);
  // Seal what fits of data into records; the count taken (0 when the output queue
  // is full: flush first).
  size_t write_plaintext(std::string_view data);

  bool handshake_done() const { return mk_conn_state(conn_) & MK_STATE_HANDSHAKE_DONE; }
  bool failed() const { return mk_conn_error(conn_) != MK_OK; }
  bool peer_eof() const { return peer_eof_; }
  int socket_error() const { return socket_error_; }

 private:
  // Give buffered ciphertext to the engine; keeps what it could not take yet.
  void feed();

  int fd_;
  mk_conn* conn_;
  std::string in_;  // ciphertext received but not yet taken by the engine
  bool peer_eof_ = false;
  int socket_error_ = 0;
};

}  // namespace mk::cli
