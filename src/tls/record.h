// TLS 1.3 record layer (RFC 8446 5): header parsing and in-place record protection.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/provider.h"
#include "tls/cipher_suite.h"

namespace mk::tls {

enum ContentType : uint8_t {
  kChangeCipherSpec = 20,
  kAlert = 21,
  kHandshake = 22,
  kApplicationData = 23,
};

inline constexpr size_t kRecordHeaderLen = 5;
inline constexpr size_t kMaxPlaintext = 16384;
inline constexpr size_t kMaxCiphertext = 16384 + 256;  // RFC 8446 5.2
inline constexpr size_t kMaxRecordLen = kRecordHeaderLen + kMaxCiphertext;

struct RecordHeader {
  uint8_t type = 0;
  uint16_t version = 0;
  uint16_t length = 0;
};

// Parse and check a 5-byte header. Unknown content types and versions that are not
// 0x03xx give MK_ERR_NOT_TLS (a peer talking something else, e.g. plain HTTP);
// a length over kMaxCiphertext gives MK_ERR_RECORD_OVERFLOW; fewer than 5 bytes
// MK_ERR_WANT_MORE. Bytes after the first 5 are ignored.
Err parse_record_header(ByteView header, RecordHeader& out);

// Write a 5-byte header into out.
void write_record_header(ByteSpan out, uint8_t type, uint16_t length);

// Protection for one direction: AEAD key, static IV and the sequence number.
class RecordProtection {
 public:
  RecordProtection() = default;
  RecordProtection(const RecordProtection&) = delete;
  RecordProtection& operator=(const RecordProtection&) = delete;
  ~RecordProtection() { clear(); }

  // Derive key and IV from a traffic secret ("key", "iv" labels) and reset the
  // sequence number to 0.
  Err set_traffic_secret(const CipherSuite& suite, ByteView traffic_secret);
  // TLS 1.2 (RFC 5246 6.2.3.3, RFC 5288, RFC 7905): the write key and the fixed IV
  // (4-byte GCM salt or 12-byte ChaCha20 IV) from the key block; sequence number 0.
  // Records then carry their real content type in the header and no inner type.
  Err set_tls12_keys(const CipherSuite& suite, ByteView key, ByteView fixed_iv);
  bool is_tls12() const { return tls12_; }
  bool active() const { return key_.valid(); }
  void clear();
  uint64_t sequence() const { return seq_; }
  // Tests start near 2^64 to check that the sequence number never wraps.
  void set_sequence(uint64_t seq) { seq_ = seq; }

  // Size of the protected TLS 1.3 record for a plaintext of len bytes and pad zero bytes.
  static size_t sealed_size(size_t len, size_t pad) {
    return kRecordHeaderLen + len + 1 + pad + 16;
  }
  // This key's record size for len bytes of plaintext (no padding), and where the
  // plaintext sits in it (after the header, and in TLS 1.2 GCM the explicit nonce).
  size_t record_size(size_t len) const {
    return tls12_ ? payload_offset() + len + 16 : sealed_size(len, 0);
  }
  size_t payload_offset() const { return kRecordHeaderLen + explicit_nonce_len_; }

  // Seal in place. record[payload_offset() .. +len) holds the plaintext; record must be
  // sealed_size(len, pad) long. Writes the header, the inner content type, padding and
  // the tag. MK_ERR_INVALID_ARGUMENT for a plaintext over kMaxPlaintext, content plus
  // padding over 2^14 + 1 bytes, inner type 0 or a record of the wrong size;
  // MK_ERR_BAD_STATE without a key; MK_ERR_SEQUENCE_EXHAUSTED once 2^64 - 1 records
  // were sealed with this key.
  Err seal_in_place(uint8_t inner_type, size_t len, size_t pad, ByteSpan record);

  // Open in place. record is a whole record (header + ciphertext) with outer type
  // application_data. On success *inner_type is the real content type and
  // *plaintext points inside record. MK_ERR_BAD_RECORD_MAC on a bad tag (or a
  // record too short to hold one), MK_ERR_RECORD_OVERFLOW if the ciphertext exceeds
  // kMaxCiphertext or the plaintext 2^14, MK_ERR_UNEXPECTED_MESSAGE if the outer type
  // is not application_data or the inner plaintext is all zeros (no content type),
  // MK_ERR_INVALID_ARGUMENT if the header's length is not the record's,
  // MK_ERR_SEQUENCE_EXHAUSTED as for seal.
  // In TLS 1.2 every content type is protected, *inner_type is the header's, and
  // there is no padding.
  Err open_in_place(ByteSpan record, uint8_t* inner_type, ByteSpan* plaintext);

 private:
  void nonce(uint8_t out[12]) const;
  // TLS 1.2 halves, in record_tls12.cpp.
  void nonce12(ByteView explicit_nonce, uint8_t out[12]) const;
  Err seal12(uint8_t type, size_t len, ByteSpan record);
  Err open12(ByteSpan record, uint8_t* type, ByteSpan* plaintext);

  crypto::AeadKey key_;
  uint8_t iv_[12] = {};
  uint64_t seq_ = 0;
  bool tls12_ = false;
  uint8_t explicit_nonce_len_ = 0;
};

}  // namespace mk::tls
