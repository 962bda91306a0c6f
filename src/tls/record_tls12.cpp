// TLS 1.2 record protection with AEAD ciphers (RFC 5246 6.2.3.3): the additional
// data is seq_num || type || version || plaintext length, and the nonce is either
// salt || explicit 8 bytes carried in the record (AES-GCM, RFC 5288) or the TLS 1.3
// construction (ChaCha20-Poly1305, RFC 7905).
#include <algorithm>
#include <limits>

#include "base/reader.h"
#include "base/writer.h"
#include "tls/record.h"

namespace mk::tls {
namespace {

constexpr size_t kTagLen = crypto::kAeadTagLen;
constexpr size_t kAadLen = 13;
constexpr uint64_t kLastSequence = std::numeric_limits<uint64_t>::max();

void additional_data(uint64_t seq, uint8_t type, size_t len, uint8_t out[kAadLen]) {
  Writer w{ByteSpan(out, kAadLen)};
  w.u32(static_cast<uint32_t>(seq >> 32));
  w.u32(static_cast<uint32_t>(seq));
  w.u8(type);
  w.u16(0x0303);
  w.u16(static_cast<uint16_t>(len));
}

}  // namespace

Err RecordProtection::set_tls12_keys(const CipherSuite& suite, ByteView key, ByteView fixed_iv) {
  clear();
  if (suite.version != 0x0303 || key.size() != suite.aead().key_len ||
      fixed_iv.size() != suite.fixed_iv_len)
    return MK_ERR_INVALID_ARGUMENT;
  key_.set(suite.aead(), key);
  std::copy(fixed_iv.begin(), fixed_iv.end(), iv_);
  tls12_ = true;
  explicit_nonce_len_ = suite.explicit_nonce_len;
  return MK_OK;
}

void RecordProtection::nonce12(ByteView explicit_nonce, uint8_t out[12]) const {
  if (explicit_nonce_len_ == 0) {
    nonce(out);  // RFC 7905: as in TLS 1.3
    return;
  }
  // RFC 5288 3: the 4-byte salt, then the 8 bytes the record carries.
  std::copy(iv_, iv_ + 4, out);
  std::copy(explicit_nonce.begin(), explicit_nonce.end(), out + 4);
}

Err RecordProtection::seal12(uint8_t type, size_t len, ByteSpan record) {
  if (len > kMaxPlaintext || record.size() != record_size(len)) return MK_ERR_INVALID_ARGUMENT;
  if (seq_ == kLastSequence) return MK_ERR_SEQUENCE_EXHAUSTED;
  const size_t body_len = explicit_nonce_len_ + len + kTagLen;
  write_record_header(record.first(kRecordHeaderLen), type, static_cast<uint16_t>(body_len));
  // The explicit nonce is the sequence number: unique per key, as RFC 5288 requires.
  ByteSpan explicit_nonce = record.subspan(kRecordHeaderLen, explicit_nonce_len_);
  if (!explicit_nonce.empty()) {
    Writer w(explicit_nonce);
    w.u32(static_cast<uint32_t>(seq_ >> 32));
    w.u32(static_cast<uint32_t>(seq_));
  }
  uint8_t aad[kAadLen];
  additional_data(seq_, type, len, aad);
  uint8_t n[crypto::kAeadNonceLen];
  nonce12(explicit_nonce, n);
  key_.seal(ByteView(n), ByteView(aad), record.subspan(payload_offset(), len),
            record.last(kTagLen));
  ++seq_;
  return MK_OK;
}

Err RecordProtection::open12(ByteSpan record, uint8_t* type, ByteSpan* plaintext) {
  RecordHeader h;
  MK_TRY(parse_record_header(record, h));
  if (h.length != record.size() - kRecordHeaderLen) return MK_ERR_INVALID_ARGUMENT;
  if (h.length < explicit_nonce_len_ + kTagLen) return MK_ERR_BAD_RECORD_MAC;
  if (seq_ == kLastSequence) return MK_ERR_SEQUENCE_EXHAUSTED;
  const size_t len = h.length - explicit_nonce_len_ - kTagLen;
  if (len > kMaxPlaintext) return MK_ERR_RECORD_OVERFLOW;
  uint8_t aad[kAadLen];
  additional_data(seq_, h.type, len, aad);
  uint8_t n[crypto::kAeadNonceLen];
  nonce12(record.subspan(kRecordHeaderLen, explicit_nonce_len_), n);
  ByteSpan body = record.subspan(payload_offset(), len);
  if (!key_.open(ByteView(n), ByteView(aad), body, record.last(kTagLen)))
    return MK_ERR_BAD_RECORD_MAC;
  ++seq_;
  *type = h.type;
  *plaintext = body;
  return MK_OK;
}

}  // namespace mk::tls
