// Meerkat's Mongoose backend (integrations/mongoose) driven through the test host
// with arbitrary inbound bytes.
//
// Input: options chunk*. options picks the backend's role and Mongoose's network
// stack (support/mongoose_run.h). Each chunk is written into the backend's socket
// as one send(), the host polls until idle, and whatever the backend sent back is
// read and dropped. Then the peer's end closes. The backend's engine uses the
// library's default RNG, which fuzz builds restart from a fixed seed per input, and
// the host's clock is fixed, so seeds recorded from a real peer (fuzz/seeds.cpp)
// complete the handshake and an HTTP exchange.
#include <cstddef>
#include <cstdint>

#include "support/deterministic.h"
#include "support/fuzz_input.h"
#include "support/mongoose_run.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mk::fuzz;
  restart_randomness();
  FuzzInput in(data, size);
  MongooseRun run(in.byte());
  run.take_sent();
  while (!in.empty() && !run.closed()) {
    run.deliver(in.chunk());
    run.take_sent();
  }
  return 0;
}
