// What one load run does: how many clients of each sort, for how long at most.
#pragma once

#include <chrono>
#include <string>

namespace mk::load {

struct LoadPlan {
  std::string meerkat;              // the meerkat binary whose `serve` is put under load
  std::string certs_dir;            // chain.pem, key.pem (served) and ca.pem (trusted)
  int connections = 1000;           // good clients, all open at once at the barrier
  int requests_per_connection = 5;  // keep-alive GETs on each
  int abusive_per_kind = 10;        // clients of each abusive kind
  // Good clients connecting at once (the ramp). A handshake costs the load client
  // about as much CPU as the server (it verifies the chain): more in flight make its
  // loop turns long, and the server then times out handshakes the client is late with.
  int max_handshakes_in_flight = 32;
  std::chrono::seconds handshake_timeout{5};  // passed to serve
  std::chrono::seconds time_limit{120};       // the whole run; then serve is killed
  // How far the server's heap in use may end above its start. Why 64 KiB: what the
  // server keeps on purpose after a peak is the capacity of its poll loop's two
  // vectors (a pollfd and a pointer per connection, 8 B each, grown by doubling:
  // 32 KiB once the count passes 1,024); the rest is margin. A leak of 32 bytes or
  // more per connection over 1,000 connections crosses it (the engine's own blocks
  // are checked exactly, through Meerkat's allocation hook).
  size_t heap_tolerance = 64 * 1024;
  std::string json_path;  // where to write the figures as JSON (none when empty)
  std::string serve_log;  // run serve with -v and write its log here (none when empty)
};

}  // namespace mk::load
