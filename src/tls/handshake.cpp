#include "tls/handshake.h"

#include "tls/client_handshake.h"
#include "tls/server_handshake.h"

namespace mk::tls {

Handshake* Handshake::create(const Connection& c) {
  const Config& cfg = c.config();
  if (cfg.is_server()) return new ServerHandshake(cfg);
  return new ClientHandshake(cfg);
}

}  // namespace mk::tls
