#include "tls/extension_block.h"

#include "tls/messages.h"

namespace mk::tls {
namespace {

// Extension types RFC 8446 lists without a name in messages.h.
enum : uint16_t {
  kExtUseSrtp = 14,
  kExtHeartbeat = 15,
  kExtSignedCertificateTimestamp = 18,
  kExtClientCertificateType = 19,
  kExtServerCertificateType = 20,
  kExtOidFilters = 48,
  kExtPostHandshakeAuth = 49,
};

constexpr uint8_t bit(ExtContext ctx) {
  return static_cast<uint8_t>(1u << static_cast<int>(ctx));
}

constexpr uint8_t kCH = bit(ExtContext::client_hello);
constexpr uint8_t kSH = bit(ExtContext::server_hello);
constexpr uint8_t kHRR = bit(ExtContext::hello_retry_request);
constexpr uint8_t kEE = bit(ExtContext::encrypted_extensions);
constexpr uint8_t kCR = bit(ExtContext::certificate_request);
constexpr uint8_t kNST = bit(ExtContext::new_session_ticket);

struct ExtensionRule {
  uint16_t type;
  uint8_t contexts;
};

// RFC 8446 4.2 (Certificate entries are not checked: their extensions are
// ignored), plus record_size_limit from RFC 8449 4.
constexpr ExtensionRule kRules[] = {
    {kExtServerName, kCH | kEE},
    {kExtMaxFragmentLength, kCH | kEE},
    {kExtStatusRequest, kCH | kCR},
    {kExtSupportedGroups, kCH | kEE},
    {kExtSignatureAlgorithms, kCH | kCR},
    {kExtUseSrtp, kCH | kEE},
    {kExtHeartbeat, kCH | kEE},
    {kExtAlpn, kCH | kEE},
    {kExtSignedCertificateTimestamp, kCH | kCR},
    {kExtClientCertificateType, kCH | kEE},
    {kExtServerCertificateType, kCH | kEE},
    {kExtPadding, kCH},
    {kExtRecordSizeLimit, kCH | kEE},
    {kExtPreSharedKey, kCH | kSH},
    {kExtEarlyData, kCH | kEE | kNST},
    {kExtSupportedVersions, kCH | kSH | kHRR},
    {kExtCookie, kCH | kHRR},
    {kExtPskKeyExchangeModes, kCH},
    {kExtCertificateAuthorities, kCH | kCR},
    {kExtOidFilters, kCR},
    {kExtPostHandshakeAuth, kCH},
    {kExtSignatureAlgorithmsCert, kCH | kCR},
    {kExtKeyShare, kCH | kSH | kHRR},
};

const ExtensionRule* find_rule(uint16_t type) {
  for (const ExtensionRule& rule : kRules)
    if (rule.type == type) return &rule;
  return nullptr;
}

bool ignores_unknown(ExtContext ctx) {
  return ctx == ExtContext::client_hello || ctx == ExtContext::certificate_request ||
         ctx == ExtContext::new_session_ticket;
}

}  // namespace

bool ExtensionReader::next(uint16_t& type, Reader& body) {
  if (r_.empty()) return false;
  type = r_.u16();
  body = r_.sub(2);
  return r_.ok();
}

Err check_extension_framing(ByteView block) {
  // Real peers send a few dozen extensions; a cap keeps the duplicate check small
  // (256 bytes of stack, at most ~8,000 comparisons) on the smallest devices.
  uint16_t seen[kMaxExtensions];
  size_t count = 0;
  ExtensionReader it(block);
  uint16_t type;
  Reader body;
  while (it.next(type, body)) {
    if (count == kMaxExtensions) return MK_ERR_DECODE;
    for (size_t i = 0; i < count; ++i)
      if (seen[i] == type) return MK_ERR_ILLEGAL_PARAMETER;
    seen[count++] = type;
  }
  return it.ok() ? MK_OK : MK_ERR_DECODE;
}

Err check_extensions_allowed(ByteView block, ExtContext ctx) {
  ExtensionReader it(block);
  uint16_t type;
  Reader body;
  while (it.next(type, body)) {
    const ExtensionRule* rule = find_rule(type);
    if (rule ? !(rule->contexts & bit(ctx)) : !ignores_unknown(ctx))
      return MK_ERR_UNSUPPORTED_EXTENSION;
  }
  return MK_OK;
}

Err check_extensions(ByteView block, ExtContext ctx) {
  MK_TRY(check_extension_framing(block));
  return check_extensions_allowed(block, ctx);
}

bool has_extension(ByteView block, uint16_t type) {
  ExtensionReader it(block);
  uint16_t t;
  Reader body;
  while (it.next(t, body))
    if (t == type) return true;
  return false;
}

}  // namespace mk::tls
