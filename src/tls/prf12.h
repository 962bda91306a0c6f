// The TLS 1.2 key derivation (RFC 5246 5, 8.1, 6.3, 7.4.9; RFC 7627): the PRF,
// the extended master secret, the key block and Finished.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "base/secure.h"
#include "crypto/provider.h"
#include "tls/cipher_suite.h"

namespace mk::tls {

inline constexpr size_t kMasterSecretLen = 48;
inline constexpr size_t kFinished12Len = 12;
using MasterSecret = Secret<kMasterSecretLen>;

// PRF(secret, label, seed1 || seed2) = P_hash(secret, label || seed), filling out.
// Label and seeds together must fit in 192 bytes (MK_ERR_INVALID_ARGUMENT).
Err prf12(const crypto::HashAlg& alg, ByteView secret, std::string_view label, ByteView seed1,
          ByteView seed2, ByteSpan out);

// RFC 7627 4: master_secret = PRF(pre_master_secret, "extended master secret",
// session_hash), the session hash covering the handshake through ClientKeyExchange.
Err extended_master_secret(const crypto::HashAlg& alg, ByteView pre_master, ByteView session_hash,
                           MasterSecret& out);

// verify_data for Finished: PRF(master, "client finished" / "server finished",
// Hash(handshake messages))[0..12].
Err finished12(const crypto::HashAlg& alg, const MasterSecret& master, bool from_client,
               ByteView transcript_hash, ByteSpan out);

// The key block (RFC 5246 6.3) cut into the AEAD write keys and fixed IVs (AEAD
// suites have no MAC keys).
struct KeyBlock12 {
  Secret<crypto::kMaxAeadKeyLen> client_key, server_key;
  Secret<crypto::kAeadNonceLen> client_iv, server_iv;
};
Err key_block12(const CipherSuite& suite, const MasterSecret& master, ByteView client_random,
                ByteView server_random, KeyBlock12& out);

}  // namespace mk::tls
