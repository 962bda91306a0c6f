// Inbound record framing: gathers the bytes of one record from whatever pieces
// the caller feeds, so the rest of the engine only ever sees whole records. The
// record is kept in one buffer where it is decrypted in place; its plaintext stays
// there until delivered, so application data is copied exactly once on the way in
// (feed) and once on the way out (read).
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/alloc.h"
#include "base/bytes.h"
#include "base/error.h"
#include "tls/record.h"

namespace mk::tls {

class RecordInput {
 public:
  // Take bytes from data until one record is complete. Returns the bytes taken;
  // *complete says whether a whole record is now buffered. A header that is not
  // TLS or announces an oversized record fails with its error and takes nothing more.
  Err gather(ByteView data, size_t* taken, bool* complete);

  // The buffered record (header included) and its parsed header; valid once
  // gather() reported complete.
  ByteSpan record() { return buf_.span(); }
  const RecordHeader& header() const { return header_; }

  // Forget the current record (after it has been processed and its plaintext, if
  // any, delivered).
  void clear() {
    buf_.clear();
    have_header_ = false;
  }
  bool empty() const { return buf_.empty(); }
  // Bytes of a record still incomplete.
  size_t partial() const { return buf_.size(); }
  void release_if_empty() {
    if (buf_.empty()) buf_.reset();
  }

 private:
  // Ciphertext, then the application's own plaintext: no key material, so it is
  // not wiped on release (see Buffer).
  Buffer buf_{Buffer::Wipe::never};
  RecordHeader header_;
  bool have_header_ = false;
};

}  // namespace mk::tls
