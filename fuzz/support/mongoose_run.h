// One Mongoose connection with Meerkat as its TLS backend, in the test host
// (tests/mongoose_host), facing a socket that the caller writes to: what the fuzz
// target and the seed generator share.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "app.h"
#include "host.h"

namespace mk::fuzz {

class MongooseRun {
 public:
  // options bit 0: the backend is the client (1: it sends its ClientHello first and
  // trusts the ECDSA P-256 root, name "localhost") or the server (0: the ECDSA P-256
  // chain, answering HTTP requests); bit 1: Mongoose's built-in TCP/IP stack (1) or
  // its socket stack (0).
  explicit MongooseRun(uint8_t options);
  ~MongooseRun();
  MongooseRun(const MongooseRun&) = delete;
  MongooseRun& operator=(const MongooseRun&) = delete;

  bool backend_is_client() const { return client_; }
  // Write bytes into the backend's socket and let the host run until it is idle.
  void deliver(std::span<const uint8_t> bytes);
  // Let the host run a few passes without new input.
  void settle();
  // Everything the backend has sent since the last call.
  std::string take_sent();
  bool closed() const { return app_.closed(); }
  bool handshake_done() const { return app_.handshake_done(); }

 private:
  mg_mgr mgr_{};
  mghost::App app_;
  int peer_fd_ = -1;
  bool client_ = false;
};

}  // namespace mk::fuzz
