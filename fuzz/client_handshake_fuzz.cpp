// A Meerkat client fed arbitrary server flights after its fixed ClientHello.
//
// Input: options chunk*. options % kClientVariants picks the client config
// (support/configs.h). The client starts and its ClientHello (the same bytes every
// run: its random stream restarts per input) is dropped; each chunk is then fed as
// ciphertext from the server, and the client's answers are dropped. Seeds are the
// flights of a real server with fixed randomness answering that ClientHello
// (fuzz/seeds.cpp), so they carry a valid signature and Finished to mutate. Once
// the handshake is done the client writes, asks for a KeyUpdate and closes.
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
  mk_conn* client = new_connection(client_config(in.byte()), true);
  if (!client) return 0;
  if (mk_conn_start(client) == MK_OK) {
    discard_output(client);
    while (!in.empty()) {
      const auto chunk = in.chunk();
      size_t used = 0;
      const int e = mk_conn_feed(client, chunk.data(), chunk.size(), &used);
      discard_output(client);
      discard_plaintext(client);
      if (e != MK_OK) break;
    }
    if (mk_conn_state(client) & MK_STATE_HANDSHAKE_DONE) {
      static const uint8_t kRequest[] = "GET / HTTP/1.1\r\n\r\n";
      size_t used = 0;
      mk_conn_write(client, kRequest, sizeof kRequest - 1, &used);
      mk_conn_key_update(client, 1);
      mk_conn_close(client);
    }
  }
  trace_outcome("client", client);
  mk_conn_feed_eof(client);
  discard_output(client);
  (void)mk_conn_error_message(client);
  mk_conn_free(client);
  return 0;
}
