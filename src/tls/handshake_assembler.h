// Reassembles handshake messages from record payloads: a message may span several
// records and a record may hold several messages (RFC 8446 5.1). Enforces a size
// limit per message so a peer cannot make us buffer without bound.
#pragma once

#include <cstddef>

#include "base/alloc.h"
#include "base/bytes.h"
#include "base/error.h"

namespace mk::tls {

class HandshakeAssembler {
 public:
  // Default limit: large enough for a 10-certificate chain of RSA-4096 certificates.
  static constexpr size_t kDefaultMaxMessage = 64 * 1024;
  explicit HandshakeAssembler(size_t max_message = kDefaultMaxMessage) : max_(max_message) {}

  // Append the payload of one handshake record. An empty payload is
  // MK_ERR_UNEXPECTED_MESSAGE (RFC 8446 5.1 forbids zero-length handshake fragments).
  Err add(ByteView fragment);
  // Take the next complete message (4-byte header included) into msg. Returns
  // MK_OK with an empty msg when no complete message is buffered yet, or
  // MK_ERR_HANDSHAKE_TOO_LARGE when the announced length exceeds the limit.
  // msg stays valid until the next call to add() or next().
  Err next(ByteView& msg);
  // Bytes of an incomplete message still buffered. Keys may only change on a record
  // boundary with nothing buffered (RFC 8446 5.1), so the engine checks this.
  size_t buffered() const { return buf_.size() - consumed_; }
  void reset();

 private:
  Buffer buf_;
  size_t consumed_ = 0;  // bytes at the front already handed out by next()
  size_t max_;
};

}  // namespace mk::tls
