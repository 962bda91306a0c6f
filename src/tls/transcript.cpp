#include "tls/transcript.h"

#include "base/writer.h"
#include "tls/messages.h"

namespace mk::tls {

Err Transcript::add(ByteView message) {
  if (hash_.valid()) {
    hash_.update(message);
    return MK_OK;
  }
  return pending_.append(message) ? MK_OK : MK_ERR_OUT_OF_MEMORY;
}

Err Transcript::select(const crypto::HashAlg& alg) {
  if (hash_.valid()) return hash_.alg().id == alg.id ? MK_OK : MK_ERR_BAD_STATE;
  hash_.reset(alg);
  hash_.update(pending_.view());
  pending_.reset();
  return MK_OK;
}

size_t Transcript::current(ByteSpan out) const {
  if (!hash_.valid() || out.size() < hash_len()) return 0;
  hash_.final(out);
  return hash_len();
}

Err Transcript::restart_for_hello_retry() {
  if (!hash_.valid()) return MK_ERR_BAD_STATE;
  uint8_t client_hello1_hash[crypto::kMaxHashLen];
  size_t len = current(ByteSpan(client_hello1_hash));
  // RFC 8446 4.4.1: a synthetic handshake message of type message_hash whose body
  // is Hash(ClientHello1).
  uint8_t synthetic[kHandshakeHeaderLen + crypto::kMaxHashLen];
  Writer w{ByteSpan(synthetic)};
  size_t body = begin_message(w, kMessageHash);
  w.bytes(ByteView(client_hello1_hash, len));
  end_message(w, body);
  if (!w.ok()) return MK_ERR_INTERNAL;
  hash_.reset(hash_.alg());
  hash_.update(w.written());
  return MK_OK;
}

void Transcript::clear() {
  hash_ = crypto::Hash();
  pending_.reset();
}

}  // namespace mk::tls
