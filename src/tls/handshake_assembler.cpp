#include "tls/handshake_assembler.h"

#include "base/reader.h"
#include "tls/messages.h"

namespace mk::tls {

Err HandshakeAssembler::add(ByteView fragment) {
  if (fragment.empty()) return MK_ERR_UNEXPECTED_MESSAGE;
  // Messages handed out by next() are released now, so the buffer only ever holds
  // what is still incomplete plus the new fragment.
  if (consumed_ > 0) {
    buf_.consume_front(consumed_);
    consumed_ = 0;
  }
  return buf_.append(fragment) ? MK_OK : MK_ERR_OUT_OF_MEMORY;
}

Err HandshakeAssembler::next(ByteView& msg) {
  msg = {};
  ByteView pending = buf_.view().subspan(consumed_);
  Reader header(pending);
  header.u8();  // msg_type: the caller dispatches on it
  size_t body_len = header.u24();
  if (!header.ok()) return MK_OK;
  if (body_len > max_) return MK_ERR_HANDSHAKE_TOO_LARGE;
  if (pending.size() < kHandshakeHeaderLen + body_len) return MK_OK;
  msg = pending.first(kHandshakeHeaderLen + body_len);
  consumed_ += msg.size();
  return MK_OK;
}

void HandshakeAssembler::reset() {
  buf_.reset();
  consumed_ = 0;
}

}  // namespace mk::tls
