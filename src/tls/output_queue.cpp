#include "tls/output_queue.h"

#include <cstring>

#include "base/secure.h"

namespace mk::tls {

void OutputQueue::ack(size_t n) {
  sent_ += n < pending() ? n : pending();
  if (sent_ == buf_.size()) {
    buf_.clear();
    sent_ = 0;
  }
}

Err OutputQueue::add_record(uint8_t type, ByteView payload, RecordProtection* protection) {
  if (payload.size() > kMaxPlaintext) return MK_ERR_INTERNAL;
  // Reclaim the space of records already sent before growing.
  if (sent_ > 0) {
    buf_.consume_front(sent_);
    sent_ = 0;
  }
  const bool sealed = protection && protection->active();
  const size_t record_len =
      sealed ? protection->record_size(payload.size()) : kRecordHeaderLen + payload.size();
  const size_t offset = sealed ? protection->payload_offset() : kRecordHeaderLen;
  const size_t start = buf_.size();
  if (!buf_.resize_uninit(start + record_len)) return MK_ERR_OUT_OF_MEMORY;
  ByteSpan record = buf_.span().subspan(start, record_len);
  if (!payload.empty()) std::memcpy(record.data() + offset, payload.data(), payload.size());
  if (!sealed) {
    write_record_header(record, type, static_cast<uint16_t>(payload.size()));
    return MK_OK;
  }
  Err e = protection->seal_in_place(type, payload.size(), 0, record);
  if (e != MK_OK) {
    secure_wipe(record);  // the plaintext was never sealed
    buf_.resize(start);
  }
  return e;
}

void OutputQueue::release_if_empty() {
  if (pending() == 0) {
    buf_.reset();
    sent_ = 0;
  }
}

}  // namespace mk::tls
