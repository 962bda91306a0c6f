// Extension blocks (RFC 8446 4.2). Every message parser checks its block here
// before reading it, so the rules on framing, duplicates and which message may
// carry which extension live in one place.
#pragma once

#include <cstdint>

#include "base/bytes.h"
#include "base/error.h"
#include "base/reader.h"

namespace mk::tls {

// The messages that carry extension blocks, as columns of RFC 8446 4.2's table.
enum class ExtContext : uint8_t {
  client_hello,
  server_hello,
  hello_retry_request,
  encrypted_extensions,
  certificate_request,
  new_session_ticket,
};

// More extensions than this in one block: MK_ERR_DECODE.
inline constexpr size_t kMaxExtensions = 128;

// Each extension is a u16 type and a u16-prefixed body, up to the end of the block
// (MK_ERR_DECODE otherwise); no type appears twice (MK_ERR_ILLEGAL_PARAMETER); at
// most kMaxExtensions of them.
Err check_extension_framing(ByteView block);

// Every extension the RFC lists may appear in ctx (MK_ERR_UNSUPPORTED_EXTENSION
// otherwise). Types the RFC does not list are ignored in ClientHello,
// CertificateRequest and NewSessionTicket, as the RFC requires; in the server's
// answers (ServerHello, HelloRetryRequest, EncryptedExtensions) they cannot answer
// anything Meerkat offered, so they are refused. Expects a framed block.
Err check_extensions_allowed(ByteView block, ExtContext ctx);

// Both checks.
Err check_extensions(ByteView block, ExtContext ctx);

// Whether a framed block holds an extension of this type.
bool has_extension(ByteView block, uint16_t type);

// Walks a framed block one extension at a time.
class ExtensionReader {
 public:
  explicit ExtensionReader(ByteView block) : r_(block) {}
  // The next extension; false at the end of the block.
  bool next(uint16_t& type, Reader& body);
  bool at_end() const { return r_.empty(); }
  // False once the block turned out malformed.
  bool ok() const { return r_.ok(); }

 private:
  Reader r_;
};

// Calls read(type, body, is_last) -> Err for each extension of a framed block,
// stopping at the first error. A body that read() leaves bytes in is MK_ERR_DECODE.
template <class Read>
Err read_extensions(ByteView block, Read&& read) {
  ExtensionReader it(block);
  uint16_t type;
  Reader body;
  while (it.next(type, body)) {
    MK_TRY(read(type, body, it.at_end()));
    if (!body.expect_end()) return MK_ERR_DECODE;
  }
  return it.ok() ? MK_OK : MK_ERR_DECODE;
}

}  // namespace mk::tls
