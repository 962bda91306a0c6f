// A TLS peer driven directly through Meerkat's C API over one end of a socket
// pair, for tests that need exact control of the wire: which bytes travel in one
// send(), where records end, when the peer stops. Everything is non-blocking so it
// can be interleaved with the host's poll loop in one thread.
#pragma once

#include <string>
#include <string_view>

#include "meerkat/meerkat.h"

namespace mk::mghost {

class RawPeer {
 public:
  // Takes ownership of fd. The config is ready for settings until start().
  RawPeer(mk_role role, int fd);
  ~RawPeer();
  RawPeer(const RawPeer&) = delete;
  RawPeer& operator=(const RawPeer&) = delete;

  mk_config* config() { return cfg_; }
  mk_conn* conn() { return conn_; }
  int fd() const { return fd_; }

  // Create the connection (with server name for a client) and start it.
  bool start(std::string_view server_name = "");
  // Read what the socket holds and feed it to the engine. False on EOF or error.
  bool receive();
  // Send all queued ciphertext (waits for the socket, at most a second).
  bool send_output();
  // Take the queued ciphertext without sending it, to send it together with more.
  std::string take_output();
  // Seal plaintext into records (one per call) and return them, unsent.
  std::string seal(std::string_view plaintext);
  // Send raw bytes in one send() where the socket allows it.
  bool send_raw(std::string_view bytes);
  // Plaintext the engine has decrypted so far.
  std::string read_all();
  bool handshake_done() const;
  void close_socket();

 private:
  std::string drain();

  mk_config* cfg_ = nullptr;
  mk_conn* conn_ = nullptr;
  int fd_ = -1;
  std::string plaintext_;  // decrypted while feeding, not yet taken by read_all()
};

}  // namespace mk::mghost
