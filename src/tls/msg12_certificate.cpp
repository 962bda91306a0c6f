// The TLS 1.2 Certificate message (RFC 5246 7.4.2): a bare list of certificates.
#include "base/reader.h"
#include "tls/message_fields.h"
#include "tls/messages12.h"

namespace mk::tls {

Err parse_certificate12(ByteView body, CertificateMsg& out) {
  out = CertificateMsg{};
  Reader r(body);
  Reader list = r.sub(3);
  if (!r.expect_end()) return MK_ERR_DECODE;
  size_t cert_bytes = 0;
  while (list.ok() && !list.empty()) {
    ByteView cert = list.vec(3);
    if (!list.ok() || cert.empty()) return MK_ERR_DECODE;
    cert_bytes += cert.size();
    if (out.count_ == kMaxChainCerts || cert_bytes > kMaxChainBytes)
      return MK_ERR_CERT_CHAIN_TOO_LONG;
    out.certs_[out.count_++] = cert;
  }
  return list.ok() ? MK_OK : MK_ERR_DECODE;
}

void write_certificate12(Writer& w, std::span<const ByteView> certs) {
  size_t msg = begin_message(w, kCertificate);
  size_t list = w.begin_vec(3);
  for (ByteView cert : certs) write_opaque(w, 3, cert);
  w.end_vec(list);
  end_message(w, msg);
}

}  // namespace mk::tls
