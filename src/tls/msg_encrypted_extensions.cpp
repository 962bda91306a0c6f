// EncryptedExtensions (RFC 8446 4.3.1).
#include "base/reader.h"
#include "base/writer.h"
#include "tls/extension_block.h"
#include "tls/message_fields.h"
#include "tls/messages.h"

namespace mk::tls {
namespace {

// ALPN in a server's answer names exactly one protocol (RFC 7301 3.1).
Err read_selected_protocol(Reader& body, ByteView& protocol) {
  ByteView list = body.vec(2);
  if (!body.ok()) return MK_ERR_DECODE;
  size_t count = 0;
  MK_TRY(for_each_alpn(list, [&](ByteView name) {
    protocol = name;
    ++count;
  }));
  return count == 1 ? MK_OK : MK_ERR_ILLEGAL_PARAMETER;
}

Err read_extension(uint16_t type, Reader& body, EncryptedExtensions& out) {
  switch (type) {
    case kExtServerName:
      out.has_server_name = true;  // an empty body acknowledges the client's SNI
      return MK_OK;
    case kExtAlpn:
      out.has_alpn = true;
      return read_selected_protocol(body, out.alpn_protocol);
    case kExtRecordSizeLimit:
      return read_record_size_limit(body, out.record_size_limit);
    case kExtSupportedGroups: {
      // The server's preference, for later connections; Meerkat does not keep it.
      U16List groups;
      return read_u16_list(body, 2, 1, groups);
    }
    case kExtEarlyData:
      out.has_early_data = true;
      return MK_OK;
    default:
      // The rest of RFC 8446's list for this message (max_fragment_length, use_srtp,
      // heartbeat, certificate types) answers extensions Meerkat never offers.
      return MK_ERR_UNSUPPORTED_EXTENSION;
  }
}

}  // namespace

Err parse_encrypted_extensions(ByteView body, EncryptedExtensions& out) {
  out = EncryptedExtensions{};
  Reader r(body);
  ByteView block = r.vec(2);
  if (!r.expect_end()) return MK_ERR_DECODE;
  MK_TRY(check_extensions(block, ExtContext::encrypted_extensions));
  return read_extensions(
      block, [&](uint16_t type, Reader& ext, bool) { return read_extension(type, ext, out); });
}

void write_encrypted_extensions(Writer& w, const EncryptedExtensionsParams& p) {
  size_t msg = begin_message(w, kEncryptedExtensions);
  size_t exts = w.begin_vec(2);
  size_t e;
  if (p.ack_server_name) {
    e = begin_extension(w, kExtServerName);
    end_extension(w, e);
  }
  if (!p.alpn_protocol.empty()) {
    e = begin_extension(w, kExtAlpn);
    size_t list = w.begin_vec(2);
    write_opaque(w, 1, p.alpn_protocol);
    w.end_vec(list);
    end_extension(w, e);
  }
  write_record_size_limit_extension(w, p.record_size_limit);
  w.end_vec(exts);
  end_message(w, msg);
}

}  // namespace mk::tls
