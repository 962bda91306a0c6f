// The TLS 1.2 ServerHello and its extensions (RFC 5246 7.4.1.3).
#include "base/reader.h"
#include "tls/extension_block.h"
#include "tls/message_fields.h"
#include "tls/messages12.h"

namespace mk::tls {
namespace {

Err read_extension(uint16_t type, Reader& body, ServerHello12Extensions& out) {
  switch (type) {
    case kExtRenegotiationInfo:
      out.has_renegotiation_info = true;
      out.renegotiation_info = body.vec(1);
      return body.ok() ? MK_OK : MK_ERR_DECODE;
    case kExtExtendedMasterSecret:
      out.has_extended_master_secret = true;
      return MK_OK;
    case kExtEcPointFormats:
      out.has_ec_point_formats = true;
      out.ec_point_formats = body.vec(1);
      return body.ok() && !out.ec_point_formats.empty() ? MK_OK : MK_ERR_DECODE;
    case kExtAlpn: {
      // RFC 7301 3.1: exactly one protocol name.
      Reader list = body.sub(2);
      out.alpn_protocol = list.vec(1);
      out.has_alpn = true;
      return body.ok() && list.expect_end() && !out.alpn_protocol.empty() ? MK_OK : MK_ERR_DECODE;
    }
    case kExtServerName:
      out.has_server_name = true;  // empty body (RFC 6066 3)
      return MK_OK;
    case kExtRecordSizeLimit:
      return read_record_size_limit(body, out.record_size_limit);
    default:
      // Nothing else was offered (RFC 5246 7.4.1.4: unsupported_extension).
      return MK_ERR_UNSUPPORTED_EXTENSION;
  }
}

}  // namespace

Err parse_server_hello12_extensions(ByteView block, ServerHello12Extensions& out) {
  out = ServerHello12Extensions{};
  MK_TRY(check_extension_framing(block));
  return read_extensions(
      block, [&](uint16_t type, Reader& ext, bool) { return read_extension(type, ext, out); });
}

void write_server_hello12(Writer& w, const ServerHello12Params& p) {
  size_t msg = begin_message(w, kServerHello);
  w.u16(kTls12);
  w.bytes(p.random);
  w.u8(0);  // no session id: the session cannot be resumed
  w.u16(p.cipher_suite);
  w.u8(0);  // null compression
  size_t exts = w.begin_vec(2);
  size_t e;
  if (p.renegotiation_info) {
    e = begin_extension(w, kExtRenegotiationInfo);
    w.u8(0);
    end_extension(w, e);
  }
  e = begin_extension(w, kExtExtendedMasterSecret);
  end_extension(w, e);
  if (p.ec_point_formats) {
    e = begin_extension(w, kExtEcPointFormats);
    w.u8(1);
    w.u8(0);  // uncompressed
    end_extension(w, e);
  }
  if (!p.alpn_protocol.empty()) {
    e = begin_extension(w, kExtAlpn);
    size_t list = w.begin_vec(2);
    write_opaque(w, 1, p.alpn_protocol);
    w.end_vec(list);
    end_extension(w, e);
  }
  if (p.ack_server_name) {
    e = begin_extension(w, kExtServerName);
    end_extension(w, e);
  }
  write_record_size_limit_extension(w, p.record_size_limit);
  w.end_vec(exts);
  end_message(w, msg);
}

}  // namespace mk::tls
