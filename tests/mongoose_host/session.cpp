#include "session.h"

namespace mk::mghost {

Session::Session(const HostConfig& cfg) {
  mg_mgr_init(&mgr);
  configure(&mgr, cfg);
}

Session::~Session() {
  mg_mgr_free(&mgr);
}

void Session::listen() {
  listener = listen_local(&mgr, true, App::handler, &server);
}

void Session::connect() {
  listen();
  connect_local(&mgr, listener, true, App::handler, &client);
}

App& Session::add_client(const TlsOptions& tls) {
  App& app = more_clients.emplace_back();
  app.tls = tls;
  connect_local(&mgr, listener, true, App::handler, &app);
  return app;
}

bool Session::run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  return poll_until(&mgr, done, timeout);
}

bool Session::handshake() {
  run_until([&] {
    return (server.handshake_done() && client.handshake_done()) || server.failed() ||
           client.failed() || server.closed() || client.closed();
  });
  return server.handshake_done() && client.handshake_done() && !server.failed() && !client.failed();
}

}  // namespace mk::mghost
