// CertificateRequest (RFC 8446 4.3.2).
#include "base/reader.h"
#include "base/writer.h"
#include "tls/extension_block.h"
#include "tls/message_fields.h"
#include "tls/messages.h"

namespace mk::tls {

Err parse_certificate_request(ByteView body, CertificateRequest& out) {
  out = CertificateRequest{};
  Reader r(body);
  out.context = r.vec(1);
  ByteView block = r.vec(2);
  if (!r.expect_end()) return MK_ERR_DECODE;
  MK_TRY(check_extensions(block, ExtContext::certificate_request));
  bool has_signature_algorithms = false;
  MK_TRY(read_extensions(block, [&](uint16_t type, Reader& ext, bool) {
    if (type == kExtSignatureAlgorithms) {
      has_signature_algorithms = true;
      return read_u16_list(ext, 2, 1, out.signature_algorithms);
    }
    // Other extensions (certificate_authorities, oid_filters, ...) only narrow the
    // choice of certificate; Meerkat offers its one chain regardless.
    ext.bytes(ext.remaining());
    return MK_OK;
  }));
  return has_signature_algorithms ? MK_OK : MK_ERR_MISSING_EXTENSION;
}

void write_certificate_request(Writer& w, ByteView context,
                               std::span<const uint16_t> signature_algorithms) {
  size_t msg = begin_message(w, kCertificateRequest);
  write_opaque(w, 1, context);
  size_t exts = w.begin_vec(2);
  size_t e = begin_extension(w, kExtSignatureAlgorithms);
  write_u16_list(w, 2, signature_algorithms);
  end_extension(w, e);
  w.end_vec(exts);
  end_message(w, msg);
}

}  // namespace mk::tls
