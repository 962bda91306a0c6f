// A Meerkat server fed arbitrary client flights.
//
// Input: options chunk*. options % kServerVariants picks the server config
// (support/configs.h); each chunk is fed to the server as ciphertext arriving from
// the client, and what the server answers is taken and dropped. The server's random
// bytes are fixed, so a seed recorded from a real client (fuzz/seeds.cpp) completes
// the handshake, and the fuzzer mutates from there. Once the handshake is done the
// server also writes, reads and closes, so the post-handshake path runs too.
#include <cstddef>
#include <cstdint>

#include "meerkat/meerkat.h"
#include "support/configs.h"
#include "support/deterministic.h"
#include "support/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mk::fuzz;
  restart_randomness();
  FuzzInput in(data, size);
  mk_conn* server = new_connection(server_config(in.byte()), false);
  if (!server) return 0;
  while (!in.empty()) {
    const auto chunk = in.chunk();
    size_t used = 0;
    const int e = mk_conn_feed(server, chunk.data(), chunk.size(), &used);
    discard_output(server);
    discard_plaintext(server);
    if (e != MK_OK) break;
  }
  if (mk_conn_state(server) & MK_STATE_HANDSHAKE_DONE) {
    static const uint8_t kReply[] = "HTTP/1.1 200 OK\r\n\r\n";
    size_t used = 0;
    mk_conn_write(server, kReply, sizeof kReply - 1, &used);
    mk_conn_key_update(server, 1);
    mk_conn_close(server);
  }
  trace_outcome("server", server);
  mk_conn_feed_eof(server);
  discard_output(server);
  (void)mk_conn_error_message(server);
  mk_conn_free(server);
  return 0;
}
