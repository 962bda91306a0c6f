#include "session.h"

namespace mk::mghost {

Session::Session(const HostConfig& cfg) {
  mg_mgr_init(&mgr);
  configure(&mgr, cfg);
}

Session::~Session() {
  mg_mgr_free(&mgr);
}

void Session::connect() {
  listener = listen_local(&mgr, true, App::handler, &server);
  connect_local(&mgr, listener, true, App::handler, &client);
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
