// Applications for the test host: an event handler that records what Mongoose
// would tell an application (events, errors, plaintext received) and calls
// mg_tls_init where applications do, plus small HTTP/1.1 roles for end-to-end
// exchanges.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "meerkat/meerkat.h"
#include "mongoose.h"

namespace mk::mghost {

// mg_tls_init options that own their bytes.
struct TlsOptions {
  std::string ca{}, cert{}, key{}, name{};
  bool skip_verification = false;
  mg_tls_opts view() const;
};

// A file under tests/data/certs, e.g. "ecdsa-p256/chain.pem".
std::string cert_file(const std::string& rel);
// A server with the chain and PKCS#8 key of a test PKI ("ecdsa-p256", "rsa-2048" ...).
TlsOptions server_options(const std::string& pki = "ecdsa-p256");
// A client that trusts that PKI's root and expects "localhost".
TlsOptions client_options(const std::string& pki = "ecdsa-p256");

class App {
 public:
  // mg_tls_init with these on MG_EV_ACCEPT (servers) or MG_EV_CONNECT (clients).
  std::optional<TlsOptions> tls;
  // Clients: call mg_tls_init on MG_EV_OPEN instead, before any socket exists.
  bool tls_init_at_open = false;
  // Queued with mg_send on MG_EV_ACCEPT / MG_EV_CONNECT (held back by the core
  // until the handshake is done).
  std::string send_at_start;
  // Move c->recv into `received` on every MG_EV_READ (off: the hook reads c->recv).
  bool consume_reads = true;
  // Clear is_closing on MG_EV_ERROR, as an application may.
  bool keep_open_on_error = false;
  // Called for every event after it is recorded.
  std::function<void(mg_connection*, int, void*)> hook;

  std::vector<int> events;
  std::vector<std::string> errors;
  std::string received;
  std::vector<long> read_sizes;   // MG_EV_READ's byte counts
  mg_connection* conn = nullptr;  // the most recent connection, until it closes
  int is_tls_hs_at_handshake_event = -1;

  size_t count(int ev) const;
  bool handshake_done() const { return count(MG_EV_TLS_HS) > 0; }
  bool closed() const { return count(MG_EV_CLOSE) > 0; }
  bool failed() const { return !errors.empty(); }
  std::string error_text() const;  // all errors, for failure messages

  static void handler(mg_connection* c, int ev, void* ev_data);
};

// HTTP/1.1 over the host: GET /a.txt answers "hello\n", POST /echo echoes the body.
// The server marks the connection draining after each response when the request
// said "Connection: close".
void serve_http(App& app);
std::string http_request(const std::string& method, const std::string& path,
                         const std::string& body, bool close);
// The body of the first complete response in `data`; nullopt while incomplete.
std::optional<std::string> http_response_body(const std::string& data);
std::string pattern_bytes(size_t n, unsigned seed);

}  // namespace mk::mghost
