#include "raw_session.h"

#include <sys/socket.h>

namespace mk::mghost {

RawClientSession::RawClientSession(const HostConfig& cfg, const std::string& pki) {
  mg_mgr_init(&mgr);
  configure(&mgr, cfg);
  int sv[2] = {-1, -1};
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return;
  server.tls = server_options(pki);
  adopt(&mgr, sv[1], false, true, App::handler, &server);
  peer = std::make_unique<RawPeer>(MK_ROLE_CLIENT, sv[0]);
  const std::string ca = cert_file(pki + "/ca.pem");
  mk_config_add_ca(peer->config(), reinterpret_cast<const uint8_t*>(ca.data()), ca.size());
}

RawClientSession::~RawClientSession() {
  peer.reset();
  mg_mgr_free(&mgr);
}

bool RawClientSession::run_until(const std::function<bool()>& done,
                                 std::chrono::milliseconds timeout) {
  return poll_until(
             &mgr, [&] { return !peer->receive() || done(); }, timeout) &&
         done();
}

bool RawClientSession::client_handshake(bool send_finished) {
  if (!peer || !peer->start("localhost") || !peer->send_output()) return false;
  if (!run_until([&] { return peer->handshake_done(); })) return false;
  return !send_finished || peer->send_output();
}

}  // namespace mk::mghost
