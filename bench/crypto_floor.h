// The crypto floor of a handshake: the primitive operations a full TLS 1.3
// handshake of a scenario cannot avoid (RFC 8446 without PSK: both key shares and
// shared secrets, the server's CertificateVerify signature and the client's check
// of it, the client's checks of the two certificate signatures in the chain, the
// transcript hash on both sides, the key schedule's HMACs, the record keys and
// the protected handshake records), each timed on its own through Meerkat's
// crypto provider. Measured handshake cost over this floor is the engine's own
// work: parsing, state, copies, allocation.
#pragma once

#include <string>
#include <vector>

#include "handshake_volume.h"
#include "scenario.h"
#include "stats.h"
#include "timing.h"

namespace mk::bench {

struct FloorOp {
  std::string name;  // "P-256 key share generation"
  int count = 0;     // times one handshake performs it (both sides)
  Summary seconds;   // one operation
};

struct CryptoFloor {
  std::vector<FloorOp> ops;
  // Sum of count x median (min and max: the sums of the fastest and slowest runs).
  Summary total_seconds;
  std::string error;  // set when an operation failed
};

// The floor for one scenario, given the bytes its handshake really hashes and seals.
CryptoFloor measure_crypto_floor(const Scenario& s, const HandshakeVolume& volume,
                                 const RunPlan& plan);

}  // namespace mk::bench
