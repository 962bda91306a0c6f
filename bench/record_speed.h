// Bulk speed: MB/s (10^6 bytes per second of CPU time) to seal and to open 16 KiB
// application records, through each library's TLS connection and through the
// provider's raw AEAD (the most a record layer on top of it could reach).
#pragma once

#include <string>

#include "stats.h"
#include "timing.h"
#include "tls_pair.h"

namespace mk::bench {

inline constexpr size_t kBulkRecordBytes = 16384;

struct SealOpenSpeed {
  Summary seal_mb_s;
  Summary open_mb_s;
  std::string error;
};

// Through a pair whose handshake is done: the client seals, the server opens. The
// pair is reconnected (a new handshake) between the two measurements.
SealOpenSpeed measure_pair_records(TlsPair& pair, const RunPlan& plan);

// The provider's AEAD for the suite on the same record: 16 KiB plus the inner
// content type byte, a 5-byte record header as additional data, a 16-byte tag.
SealOpenSpeed measure_raw_aead(uint16_t suite, const RunPlan& plan);

}  // namespace mk::bench
