// Wire fields that several handshake messages share: u16 lists, key share
// entries, record_size_limit, and the framing of one extension.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/reader.h"
#include "base/writer.h"
#include "tls/messages.h"

namespace mk::tls {

// Bytes behind a prefix_len-byte length (opaque data<..> in RFC 8446's notation).
void write_opaque(Writer& w, size_t prefix_len, ByteView data);

// A list of u16 values behind a prefix_len-byte length with at least min_items
// entries; MK_ERR_DECODE otherwise.
Err read_u16_list(Reader& r, size_t prefix_len, size_t min_items, U16List& out);
void write_u16_list(Writer& w, size_t prefix_len, std::span<const uint16_t> values);

// KeyShareEntry: group and a non-empty key_exchange<1..2^16-1>.
Err read_key_share_entry(Reader& r, KeyShareEntry& out);
void write_key_share_entry(Writer& w, const KeyShareEntry& entry);

// record_size_limit (RFC 8449 4): a u16 of at least 64 (MK_ERR_ILLEGAL_PARAMETER
// below).
Err read_record_size_limit(Reader& r, uint16_t& out);
// The whole extension, or nothing when limit is 0.
void write_record_size_limit_extension(Writer& w, uint16_t limit);

// Start an extension of the given type; close it with end_extension.
size_t begin_extension(Writer& w, uint16_t type);
inline void end_extension(Writer& w, size_t marker) {
  w.end_vec(marker);
}

}  // namespace mk::tls
