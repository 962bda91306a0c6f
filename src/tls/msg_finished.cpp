// Finished (RFC 8446 4.4.4).
#include "base/writer.h"
#include "tls/messages.h"

namespace mk::tls {

Err parse_finished(ByteView body, size_t hash_len, ByteView& verify_data) {
  verify_data = {};
  if (body.size() != hash_len) return MK_ERR_DECODE;
  verify_data = body;
  return MK_OK;
}

void write_finished(Writer& w, ByteView verify_data) {
  size_t msg = begin_message(w, kFinished);
  w.bytes(verify_data);
  end_message(w, msg);
}

}  // namespace mk::tls
