// A client and a server connection wired together in memory through the public C
// API, for handshake and record-layer tests without sockets. Bytes move only when a
// test calls pump(), so a test can stop between flights, tamper with a flight, or
// deliver it one byte at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "meerkat/meerkat.h"

namespace mk::test {

struct ConfigDeleter {
  void operator()(mk_config* c) const { mk_config_free(c); }
};
struct ConnDeleter {
  void operator()(mk_conn* c) const { mk_conn_free(c); }
};
using ConfigPtr = std::unique_ptr<mk_config, ConfigDeleter>;
using ConnPtr = std::unique_ptr<mk_conn, ConnDeleter>;

// 2027-01-01T00:00:00Z: inside the test certificates' validity (2026..2036).
inline constexpr int64_t kTestNow = 1798761600;
int64_t fixed_test_time(void*);

// tests/data/certs/<dir>/chain.pem and key.pem (dir: "ecdsa-p256", "rsa-2048", ...).
ConfigPtr server_config(const std::string& dir);
// A client that trusts tests/data/certs/<dir>/ca.pem and checks the name "localhost".
ConfigPtr client_config(const std::string& ca_dir);

// "<key>_<suite>_<group>" with every other character made '_', for TEST_P names.
std::string case_name(const std::string& key_dir, uint16_t suite, uint16_t group);

class TlsPair {
 public:
  // The configs must outlive the pair. The client gets server name "localhost".
  TlsPair(const mk_config* client_cfg, const mk_config* server_cfg);

  mk_conn* client() { return client_.get(); }
  mk_conn* server() { return server_.get(); }

  // Move every queued byte of from's output into to, in pieces of at most chunk
  // bytes, reading plaintext out of `to` into its sink whenever it blocks. Returns
  // the bytes moved.
  size_t pump(mk_conn* from, mk_conn* to, size_t chunk = SIZE_MAX);
  // Start the client and pump both ways until neither side has output. True when
  // both finished the handshake.
  bool handshake(size_t chunk = SIZE_MAX);
  // Pump both ways until quiet.
  void settle(size_t chunk = SIZE_MAX);

  // Write all of data on from (pumping to its peer when the queue is full).
  bool send(mk_conn* from, const std::string& data);
  // Plaintext received so far by a side (appended by pump()).
  std::string& received(mk_conn* side) { return side == client() ? client_rx_ : server_rx_; }

  // Take one side's queued output without delivering it (for tampering).
  std::string take_output(mk_conn* from);
  // Feed raw bytes to a side; returns mk_conn_feed's result.
  int feed(mk_conn* to, const std::string& bytes);

 private:
  void drain_plaintext(mk_conn* side);
  mk_conn* peer_of(mk_conn* side) { return side == client() ? server() : client(); }

  ConnPtr client_, server_;
  std::string client_rx_, server_rx_;
};

}  // namespace mk::test
