// KeyUpdate (RFC 8446 4.6.3).
#include "base/reader.h"
#include "base/writer.h"
#include "tls/messages.h"

namespace mk::tls {
namespace {

enum KeyUpdateRequest : uint8_t { kUpdateNotRequested = 0, kUpdateRequested = 1 };

}  // namespace

Err parse_key_update(ByteView body, bool& request_update) {
  request_update = false;
  Reader r(body);
  uint8_t request = r.u8();
  if (!r.expect_end()) return MK_ERR_DECODE;
  if (request != kUpdateNotRequested && request != kUpdateRequested)
    return MK_ERR_ILLEGAL_PARAMETER;
  request_update = request == kUpdateRequested;
  return MK_OK;
}

void write_key_update(Writer& w, bool request_update) {
  size_t msg = begin_message(w, kKeyUpdate);
  w.u8(request_update ? kUpdateRequested : kUpdateNotRequested);
  end_message(w, msg);
}

}  // namespace mk::tls
