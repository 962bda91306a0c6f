// Cipher suites, composed from the provider's AEAD and hash descriptors. TLS 1.3
// suites name only the AEAD and the hash; TLS 1.2 suites also fix the key exchange
// (always ECDHE here) and the kind of certificate key that signs it.
#pragma once

#include <cstdint>
#include <span>

#include "crypto/provider.h"

namespace mk::tls {

// How a suite authenticates: TLS 1.3 suites leave it to the certificate; TLS 1.2
// suites name the signature algorithm of the server's key.
enum class SuiteAuth : uint8_t { any, ecdsa, rsa };

struct CipherSuite {
  uint16_t id;
  const char* name;
  const crypto::AeadAlg& (*aead)();
  const crypto::HashAlg& (*hash)();  // TLS 1.3: HKDF and transcript; TLS 1.2: the PRF
  uint16_t version;                  // 0x0304 or 0x0303
  SuiteAuth auth;
  // TLS 1.2 record nonces: AES-GCM takes a 4-byte salt from the key block and sends
  // 8 explicit bytes per record (RFC 5288); ChaCha20-Poly1305 takes a 12-byte IV and
  // sends none (RFC 7905), as TLS 1.3 does.
  uint8_t fixed_iv_len;
  uint8_t explicit_nonce_len;
};

// Meerkat's default order: TLS 1.3 suites (AES-128-GCM, AES-256-GCM,
// ChaCha20-Poly1305), then the TLS 1.2 ECDHE suites in the same AEAD order, ECDSA
// before RSA.
std::span<const CipherSuite> all_cipher_suites();
const CipherSuite* find_cipher_suite(uint16_t id);  // nullptr when unsupported

}  // namespace mk::tls
