// Ciphertext waiting to be sent. Records are built directly in the queue: the
// plaintext is copied to its place once and sealed there, so nothing is copied
// twice. The caller drains the queue through view() and ack(), which makes partial
// writes (a socket that took 100 of 5000 bytes) free: nothing is re-encrypted.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/alloc.h"
#include "base/bytes.h"
#include "base/error.h"
#include "tls/record.h"

namespace mk::tls {

class OutputQueue {
 public:
  size_t pending() const { return buf_.size() - sent_; }
  ByteView view() const { return buf_.view().subspan(sent_); }
  void ack(size_t n);

  // Append one record carrying payload (at most kMaxPlaintext bytes): plaintext when
  // protection is null or inactive, else sealed.
  Err add_record(uint8_t type, ByteView payload, RecordProtection* protection);

  // Free the memory when nothing is queued (idle connections hold no buffer).
  void release_if_empty();

 private:
  // Ciphertext once a call returns (plaintext only between the copy and the seal),
  // so it is not wiped.
  Buffer buf_{Buffer::Wipe::never};
  size_t sent_ = 0;  // bytes at the front already taken by the caller
};

}  // namespace mk::tls
