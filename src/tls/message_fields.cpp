#include "tls/message_fields.h"

namespace mk::tls {
namespace {

constexpr uint16_t kMinRecordSizeLimit = 64;

}  // namespace

void write_opaque(Writer& w, size_t prefix_len, ByteView data) {
  size_t vec = w.begin_vec(prefix_len);
  w.bytes(data);
  w.end_vec(vec);
}

Err read_u16_list(Reader& r, size_t prefix_len, size_t min_items, U16List& out) {
  ByteView raw = r.vec(prefix_len);
  if (!r.ok() || raw.size() % 2 != 0 || raw.size() < 2 * min_items) return MK_ERR_DECODE;
  out.raw = raw;
  return MK_OK;
}

void write_u16_list(Writer& w, size_t prefix_len, std::span<const uint16_t> values) {
  size_t list = w.begin_vec(prefix_len);
  for (uint16_t v : values) w.u16(v);
  w.end_vec(list);
}

Err read_key_share_entry(Reader& r, KeyShareEntry& out) {
  out.group = r.u16();
  out.key_exchange = r.vec(2);
  if (!r.ok() || out.key_exchange.empty()) return MK_ERR_DECODE;
  return MK_OK;
}

void write_key_share_entry(Writer& w, const KeyShareEntry& entry) {
  w.u16(entry.group);
  write_opaque(w, 2, entry.key_exchange);
}

Err read_record_size_limit(Reader& r, uint16_t& out) {
  out = r.u16();
  if (!r.ok()) return MK_ERR_DECODE;
  return out < kMinRecordSizeLimit ? MK_ERR_ILLEGAL_PARAMETER : MK_OK;
}

size_t begin_extension(Writer& w, uint16_t type) {
  w.u16(type);
  return w.begin_vec(2);
}

void write_record_size_limit_extension(Writer& w, uint16_t limit) {
  if (limit == 0) return;
  size_t e = begin_extension(w, kExtRecordSizeLimit);
  w.u16(limit);
  end_extension(w, e);
}

}  // namespace mk::tls
