// The usual shape of a backend test: one manager, a server App behind a local
// listener and a client App connected to it over a socket pair.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "app.h"
#include "host.h"

namespace mk::mghost {

class Session {
 public:
  explicit Session(const HostConfig& cfg = {});
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Listen (server App) and connect (client App); nothing moves until polled.
  void connect();
  // One more client App connected to the listener (listen() or connect() first). The
  // Session owns it, so it outlives the connection.
  App& add_client(const TlsOptions& tls);
  // Listen only, for tests that connect clients with add_client().
  void listen();
  bool run_until(const std::function<bool()>& done,
                 std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
  // Poll until both sides finished the handshake, or either failed or closed.
  bool handshake();
  // The server's accepted connection (null until accepted, and after it closed).
  mg_connection* server_conn() const { return server.conn; }
  mg_connection* client_conn() const { return client.conn; }

  mg_mgr mgr;
  App server, client;
  std::deque<App> more_clients;
  mg_connection* listener = nullptr;
};

// POST `body` to /echo, both sides under the network faults `f`, with the test PKI;
// the echoed body, or nullopt when the exchange did not finish.
std::optional<std::string> echo_with_faults(Session& s, const std::string& body, const Faults& f);

}  // namespace mk::mghost
