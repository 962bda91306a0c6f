// Inbound record framing: gathers the bytes of one record from whatever pieces
// the caller feeds, so the rest of the engine only ever sees whole records. The
// record is kept in one buffer where it is decrypted in place; its plaintext stays
// there until delivered. Bytes arrive either copied in (gather, for mk_conn_feed)
// or written straight into the buffer by the caller (space + commit, for
// mk_conn_input_space), and leave either copied out (mk_conn_read) or read in place
// (mk_conn_read_view): a caller using both in-place calls copies nothing.
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

  // Where the next bytes of the current record go: the rest of its 5-byte header
  // until that is known, then the rest of its body, never past the record's end
  // (so a record never has to be split out of a larger read). Empty on allocation
  // failure.
  ByteSpan space();
  // The caller wrote n bytes (at most space().size()) at space(): take them, as
  // gather() would have.
  Err commit(size_t n, bool* complete);

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
  // Once the header is complete: parse it and make room for the whole record.
  Err take_header();
  size_t wanted() const {
    return have_header_ ? kRecordHeaderLen + header_.length : kRecordHeaderLen;
  }

  RecordHeader header_;
  bool have_header_ = false;
};

}  // namespace mk::tls
