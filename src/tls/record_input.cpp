#include "tls/record_input.h"

namespace mk::tls {

Err RecordInput::gather(ByteView data, size_t* taken, bool* complete) {
  *taken = 0;
  *complete = false;
  auto take = [&](size_t want) -> bool {
    size_t n = want - buf_.size();
    if (n > data.size() - *taken) n = data.size() - *taken;
    if (!buf_.append(data.subspan(*taken, n))) return false;
    *taken += n;
    return true;
  };
  if (!have_header_) {
    if (!buf_.reserve(kRecordHeaderLen)) return MK_ERR_OUT_OF_MEMORY;
    if (!take(kRecordHeaderLen)) return MK_ERR_OUT_OF_MEMORY;
    if (buf_.size() < kRecordHeaderLen) return MK_OK;
    MK_TRY(parse_record_header(buf_.view(), header_));
    have_header_ = true;
    // One allocation per record at most: reserve the whole record up front.
    if (!buf_.reserve(kRecordHeaderLen + header_.length)) return MK_ERR_OUT_OF_MEMORY;
  }
  if (!take(kRecordHeaderLen + header_.length)) return MK_ERR_OUT_OF_MEMORY;
  *complete = buf_.size() == kRecordHeaderLen + header_.length;
  return MK_OK;
}

}  // namespace mk::tls
