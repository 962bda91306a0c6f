#include "tls/record_input.h"

namespace mk::tls {

Err RecordInput::take_header() {
  MK_TRY(parse_record_header(buf_.view(), header_));
  have_header_ = true;
  // One allocation per record at most: reserve the whole record up front.
  if (!buf_.reserve(kRecordHeaderLen + header_.length)) return MK_ERR_OUT_OF_MEMORY;
  return MK_OK;
}

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
    MK_TRY(take_header());
  }
  if (!take(kRecordHeaderLen + header_.length)) return MK_ERR_OUT_OF_MEMORY;
  *complete = buf_.size() == kRecordHeaderLen + header_.length;
  return MK_OK;
}

ByteSpan RecordInput::space() {
  if (!buf_.reserve(wanted())) return {};
  return buf_.spare().first(wanted() - buf_.size());
}

Err RecordInput::commit(size_t n, bool* complete) {
  *complete = false;
  if (n > wanted() - buf_.size()) return MK_ERR_INVALID_ARGUMENT;
  if (!buf_.resize_uninit(buf_.size() + n)) return MK_ERR_OUT_OF_MEMORY;  // within capacity
  if (!have_header_ && buf_.size() == kRecordHeaderLen) MK_TRY(take_header());
  *complete = have_header_ && buf_.size() == wanted();
  return MK_OK;
}

}  // namespace mk::tls
