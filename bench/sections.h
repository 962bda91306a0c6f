// The six parts of `make bench`, in the order. Each measures Meerkat and
// OpenSSL in the same run and appends its rows to the report.
#pragma once

#include "report.h"
#include "timing.h"

namespace mk::bench {

struct BenchContext {
  RunPlan plan;
  Report* report;
  bool verbose = false;  // progress lines on stderr
};

void add_handshake_rows(BenchContext& ctx);  // 1. handshake cost and the crypto floor
void add_bulk_rows(BenchContext& ctx);       // 2. bulk record speed
void add_loopback_rows(BenchContext& ctx);   // 3. over loopback with a load generator
void add_memory_rows(BenchContext& ctx);     // 4. heap per handshake and per connection
void add_code_size_rows(BenchContext& ctx);  // 5. .text of a minimal server
void add_ca_bundle_rows(BenchContext& ctx);  // 6. loading Debian's CA bundle

}  // namespace mk::bench
