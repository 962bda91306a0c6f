#include "crypto/ecdsa_der.h"

#include "base/reader.h"
#include "base/writer.h"
#include "crypto/ec_scalar.h"

namespace mk::crypto {
namespace {

constexpr uint8_t kTagSequence = 0x30;
constexpr uint8_t kTagInteger = 0x02;

// A DER length: the short form below 128, else 0x81 and one byte of at least 128.
// Our signatures never need more (P-521's is at most 139 bytes).
size_t read_length(Reader& r) {
  const uint8_t first = r.u8();
  if (first < 0x80) return first;
  if (first == 0x81) {
    const uint8_t len = r.u8();
    if (len >= 0x80) return len;
  }
  r.fail();
  return 0;
}

void write_length(Writer& w, size_t len) {
  if (len >= 0x80) w.u8(0x81);
  w.u8(static_cast<uint8_t>(len));
}

// One INTEGER into out (left-padded), refusing every non-canonical form.
void read_integer(Reader& r, ByteView order, ByteSpan out) {
  if (r.u8() != kTagInteger) r.fail();
  ByteView content = r.bytes(read_length(r));
  if (!r.ok() || content.empty()) {
    r.fail();
    return;
  }
  if (content[0] & 0x80) {  // negative
    r.fail();
    return;
  }
  if (content[0] == 0 && content.size() > 1) {
    // A leading zero is only there to keep the next byte's top bit from reading
    // as a sign.
    if (!(content[1] & 0x80)) {
      r.fail();
      return;
    }
    content = content.subspan(1);
  }
  if (content.size() > out.size()) {
    r.fail();
    return;
  }
  const size_t pad = out.size() - content.size();
  for (size_t i = 0; i < pad; ++i) out[i] = 0;
  for (size_t i = 0; i < content.size(); ++i) out[pad + i] = content[i];
  if (!scalar_in_range(out, order)) r.fail();
}

// The big-endian magnitude without leading zeros (one zero byte for zero).
ByteView minimal(ByteView v) {
  size_t skip = 0;
  while (skip + 1 < v.size() && v[skip] == 0) ++skip;
  return v.subspan(skip);
}

size_t integer_content_len(ByteView magnitude) {
  return magnitude.size() + ((magnitude[0] & 0x80) ? 1 : 0);
}

void write_integer(Writer& w, ByteView magnitude) {
  w.u8(kTagInteger);
  write_length(w, integer_content_len(magnitude));
  if (magnitude[0] & 0x80) w.u8(0);
  w.bytes(magnitude);
}

}  // namespace

Err ecdsa_der_to_raw(ByteView der, ByteView order, ByteSpan raw) {
  const size_t n = order.size();
  if (n == 0 || raw.size() != 2 * n) return MK_ERR_INVALID_ARGUMENT;
  Reader outer(der);
  if (outer.u8() != kTagSequence) return MK_ERR_DECRYPT_ERROR;
  Reader seq(outer.bytes(read_length(outer)));
  if (!outer.expect_end()) return MK_ERR_DECRYPT_ERROR;
  read_integer(seq, order, raw.first(n));
  read_integer(seq, order, raw.subspan(n));
  if (!seq.expect_end()) return MK_ERR_DECRYPT_ERROR;
  return MK_OK;
}

Err ecdsa_raw_to_der(ByteView raw, ByteSpan out, size_t* out_len) {
  if (raw.empty() || raw.size() % 2 != 0 || !out_len) return MK_ERR_INVALID_ARGUMENT;
  const size_t n = raw.size() / 2;
  const ByteView r = minimal(raw.first(n)), s = minimal(raw.subspan(n));
  const size_t content = 2 + integer_content_len(r) + 2 + integer_content_len(s);
  Writer w(out);
  w.u8(kTagSequence);
  write_length(w, content);
  write_integer(w, r);
  write_integer(w, s);
  if (!w.ok()) return MK_ERR_INVALID_ARGUMENT;
  *out_len = w.size();
  return MK_OK;
}

}  // namespace mk::crypto
