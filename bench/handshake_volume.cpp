#include "handshake_volume.h"

#include "base/reader.h"

namespace mk::bench {
namespace {

constexpr uint8_t kHandshakeRecord = 22;
constexpr uint8_t kApplicationDataRecord = 23;
constexpr size_t kTagLen = 16;

}  // namespace

Err add_records(const std::vector<uint8_t>& records, HandshakeVolume& volume) {
  Reader r(ByteView(records.data(), records.size()));
  while (r.ok() && !r.empty()) {
    uint8_t type = r.u8();
    r.u16();  // legacy record version
    ByteView body = r.vec(2);
    if (!r.ok()) break;
    if (type == kHandshakeRecord) {
      volume.transcript_bytes += body.size();
    } else if (type == kApplicationDataRecord) {
      if (body.size() < kTagLen + 1) return MK_ERR_DECODE;
      volume.sealed_bytes += body.size() - kTagLen;
      volume.transcript_bytes += body.size() - kTagLen - 1;
      ++volume.protected_records;
    }
  }
  return r.status();
}

}  // namespace mk::bench
