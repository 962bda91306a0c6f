// ClientHello (RFC 8446 4.1.2) and the extensions it carries.
#include "base/reader.h"
#include "base/writer.h"
#include "tls/extension_block.h"
#include "tls/message_fields.h"
#include "tls/messages.h"

namespace mk::tls {
namespace {

constexpr size_t kMaxSessionIdLen = 32;
constexpr uint8_t kNameTypeHostName = 0;
constexpr size_t kMinPskBinderLen = 32;

// ServerNameList (RFC 6066 3): one host_name entry with a non-empty name.
Err read_server_name(Reader& body, ByteView& host_name) {
  Reader list = body.sub(2);
  if (!body.ok() || list.empty()) return MK_ERR_DECODE;
  host_name = {};
  while (!list.empty()) {
    uint8_t name_type = list.u8();
    ByteView name = list.vec(2);
    if (!list.ok() || name.empty()) return MK_ERR_DECODE;
    if (name_type != kNameTypeHostName || !host_name.empty()) return MK_ERR_ILLEGAL_PARAMETER;
    host_name = name;
  }
  return MK_OK;
}

// KeyShareClientHello: entries whose groups do not repeat (RFC 8446 4.2.8).
Err read_client_key_shares(Reader& body, ClientHello& out) {
  Reader list = body.sub(2);
  if (!body.ok()) return MK_ERR_DECODE;
  while (!list.empty()) {
    KeyShareEntry entry;
    MK_TRY(read_key_share_entry(list, entry));
    for (const KeyShareEntry& earlier : out.key_shares())
      if (earlier.group == entry.group) return MK_ERR_ILLEGAL_PARAMETER;
    if (out.share_count_ == ClientHello::kMaxShares) return MK_ERR_ILLEGAL_PARAMETER;
    out.shares_[out.share_count_++] = entry;
  }
  return MK_OK;
}

// OfferedPsks: checked for shape only, since Meerkat does not resume sessions.
Err check_offered_psks(Reader& body) {
  Reader identities = body.sub(2);
  if (!body.ok() || identities.empty()) return MK_ERR_DECODE;
  while (!identities.empty()) {
    ByteView identity = identities.vec(2);
    identities.u32();  // obfuscated_ticket_age
    if (!identities.ok() || identity.empty()) return MK_ERR_DECODE;
  }
  Reader binders = body.sub(2);
  if (!body.ok() || binders.empty()) return MK_ERR_DECODE;
  while (!binders.empty()) {
    ByteView binder = binders.vec(1);
    if (!binders.ok() || binder.size() < kMinPskBinderLen) return MK_ERR_DECODE;
  }
  return MK_OK;
}

Err read_alpn_list(Reader& body, ByteView& list) {
  list = body.vec(2);
  if (!body.ok()) return MK_ERR_DECODE;
  return for_each_alpn(list, [](ByteView) {});
}

Err read_extension(uint16_t type, Reader& body, bool is_last, ClientHello& out) {
  switch (type) {
    case kExtServerName:
      out.has_server_name = true;
      return read_server_name(body, out.server_name);
    case kExtSupportedGroups:
      out.has_supported_groups = true;
      return read_u16_list(body, 2, 1, out.supported_groups);
    case kExtSignatureAlgorithms:
      out.has_signature_algorithms = true;
      return read_u16_list(body, 2, 1, out.signature_algorithms);
    case kExtSignatureAlgorithmsCert:
      out.has_signature_algorithms_cert = true;
      return read_u16_list(body, 2, 1, out.signature_algorithms_cert);
    case kExtSupportedVersions:
      out.has_supported_versions = true;
      return read_u16_list(body, 1, 1, out.supported_versions);
    case kExtKeyShare:
      out.has_key_share = true;
      return read_client_key_shares(body, out);
    case kExtAlpn:
      out.has_alpn = true;
      return read_alpn_list(body, out.alpn);
    case kExtCookie:
      out.has_cookie = true;
      out.cookie = body.vec(2);
      return body.ok() && !out.cookie.empty() ? MK_OK : MK_ERR_DECODE;
    case kExtRecordSizeLimit:
      return read_record_size_limit(body, out.record_size_limit);
    case kExtPreSharedKey:
      // RFC 8446 4.2.11: it must be the last extension.
      if (!is_last) return MK_ERR_ILLEGAL_PARAMETER;
      out.has_psk = true;
      return check_offered_psks(body);
    case kExtPskKeyExchangeModes:
      out.has_psk_modes = true;
      return body.vec(1).empty() ? MK_ERR_DECODE : MK_OK;
    case kExtEarlyData:
      out.has_early_data = true;
      return MK_OK;
    case kExtExtendedMasterSecret:
      out.has_extended_master_secret = true;
      return MK_OK;  // its body must be empty: read_extensions checks nothing is left
    case kExtRenegotiationInfo:
      out.has_renegotiation_info = true;
      out.renegotiation_info = body.vec(1);
      return body.ok() ? MK_OK : MK_ERR_DECODE;
    case kExtEcPointFormats:
      out.has_ec_point_formats = true;
      out.ec_point_formats = body.vec(1);
      return body.ok() && !out.ec_point_formats.empty() ? MK_OK : MK_ERR_DECODE;
    default:
      // Extensions Meerkat does not act on, known or not, are skipped whole.
      body.bytes(body.remaining());
      return MK_OK;
  }
}

bool is_tls13_hello(const ClientHello& ch) {
  return ch.has_supported_versions && ch.supported_versions.contains(kTls13);
}

bool is_null_compression_only(ByteView methods) {
  return methods.size() == 1 && methods[0] == 0;
}

}  // namespace

Err parse_client_hello(ByteView body, ClientHello& out) {
  out = ClientHello{};
  Reader r(body);
  out.legacy_version = r.u16();
  out.random = r.bytes(kRandomLen);
  out.legacy_session_id = r.vec(1);
  MK_TRY(read_u16_list(r, 2, 1, out.cipher_suites));
  out.compression_methods = r.vec(1);
  if (!r.ok() || out.legacy_session_id.size() > kMaxSessionIdLen || out.compression_methods.empty())
    return MK_ERR_DECODE;
  // A hello without any extensions is well formed (TLS 1.2 and older); with no
  // supported_versions the caller refuses it as the wrong version.
  ByteView block;
  if (!r.empty()) block = r.vec(2);
  if (!r.expect_end()) return MK_ERR_DECODE;

  MK_TRY(check_extensions(block, ExtContext::client_hello));
  MK_TRY(read_extensions(block, [&](uint16_t type, Reader& ext, bool is_last) {
    return read_extension(type, ext, is_last, out);
  }));
  // RFC 8446 4.1.2: a TLS 1.3 ClientHello offers exactly the null compression.
  if (is_tls13_hello(out) && !is_null_compression_only(out.compression_methods))
    return MK_ERR_ILLEGAL_PARAMETER;
  return MK_OK;
}

void write_client_hello(Writer& w, const ClientHelloParams& p) {
  static constexpr uint16_t kTls13Only[] = {kTls13};
  const std::span<const uint16_t> versions =
      p.versions.empty() ? std::span<const uint16_t>(kTls13Only) : p.versions;
  bool offers_tls12 = false;
  for (uint16_t v : versions) offers_tls12 = offers_tls12 || v == kTls12;
  size_t msg = begin_message(w, kClientHello);
  w.u16(kTls12);  // legacy_version
  w.bytes(p.random);
  write_opaque(w, 1, p.session_id);
  write_u16_list(w, 2, p.cipher_suites);
  w.u8(1);  // legacy_compression_methods: null only
  w.u8(0);

  size_t exts = w.begin_vec(2);
  size_t e;
  if (!p.server_name.empty()) {
    e = begin_extension(w, kExtServerName);
    size_t list = w.begin_vec(2);
    w.u8(kNameTypeHostName);
    write_opaque(w, 2, p.server_name);
    w.end_vec(list);
    end_extension(w, e);
  }
  e = begin_extension(w, kExtSupportedVersions);
  write_u16_list(w, 1, versions);
  end_extension(w, e);
  // An empty list means "leave the extension out" (a TLS 1.3 ClientHello needs
  // both, so only tests of the peer's checks do that).
  if (!p.groups.empty()) {
    e = begin_extension(w, kExtSupportedGroups);
    write_u16_list(w, 2, p.groups);
    end_extension(w, e);
  }
  e = begin_extension(w, kExtKeyShare);
  size_t shares = w.begin_vec(2);
  for (const KeyShareEntry& share : p.key_shares) write_key_share_entry(w, share);
  w.end_vec(shares);
  end_extension(w, e);
  if (!p.signature_algorithms.empty()) {
    e = begin_extension(w, kExtSignatureAlgorithms);
    write_u16_list(w, 2, p.signature_algorithms);
    end_extension(w, e);
  }
  if (!p.alpn.empty()) {
    e = begin_extension(w, kExtAlpn);
    write_opaque(w, 2, p.alpn);
    end_extension(w, e);
  }
  if (!p.cookie.empty()) {
    e = begin_extension(w, kExtCookie);
    write_opaque(w, 2, p.cookie);
    end_extension(w, e);
  }
  write_record_size_limit_extension(w, p.record_size_limit);
  if (offers_tls12) {
    // RFC 7627: the session hash binds the master secret to the whole handshake.
    e = begin_extension(w, kExtExtendedMasterSecret);
    end_extension(w, e);
    // RFC 5746 3.4: an empty renegotiation_info marks a first handshake.
    e = begin_extension(w, kExtRenegotiationInfo);
    w.u8(0);
    end_extension(w, e);
    // RFC 8422 5.1.2: uncompressed points only.
    e = begin_extension(w, kExtEcPointFormats);
    w.u8(1);
    w.u8(0);
    end_extension(w, e);
  }
  w.end_vec(exts);
  end_message(w, msg);
}

}  // namespace mk::tls
