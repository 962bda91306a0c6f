// How many bytes a handshake pushes through the hash and the AEAD, read from the
// records the two sides exchanged. The crypto floor hashes and seals exactly this
// much, so it tracks what the engine really sends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/error.h"

namespace mk::bench {

struct HandshakeVolume {
  size_t transcript_bytes = 0;  // handshake messages, as each side hashes them
  size_t sealed_bytes = 0;      // inner plaintext of protected records (one way each)
  size_t protected_records = 0;
};

// The records one side sent, back to back. Handshake records count in full;
// application_data records (protected handshake messages) count their inner
// plaintext, and their content minus the inner type byte (no padding is assumed)
// towards the transcript; change_cipher_spec records count for nothing.
// MK_ERR_DECODE when the bytes are not whole records.
Err add_records(const std::vector<uint8_t>& records, HandshakeVolume& volume);

}  // namespace mk::bench
