// The TLS 1.2 CertificateRequest (RFC 5246 7.4.4) and ServerHelloDone (7.4.5).
#include "base/reader.h"
#include "tls/message_fields.h"
#include "tls/messages12.h"

namespace mk::tls {

Err parse_certificate_request12(ByteView body, CertificateRequest12& out) {
  out = CertificateRequest12{};
  Reader r(body);
  out.certificate_types = r.vec(1);
  if (!r.ok() || out.certificate_types.empty()) return MK_ERR_DECODE;
  MK_TRY(read_u16_list(r, 2, 1, out.signature_algorithms));
  // certificate_authorities<0..2^16-1>: a list of DistinguishedName<1..2^16-1>.
  // Meerkat sends its one certificate whatever the list says, so it is only checked.
  Reader authorities = r.sub(2);
  while (authorities.ok() && !authorities.empty())
    if (authorities.vec(2).empty()) return MK_ERR_DECODE;
  return authorities.ok() && r.expect_end() ? MK_OK : MK_ERR_DECODE;
}

void write_certificate_request12(Writer& w, std::span<const uint16_t> signature_algorithms) {
  size_t msg = begin_message(w, kCertificateRequest);
  w.u8(2);
  w.u8(kCertTypeEcdsaSign);
  w.u8(kCertTypeRsaSign);
  write_u16_list(w, 2, signature_algorithms);
  w.u16(0);  // certificate_authorities: any
  end_message(w, msg);
}

Err parse_server_hello_done(ByteView body) {
  return body.empty() ? MK_OK : MK_ERR_DECODE;
}

void write_server_hello_done(Writer& w) {
  size_t msg = begin_message(w, kServerHelloDone);
  end_message(w, msg);
}

}  // namespace mk::tls
