// The record layer after a completed handshake, with fixed keys.
//
// Each input first completes a handshake in memory between a client and a server
// with fixed randomness (so the keys are the same every run), then plays a script
// against one of them, the victim, with the other as the peer:
//
//   input   = options op*
//   options bit 0: the victim is the client (1) or the server (0);
//           (options >> 1) % 7: which configs talk (kPairs: TLS 1.3 or 1.2, each
//           AEAD, HelloRetryRequest with a 512-byte record size limit)
//   op      = kind (byte % 8) then its operands:
//     0 raw          chunk: ciphertext straight to the victim (any bytes at all)
//     1 sealed       type byte, chunk: the peer seals a record of that content type
//                    with its current write key, outside the protocol's rules
//                    (KeyUpdate, alerts, NewSessionTicket, handshake messages after
//                    the handshake, empty records, CCS ...) and the victim opens it
//     2 peer update  byte: the peer sends a real KeyUpdate (bit 0: update_requested)
//     3 peer data    chunk: the peer writes application data
//     4 peer close   the peer sends close_notify
//     5 victim data  chunk: the victim writes application data
//     6 victim upd.  byte: the victim sends a KeyUpdate
//     7 victim eof   the transport ends
// After every op each side's output is delivered to the other, so the peer answers
// KeyUpdate requests and the two stay in step unless the script says otherwise.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "api/handles.h"
#include "meerkat/meerkat.h"
#include "support/configs.h"
#include "support/deterministic.h"
#include "support/fuzz_input.h"
#include "tls/record.h"

namespace {

using namespace mk::fuzz;

struct Pair {
  size_t client_variant, server_variant;
};
// Combinations that complete a handshake (support/configs.h lists the variants).
// The clients verify nothing, so that the handshake before the script stays cheap.
constexpr Pair kPairs[] = {
    {4, 0},  // TLS 1.3, AES-128-GCM
    {8, 0},  // TLS 1.2, AES-128-GCM
    {6, 0},  // TLS 1.3, ChaCha20-Poly1305
    {6, 3},  // TLS 1.2, ChaCha20-Poly1305
    {7, 0},  // TLS 1.3, AES-256-GCM
    {7, 3},  // TLS 1.2, AES-256-GCM
    {4, 4},  // TLS 1.3 after HelloRetryRequest, record_size_limit 512
};
constexpr size_t kPairCount = sizeof kPairs / sizeof kPairs[0];

enum Op : uint8_t {
  kRaw,
  kSealed,
  kPeerKeyUpdate,
  kPeerData,
  kPeerClose,
  kVictimData,
  kVictimKeyUpdate,
  kVictimEof,
};

bool handshake(mk_conn* client, mk_conn* server) {
  mk_conn_start(client);
  for (int round = 0; round < 16; ++round)
    if (pump(client, server) + pump(server, client) == 0) break;
  return (mk_conn_state(client) & MK_STATE_HANDSHAKE_DONE) &&
         (mk_conn_state(server) & MK_STATE_HANDSHAKE_DONE);
}

void play(FuzzInput& in, mk_conn* victim, mk_conn* peer) {
  while (!in.empty() && !(mk_conn_state(victim) & MK_STATE_FAILED)) {
    size_t used = 0;
    switch (static_cast<Op>(in.byte() % 8)) {
      case kRaw: {
        const auto bytes = in.chunk();
        mk_conn_feed(victim, bytes.data(), bytes.size(), &used);
        discard_plaintext(victim);
        break;
      }
      case kSealed: {
        const uint8_t type = in.byte();
        auto payload = in.chunk();
        payload = payload.first(std::min(payload.size(), mk::tls::kMaxPlaintext));
        static_cast<mk::tls::Connection*>(peer)->queue_raw_record(type, payload);
        break;
      }
      case kPeerKeyUpdate:
        mk_conn_key_update(peer, in.byte() & 1);
        break;
      case kPeerData: {
        const auto bytes = in.chunk();
        mk_conn_write(peer, bytes.data(), bytes.size(), &used);
        break;
      }
      case kPeerClose:
        mk_conn_close(peer);
        break;
      case kVictimData: {
        const auto bytes = in.chunk();
        mk_conn_write(victim, bytes.data(), bytes.size(), &used);
        break;
      }
      case kVictimKeyUpdate:
        mk_conn_key_update(victim, in.byte() & 1);
        break;
      case kVictimEof:
        mk_conn_feed_eof(victim);
        break;
    }
    pump(peer, victim);
    pump(victim, peer);
    pump(peer, victim);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  restart_randomness();
  FuzzInput in(data, size);
  const uint8_t options = in.byte();
  const Pair pair = kPairs[(options >> 1) % kPairCount];
  mk_conn* client = new_connection(client_config(pair.client_variant), true);
  mk_conn* server = new_connection(server_config(pair.server_variant), false);
  if (client && server && handshake(client, server)) {
    const bool victim_is_client = options & 1;
    play(in, victim_is_client ? client : server, victim_is_client ? server : client);
  }
  trace_outcome("client", client);
  trace_outcome("server", server);
  mk_conn_free(client);
  mk_conn_free(server);
  return 0;
}
