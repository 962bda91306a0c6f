// Bulk speed: MB/s (10^6 bytes per second of CPU time) to seal and to open 16 KiB
// application records, through each library's TLS connection and through the
// provider's raw AEAD (the most a record layer on top of it could reach). Each
// source is measured a run at a time, so a caller can alternate between sources
// and give them all the same machine.
#pragma once

#include <memory>
#include <string>

#include "library_pair.h"
#include "timing.h"

namespace mk::bench {

inline constexpr size_t kBulkRecordBytes = 16384;

class RecordSpeed {
 public:
  virtual ~RecordSpeed() = default;
  // One run of about plan.run_seconds (one record in quick mode). False, with
  // error(), when a record could not be sealed or opened.
  virtual bool seal_run(const RunPlan& plan, double* mb_per_s) = 0;
  virtual bool open_run(const RunPlan& plan, double* mb_per_s) = 0;
  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

// Through TLS connections: the client of `sealer` seals (its records are dropped);
// the server of `opener` opens records its own client sealed. Both pairs must have
// finished their handshakes. Two pairs, because dropped records move the sealer's
// sequence number past what its server expects.
std::unique_ptr<RecordSpeed> pair_record_speed(std::unique_ptr<LibraryPair> sealer,
                                               std::unique_ptr<LibraryPair> opener);

// The provider's AEAD for the suite on the same record: 16 KiB plus the inner
// content type byte, a 5-byte record header as additional data, a 16-byte tag.
// nullptr for a suite the provider does not have.
std::unique_ptr<RecordSpeed> raw_aead_speed(uint16_t suite);

}  // namespace mk::bench
