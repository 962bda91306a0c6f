// What a finished handshake agreed on, as `-v` prints it.
#pragma once

#include <string>

#include "meerkat/meerkat.h"

namespace mk::cli {

// Lines for the client, one fact each:
//   TLS version: TLSv1.3
//   cipher suite: TLS_AES_128_GCM_SHA256
//   group: x25519 (HelloRetryRequest: no)
//   signature scheme: ecdsa_secp256r1_sha256
//   ALPN: http/1.1
//   peer certificate: verified
std::string describe_negotiated(const mk_conn* c, const char* line_prefix);
// One line for the server's log: "TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 hrr=no alpn=-
// client-cert=none".
std::string summarize_negotiated(const mk_conn* c);

// "TLSv1.3", "TLSv1.2", or the code point in hex ("0x0302") for anything else.
std::string version_name(uint16_t version);

}  // namespace mk::cli
