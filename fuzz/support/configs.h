// The fixed configurations the handshake and record targets use, built once per
// process from tests/data/certs. An input's options byte picks one by index, and the
// seed generator records its flights with the same table, so a seed reaches deep
// into the handshake of the variant it names.
#pragma once

#include <cstddef>
#include <string>

#include "meerkat/meerkat.h"

namespace mk::fuzz {

// Server variants, by index:
//   0 ECDSA P-256 chain, defaults (TLS 1.2 and 1.3)
//   1 RSA-2048 chain, defaults
//   2 ECDSA P-256, ALPN "h2,http/1.1", asks for a client certificate (optional)
//   3 ECDSA P-256, TLS 1.2 only
//   4 ECDSA P-256, only secp256r1 (a default client gets a HelloRetryRequest),
//     record_size_limit 512
//   5 ECDSA P-384 chain, requires a client certificate, no middlebox compatibility
inline constexpr size_t kServerVariants = 6;
// Client variants, by index (all use the name "localhost" and the fuzz clock):
//   0 trusts the ECDSA P-256 root
//   1 trusts the RSA-2048 root
//   2 trusts the P-256 root, has the bad/client certificate, offers ALPN "h2,http/1.1"
//   3 trusts the P-256 root, TLS 1.2 only
//   4 verifies nothing, no middlebox compatibility
//   5 trusts the P-384 root, has the bad/client certificate
// and, verifying nothing (for the record target, where a cheap handshake matters):
//   6 ChaCha20-Poly1305 suites only (TLS 1.3 and 1.2)
//   7 AES-256-GCM suites only (TLS 1.3 and 1.2)
//   8 TLS 1.2 only
inline constexpr size_t kClientVariants = 9;

const mk_config* server_config(size_t variant);
const mk_config* client_config(size_t variant);

// <source dir>/<rel> as bytes; empty when unreadable.
std::string source_file(const std::string& rel);

// A new connection of the config, with the server name "localhost" for clients.
mk_conn* new_connection(const mk_config* cfg, bool client);

// Take and forget all queued output; returns how many bytes there were.
size_t discard_output(mk_conn* c);
// Read and forget all decrypted plaintext.
void discard_plaintext(mk_conn* c);
// Move all of from's output into to (feeding until it takes no more), then discard
// to's plaintext. Returns the bytes moved.
size_t pump(mk_conn* from, mk_conn* to);

// With MEERKAT_FUZZ_VERBOSE set in the environment: print how a connection ended
// (handshake done or not, version, error), to check what an input reaches.
void trace_outcome(const char* who, const mk_conn* c);

}  // namespace mk::fuzz
