// A backend server in the host facing a RawPeer client that the test steers byte
// by byte: for checks on exactly what arrives in one segment.
#pragma once

#include <memory>
#include <string>

#include "app.h"
#include "host.h"
#include "raw_peer.h"

namespace mk::mghost {

class RawClientSession {
 public:
  explicit RawClientSession(const HostConfig& cfg = {}, const std::string& pki = "ecdsa-p256");
  ~RawClientSession();
  RawClientSession(const RawClientSession&) = delete;
  RawClientSession& operator=(const RawClientSession&) = delete;

  // Run the handshake until the raw client has finished it. Its last flight
  // (Finished) is sent only when send_finished; otherwise it stays queued.
  bool client_handshake(bool send_finished);
  // Poll the host, feeding the raw client whatever the server sends.
  bool run_until(const std::function<bool()>& done,
                 std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

  mg_mgr mgr;
  App server;
  std::unique_ptr<RawPeer> peer;
};

}  // namespace mk::mghost
