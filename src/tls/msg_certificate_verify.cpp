// CertificateVerify (RFC 8446 4.4.3) and the content its signature covers.
#include <string_view>

#include "base/reader.h"
#include "base/writer.h"
#include "tls/message_fields.h"
#include "tls/messages.h"

namespace mk::tls {
namespace {

constexpr size_t kPrefixSpaces = 64;
constexpr std::string_view kServerContext = "TLS 1.3, server CertificateVerify";
constexpr std::string_view kClientContext = "TLS 1.3, client CertificateVerify";

}  // namespace

Err parse_certificate_verify(ByteView body, CertificateVerify& out) {
  out = CertificateVerify{};
  Reader r(body);
  out.scheme = r.u16();
  out.signature = r.vec(2);
  return r.expect_end() ? MK_OK : MK_ERR_DECODE;
}

void write_certificate_verify(Writer& w, uint16_t scheme, ByteView signature) {
  size_t msg = begin_message(w, kCertificateVerify);
  w.u16(scheme);
  write_opaque(w, 2, signature);
  end_message(w, msg);
}

size_t certificate_verify_content(bool server, ByteView transcript_hash, ByteSpan out) {
  Writer w(out);
  for (size_t i = 0; i < kPrefixSpaces; ++i) w.u8(0x20);
  w.bytes(as_bytes(server ? kServerContext : kClientContext));
  w.u8(0);
  w.bytes(transcript_hash);
  return w.ok() ? w.size() : 0;
}

}  // namespace mk::tls
