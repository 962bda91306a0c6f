// The handshake transcript hash (RFC 8446 4.4.1). The hash is not known until the
// cipher suite is chosen, so messages added before select() are kept in a buffer
// and hashed when it is called; after that nothing is buffered.
#pragma once

#include "base/alloc.h"
#include "base/bytes.h"
#include "crypto/provider.h"

namespace mk::tls {

class Transcript {
 public:
  // Add one whole handshake message (4-byte header included). MK_ERR_OUT_OF_MEMORY
  // when it cannot be buffered.
  Err add(ByteView message);
  // Choose the hash; hashes anything buffered and frees the buffer. Choosing the
  // same hash again is harmless; another one is MK_ERR_BAD_STATE.
  Err select(const crypto::HashAlg& alg);
  bool selected() const { return hash_.valid(); }
  // Current transcript hash; out holds hash_len() bytes. Returns hash_len(), or 0
  // before select() or when out is too short.
  size_t current(ByteSpan out) const;
  size_t hash_len() const { return hash_.valid() ? hash_.alg().out_len : 0; }
  // HelloRetryRequest: replace ClientHello1 with message_hash || 00 00 Hash.length ||
  // Hash(ClientHello1). Call after select() and before adding the HRR itself
  // (MK_ERR_BAD_STATE before select()).
  Err restart_for_hello_retry();
  void clear();

 private:
  crypto::Hash hash_;
  Buffer pending_;
};

}  // namespace mk::tls
