// ServerHello and HelloRetryRequest (RFC 8446 4.1.3, 4.1.4): one wire format, told
// apart by the special random.
#include <algorithm>

#include "base/reader.h"
#include "base/writer.h"
#include "tls/extension_block.h"
#include "tls/message_fields.h"
#include "tls/messages.h"

namespace mk::tls {
namespace {

constexpr size_t kMaxSessionIdLen = 32;

Err read_extension(uint16_t type, Reader& body, ServerHello& out) {
  switch (type) {
    case kExtSupportedVersions:
      out.has_supported_versions = true;
      out.selected_version = body.u16();
      if (!body.ok()) return MK_ERR_DECODE;
      // Meerkat offers TLS 1.3 alone in supported_versions, so any other choice was
      // not offered (RFC 8446 4.2.1).
      return out.selected_version == kTls13 ? MK_OK : MK_ERR_ILLEGAL_PARAMETER;
    case kExtKeyShare:
      out.has_key_share = true;
      if (out.is_hello_retry) {
        out.selected_group = body.u16();
        return body.ok() ? MK_OK : MK_ERR_DECODE;
      }
      return read_key_share_entry(body, out.key_share);
    case kExtCookie:
      out.has_cookie = true;
      out.cookie = body.vec(2);
      return body.ok() && !out.cookie.empty() ? MK_OK : MK_ERR_DECODE;
    case kExtPreSharedKey:
      out.has_psk = true;
      body.u16();  // selected_identity
      return body.ok() ? MK_OK : MK_ERR_DECODE;
    default:
      return MK_ERR_UNSUPPORTED_EXTENSION;  // check_extensions_allowed lets nothing else by
  }
}

}  // namespace

Err parse_server_hello(ByteView body, ServerHello& out) {
  out = ServerHello{};
  Reader r(body);
  out.legacy_version = r.u16();
  out.random = r.bytes(kRandomLen);
  out.legacy_session_id_echo = r.vec(1);
  out.cipher_suite = r.u16();
  out.compression_method = r.u8();
  if (!r.ok() || out.legacy_session_id_echo.size() > kMaxSessionIdLen) return MK_ERR_DECODE;
  ByteView block;
  if (!r.empty()) block = r.vec(2);
  if (!r.expect_end()) return MK_ERR_DECODE;
  out.is_hello_retry = std::equal(out.random.begin(), out.random.end(),
                                  std::begin(kHelloRetryRandom), std::end(kHelloRetryRandom));

  MK_TRY(check_extension_framing(block));
  out.extensions = block;
  // Without supported_versions this is a TLS 1.2 (or older) ServerHello, whose
  // extensions follow other rules: the caller refuses it with protocol_version.
  if (!has_extension(block, kExtSupportedVersions)) return MK_OK;
  MK_TRY(check_extensions_allowed(
      block, out.is_hello_retry ? ExtContext::hello_retry_request : ExtContext::server_hello));
  MK_TRY(read_extensions(
      block, [&](uint16_t type, Reader& ext, bool) { return read_extension(type, ext, out); }));
  // RFC 8446 4.1.3: legacy_compression_method must be 0 in TLS 1.3.
  return out.compression_method == 0 ? MK_OK : MK_ERR_ILLEGAL_PARAMETER;
}

void write_server_hello(Writer& w, const ServerHelloParams& p) {
  size_t msg = begin_message(w, kServerHello);
  w.u16(kTls12);  // legacy_version
  w.bytes(p.hello_retry ? ByteView(kHelloRetryRandom) : p.random);
  write_opaque(w, 1, p.session_id_echo);
  w.u16(p.cipher_suite);
  w.u8(0);  // legacy_compression_method

  // The order RFC 8448's servers use: key_share, cookie, supported_versions.
  size_t exts = w.begin_vec(2);
  size_t e = begin_extension(w, kExtKeyShare);
  if (p.hello_retry)
    w.u16(p.selected_group);
  else
    write_key_share_entry(w, p.key_share);
  end_extension(w, e);
  if (p.hello_retry && !p.cookie.empty()) {
    e = begin_extension(w, kExtCookie);
    write_opaque(w, 2, p.cookie);
    end_extension(w, e);
  }
  e = begin_extension(w, kExtSupportedVersions);
  w.u16(kTls13);
  end_extension(w, e);
  w.end_vec(exts);
  end_message(w, msg);
}

}  // namespace mk::tls
