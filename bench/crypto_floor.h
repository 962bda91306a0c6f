// The crypto floor of a handshake: the primitive operations a full TLS 1.3
// handshake of a scenario cannot avoid (RFC 8446 without PSK: both key shares and
// shared secrets, the server's CertificateVerify signature and the client's check
// of it, the client's checks of the two certificate signatures in the chain, the
// transcript hash on both sides, the key schedule's HMACs, the record keys and
// the protected handshake records), each timed on its own through Meerkat's
// crypto provider. Measured handshake cost over this floor is the engine's own
// work: parsing, state, copies, allocation.
#pragma once

#include <functional>
#include <memory>
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
  std::function<bool()> call;
  int iterations = 1;           // calls per run
  std::vector<double> seconds;  // one call, per run
};

// Measured a run at a time, so the caller can alternate floor runs with handshake
// runs and compare each handshake run with the floor measured beside it.
class CryptoFloor {
 public:
  // Keys, messages and run lengths for one scenario, given the bytes its handshake
  // really hashes and seals. False, with error(), when an operation fails.
  bool prepare(const Scenario& s, const HandshakeVolume& volume, const RunPlan& plan);
  // One run of every operation; returns the floor of one handshake in seconds (the
  // sum of count x time per call), or a negative value when an operation failed.
  double run();

  const std::vector<FloorOp>& ops() const { return ops_; }
  const std::string& error() const { return error_; }

 private:
  void add(std::string name, int count, std::function<bool()> call);

  RunPlan plan_;
  std::vector<FloorOp> ops_;
  std::string error_;
  struct Material;  // keys and buffers the operations work on
  std::shared_ptr<Material> material_;
};

}  // namespace mk::bench
