// TLS 1.3 cipher suites, composed from the provider's AEAD and hash descriptors.
#pragma once

#include <cstdint>
#include <span>

#include "crypto/provider.h"

namespace mk::tls {

struct CipherSuite {
  uint16_t id;
  const char* name;
  const crypto::AeadAlg& (*aead)();
  const crypto::HashAlg& (*hash)();
};

// Meerkat's default order: AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305.
std::span<const CipherSuite> all_cipher_suites();
const CipherSuite* find_cipher_suite(uint16_t id);  // nullptr when unsupported

}  // namespace mk::tls
