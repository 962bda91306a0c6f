// A handshake in progress, client or server. It exists from mk_conn_new until the
// handshake ends and is then freed, taking the transcript, the key schedule, the
// ephemeral key and the peer's public key with it. The connection routes to it only
// the messages that the order table (message_order.h) allows in the current state.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/alloc.h"
#include "base/bytes.h"
#include "base/error.h"
#include "base/writer.h"
#include "tls/transcript.h"

namespace mk::tls {

class Connection;

class Handshake : public HeapObject {
 public:
  virtual ~Handshake() = default;
  // Client: queue the ClientHello. Server: nothing (it waits for one).
  virtual Err start(Connection& c) = 0;
  // One whole handshake message (header included) of a type allowed in the
  // connection's current state.
  virtual Err on_message(Connection& c, uint8_t type, ByteView message) = 0;
  // TLS 1.2: the peer's change_cipher_spec record (its next records are protected).
  virtual Err on_change_cipher_spec(Connection& c) {
    (void)c;
    return MK_ERR_UNEXPECTED_MESSAGE;
  }
  // Client only: the name for SNI and certificate verification.
  virtual Err set_server_name(std::string_view name) {
    (void)name;
    return MK_ERR_BAD_STATE;
  }

  // A client or server handshake for c's config; nullptr when out of memory.
  static Handshake* create(const Connection& c);
};

// Write one handshake message into the connection's flight and the transcript.
// `bound` is an upper limit on its size; write(Writer&) serialises it.
template <class WriteFn>
Err send_message(Connection& c, Transcript& transcript, size_t bound, WriteFn&& write);

}  // namespace mk::tls

#include "tls/connection.h"

namespace mk::tls {

template <class WriteFn>
Err send_message(Connection& c, Transcript& transcript, size_t bound, WriteFn&& write) {
  ByteSpan space = c.reserve_flight(bound);
  if (space.empty()) return MK_ERR_OUT_OF_MEMORY;
  Writer w(space);
  write(w);
  if (!w.ok()) {
    c.commit_flight(0);
    return MK_ERR_INTERNAL;
  }
  c.commit_flight(w.size());
  return transcript.add(w.written());
}

}  // namespace mk::tls
