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

std::optional<std::string> echo_with_faults(Session& s, const std::string& body, const Faults& f) {
  s.server.tls = server_options();
  serve_http(s.server);
  s.client.tls = client_options();
  s.client.send_at_start = http_request("POST", "/echo", body, false);
  s.client.hook = [f](mg_connection* c, int ev, void*) {
    if (ev == MG_EV_OPEN) faults(c) = f;
  };
  s.connect();
  faults(s.listener) = f;
  s.run_until(
      [&] {
        return http_response_body(s.client.received) || s.client.failed() || s.server.failed();
      },
      std::chrono::milliseconds(60000));
  return http_response_body(s.client.received);
}

}  // namespace mk::mghost
