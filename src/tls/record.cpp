#include "tls/record.h"

#include <algorithm>
#include <limits>

#include "base/reader.h"
#include "base/secure.h"
#include "base/writer.h"
#include "tls/features.h"
#include "tls/key_schedule.h"

namespace mk::tls {
namespace {

constexpr size_t kTagLen = crypto::kAeadTagLen;
// RFC 8446 5.4: the encoded TLSInnerPlaintext (content, type byte, padding) is at
// most 2^14 + 1 bytes.
constexpr size_t kMaxInnerPlaintext = kMaxPlaintext + 1;
// A key may protect sequence numbers 0 .. 2^64 - 2; the next one would wrap
// (RFC 8446 5.3), so the connection has to end or rekey first.
constexpr uint64_t kLastSequence = std::numeric_limits<uint64_t>::max();

bool is_content_type(uint8_t type) {
  switch (type) {
    case kChangeCipherSpec:
    case kAlert:
    case kHandshake:
    case kApplicationData:
      return true;
    default:
      return false;
  }
}

}  // namespace

Err parse_record_header(ByteView header, RecordHeader& out) {
  if (header.size() < kRecordHeaderLen) return MK_ERR_WANT_MORE;
  Reader r(header.first(kRecordHeaderLen));
  out.type = r.u8();
  out.version = r.u16();
  out.length = r.u16();
  if (!is_content_type(out.type) || (out.version >> 8) != 0x03) return MK_ERR_NOT_TLS;
  if (out.length > kMaxCiphertext) return MK_ERR_RECORD_OVERFLOW;
  return MK_OK;
}

void write_record_header(ByteSpan out, uint8_t type, uint16_t length) {
  Writer w(out);
  w.u8(type);
  // legacy_record_version: 0x0303 on every record a TLS 1.3 endpoint sends (5.1).
  w.u16(0x0303);
  w.u16(length);
}

Err RecordProtection::set_traffic_secret(const CipherSuite& suite, ByteView traffic_secret) {
  clear();
  TrafficKeys keys;
  MK_TRY(derive_traffic_keys(suite, traffic_secret, keys));
  key_.set(suite.aead(), keys.key.view());
  std::copy(keys.iv.view().begin(), keys.iv.view().end(), iv_);
  return MK_OK;
}

void RecordProtection::clear() {
  key_.clear();
  secure_wipe(iv_, sizeof iv_);
  seq_ = 0;
  tls12_ = false;
  explicit_nonce_len_ = 0;
}

// Per-record nonce (RFC 8446 5.3): the sequence number, big-endian and left-padded
// with zeros to the IV length, XORed into the static IV.
void RecordProtection::nonce(uint8_t out[12]) const {
  for (size_t i = 0; i < crypto::kAeadNonceLen; ++i) out[i] = iv_[i];
  for (size_t i = 0; i < 8; ++i)
    out[crypto::kAeadNonceLen - 1 - i] ^= static_cast<uint8_t>(seq_ >> (8 * i));
}

Err RecordProtection::seal_in_place(uint8_t inner_type, size_t len, size_t pad, ByteSpan record) {
  if (!active()) return MK_ERR_BAD_STATE;
  if constexpr (kTls12Enabled)
    if (tls12_) return pad == 0 ? seal12(inner_type, len, record) : MK_ERR_INVALID_ARGUMENT;
  if (inner_type == 0 || len > kMaxPlaintext || pad > kMaxInnerPlaintext - 1 - len)
    return MK_ERR_INVALID_ARGUMENT;
  if (record.size() != sealed_size(len, pad)) return MK_ERR_INVALID_ARGUMENT;
  if (seq_ == kLastSequence) return MK_ERR_SEQUENCE_EXHAUSTED;

  size_t inner_len = len + 1 + pad;
  ByteSpan header = record.first(kRecordHeaderLen);
  ByteSpan inner = record.subspan(kRecordHeaderLen, inner_len);
  ByteSpan tag = record.last(kTagLen);
  write_record_header(header, kApplicationData, static_cast<uint16_t>(inner_len + kTagLen));
  inner[len] = inner_type;
  ByteSpan padding = inner.subspan(len + 1);
  std::fill(padding.begin(), padding.end(), uint8_t{0});

  uint8_t n[crypto::kAeadNonceLen];
  nonce(n);
  key_.seal(ByteView(n), header, inner, tag);
  ++seq_;
  return MK_OK;
}

Err RecordProtection::open_in_place(ByteSpan record, uint8_t* inner_type, ByteSpan* plaintext) {
  if (!active()) return MK_ERR_BAD_STATE;
  if (record.size() < kRecordHeaderLen) return MK_ERR_INVALID_ARGUMENT;
  if constexpr (kTls12Enabled)
    if (tls12_) return open12(record, inner_type, plaintext);
  RecordHeader h;
  MK_TRY(parse_record_header(record, h));
  if (h.type != kApplicationData) return MK_ERR_UNEXPECTED_MESSAGE;
  if (h.length != record.size() - kRecordHeaderLen) return MK_ERR_INVALID_ARGUMENT;
  // Too short to hold a tag: it cannot authenticate (RFC 8446 5.2: bad_record_mac).
  if (h.length < kTagLen) return MK_ERR_BAD_RECORD_MAC;
  if (seq_ == kLastSequence) return MK_ERR_SEQUENCE_EXHAUSTED;

  ByteView header = record.first(kRecordHeaderLen);
  ByteSpan inner = record.subspan(kRecordHeaderLen, h.length - kTagLen);
  ByteView tag = record.last(kTagLen);
  uint8_t n[crypto::kAeadNonceLen];
  nonce(n);
  if (!key_.open(ByteView(n), header, inner, tag)) return MK_ERR_BAD_RECORD_MAC;
  ++seq_;
  if (inner.size() > kMaxInnerPlaintext) return MK_ERR_RECORD_OVERFLOW;

  // The content type is the last non-zero byte. The scan stays inside the
  // authenticated plaintext and its time reveals only the amount of padding, which
  // RFC 8446 5.4 accepts.
  size_t end = inner.size();
  while (end > 0 && inner[end - 1] == 0) --end;
  if (end == 0) return MK_ERR_UNEXPECTED_MESSAGE;
  *inner_type = inner[end - 1];
  *plaintext = inner.first(end - 1);
  return MK_OK;
}

}  // namespace mk::tls
