// The ECDHE key exchange messages of TLS 1.2 (RFC 8422 5.4, 5.7): the server's
// signed ephemeral point, and the client's point.
#include "base/reader.h"
#include "crypto/provider.h"
#include "tls/message_fields.h"
#include "tls/messages12.h"

namespace mk::tls {

Err parse_server_key_exchange(ByteView body, ServerKeyExchange& out) {
  out = ServerKeyExchange{};
  Reader r(body);
  const uint8_t curve_type = r.u8();
  out.group = r.u16();
  out.point = r.vec(1);
  if (!r.ok() || out.point.empty()) return MK_ERR_DECODE;
  out.params = body.first(r.position());
  out.scheme = r.u16();
  out.signature = r.vec(2);
  if (!r.expect_end() || out.signature.empty()) return MK_ERR_DECODE;
  // Explicit curves (1, 2) were deprecated by RFC 8422 5.4.
  return curve_type == kNamedCurve ? MK_OK : MK_ERR_ILLEGAL_PARAMETER;
}

size_t write_ecdhe_params(ByteSpan out, uint16_t group, ByteView point) {
  Writer w(out);
  w.u8(kNamedCurve);
  w.u16(group);
  write_opaque(w, 1, point);
  return w.ok() ? w.size() : 0;
}

void write_server_key_exchange(Writer& w, ByteView params, uint16_t scheme, ByteView signature) {
  size_t msg = begin_message(w, kServerKeyExchange);
  w.bytes(params);
  w.u16(scheme);
  write_opaque(w, 2, signature);
  end_message(w, msg);
}

Err parse_client_key_exchange(ByteView body, ByteView& point) {
  Reader r(body);
  point = r.vec(1);
  return r.expect_end() && !point.empty() ? MK_OK : MK_ERR_DECODE;
}

void write_client_key_exchange(Writer& w, ByteView point) {
  size_t msg = begin_message(w, kClientKeyExchange);
  write_opaque(w, 1, point);
  end_message(w, msg);
}

}  // namespace mk::tls
