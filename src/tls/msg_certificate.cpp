// Certificate (RFC 8446 4.4.2), X.509 entries only.
#include "base/reader.h"
#include "base/writer.h"
#include "tls/extension_block.h"
#include "tls/message_fields.h"
#include "tls/messages.h"

namespace mk::tls {

Err parse_certificate(ByteView body, CertificateMsg& out) {
  out = CertificateMsg{};
  Reader r(body);
  out.context = r.vec(1);
  Reader list = r.sub(3);
  if (!r.expect_end()) return MK_ERR_DECODE;
  size_t entries = 0, cert_bytes = 0;
  while (!list.empty()) {
    ByteView cert = list.vec(3);
    // Entry extensions (OCSP staples, SCTs) answer requests Meerkat never makes;
    // they are skipped once their framing is checked.
    ByteView extensions = list.vec(2);
    if (!list.ok() || cert.empty()) return MK_ERR_DECODE;
    MK_TRY(check_extension_framing(extensions));
    if (entries < kMaxChainCerts) out.certs_[out.count_++] = cert;
    ++entries;
    cert_bytes += cert.size();
  }
  // Counted after the whole list is checked, so a malformed message is a decode
  // error however long it is.
  return entries <= kMaxChainCerts && cert_bytes <= kMaxChainBytes ? MK_OK
                                                                   : MK_ERR_CERT_CHAIN_TOO_LONG;
}

void write_certificate(Writer& w, ByteView context, std::span<const ByteView> certs) {
  size_t msg = begin_message(w, kCertificate);
  write_opaque(w, 1, context);
  size_t list = w.begin_vec(3);
  for (ByteView cert : certs) {
    write_opaque(w, 3, cert);
    w.u16(0);  // no entry extensions
  }
  w.end_vec(list);
  end_message(w, msg);
}

}  // namespace mk::tls
