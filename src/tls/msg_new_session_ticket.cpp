// NewSessionTicket (RFC 8446 4.6.1): checked, then dropped, since Meerkat does not
// resume sessions.
#include "base/reader.h"
#include "tls/extension_block.h"
#include "tls/messages.h"

namespace mk::tls {

Err parse_new_session_ticket(ByteView body) {
  Reader r(body);
  r.u32();   // ticket_lifetime
  r.u32();   // ticket_age_add
  r.vec(1);  // ticket_nonce
  ByteView ticket = r.vec(2);
  ByteView block = r.vec(2);
  if (!r.expect_end() || ticket.empty()) return MK_ERR_DECODE;
  MK_TRY(check_extensions(block, ExtContext::new_session_ticket));
  return read_extensions(block, [](uint16_t type, Reader& ext, bool) {
    if (type == kExtEarlyData)
      ext.u32();  // max_early_data_size
    else
      ext.bytes(ext.remaining());  // unknown: ignored, as RFC 8446 4.6.1 requires
    return ext.status();
  });
}

}  // namespace mk::tls
