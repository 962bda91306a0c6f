// The seed generator: writes the seed corpora of the targets into fuzz/corpus from
// in-memory handshakes that use the targets' own configs and deterministic
// randomness, so each seed is a valid conversation for the target that replays it.
// Run once by hand (docs/fuzzing.md); its output is committed.
//
//   fuzz_seeds <corpus dir>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "meerkat/meerkat.h"
#include "support/configs.h"
#include "support/deterministic.h"
#include "support/fuzz_input.h"
#include "support/mongoose_run.h"
#include "x509/x509.h"

namespace {

using namespace mk::fuzz;
namespace fs = std::filesystem;

fs::path g_root;
int g_written = 0;

void write_seed(const std::string& target, const std::string& name, const std::string& bytes) {
  const fs::path dir = g_root / target;
  fs::create_directories(dir);
  std::ofstream(dir / ("seed-" + name), std::ios::binary) << bytes;
  ++g_written;
}

std::string take(mk_conn* c) {
  const uint8_t* out = nullptr;
  const size_t n = mk_conn_output(c, &out);
  std::string bytes(reinterpret_cast<const char*>(out), n);
  mk_conn_output_ack(c, n);
  return bytes;
}

void feed(mk_conn* c, const std::string& bytes) {
  size_t used = 0;
  mk_conn_feed(c, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &used);
  discard_plaintext(c);
}

void write_all(mk_conn* c, const std::string& text) {
  size_t used = 0;
  mk_conn_write(c, reinterpret_cast<const uint8_t*>(text.data()), text.size(), &used);
}

bool done(mk_conn* c) {
  return mk_conn_state(c) & MK_STATE_HANDSHAKE_DONE;
}

// A client variant against a server variant: each side's flights, in order, as the
// other side's fuzz target would be fed them, ending with a request, an answer and
// close_notify.
void handshake_seeds(size_t client_variant, size_t server_variant) {
  restart_randomness();
  mk_conn* client = new_connection(client_config(client_variant), true);
  mk_conn* server = new_connection(server_config(server_variant), false);
  FuzzInputWriter to_server(static_cast<uint8_t>(server_variant));
  FuzzInputWriter to_client(static_cast<uint8_t>(client_variant));
  mk_conn_start(client);
  for (int round = 0; round < 8; ++round) {
    if (done(client) && done(server)) break;
    const std::string c = take(client);
    if (!c.empty()) {
      to_server.chunk(c);
      feed(server, c);
    }
    const std::string s = take(server);
    if (!s.empty()) {
      // The client target drops its own ClientHello and feeds only these.
      to_client.chunk(s);
      feed(client, s);
    }
    if (c.empty() && s.empty()) break;
  }
  const std::string name =
      "c" + std::to_string(client_variant) + "-s" + std::to_string(server_variant);
  if (!done(client) || !done(server)) {
    std::fprintf(stderr, "seeds: %s did not complete: client %s, server %s\n", name.c_str(),
                 mk_conn_error_message(client), mk_conn_error_message(server));
  } else {
    write_all(client, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    mk_conn_close(client);
    to_server.chunk(take(client));
    write_all(server, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    mk_conn_key_update(server, 1);
    mk_conn_close(server);
    to_client.chunk(take(server));
  }
  write_seed("server_handshake", name, to_server.bytes());
  write_seed("client_handshake", name, to_client.bytes());
  mk_conn_free(client);
  mk_conn_free(server);
}

// record_fuzz scripts (record_fuzz.cpp defines the ops).
std::string chunk_of(const std::string& s) {
  FuzzInputWriter w(0);
  w.chunk(s);
  return w.bytes().substr(1);
}

void record_seeds() {
  const std::string key_update_requested("\x18\x00\x00\x01\x01", 5);
  const std::string key_update_not_requested("\x18\x00\x00\x01\x00", 5);
  const std::string close_notify("\x01\x00", 2);
  const std::string fatal_alert("\x02\x28", 2);
  // NewSessionTicket: lifetime 7200, age_add, nonce "n", ticket "ticket", no extensions.
  const std::string ticket(
      "\x04\x00\x00\x14\x00\x00\x1c\x20\x01\x02\x03\x04\x01n\x00\x06ticket\x00\x00", 24);
  for (int pair = 0; pair < 7; ++pair) {
    // record_fuzz's kPairs: 1, 3 and 5 are TLS 1.2, which has no KeyUpdate.
    const bool tls13 = pair % 2 == 0;
    for (int victim_is_client = 0; victim_is_client < 2; ++victim_is_client) {
      const uint8_t options = static_cast<uint8_t>(pair << 1 | victim_is_client);
      const std::string tag = std::to_string(options);
      const std::string start(1, static_cast<char>(options));
      // A conversation that stays in step: data both ways, real KeyUpdates, a
      // ticket for a client, an empty record, then a sealed close_notify.
      std::string s = start;
      s += '\x03' + chunk_of("GET / HTTP/1.1\r\n\r\n");  // peer data
      if (tls13) s += std::string("\x02\x01", 2);        // peer KeyUpdate, requested
      s += '\x03' + chunk_of("after the update");        // peer data
      s += '\x05' + chunk_of("from the victim");         // victim data
      if (tls13) s += std::string("\x06\x00", 2);        // victim KeyUpdate
      if (tls13 && victim_is_client) s += '\x01' + std::string("\x16") + chunk_of(ticket);
      s += '\x01' + std::string("\x17") + chunk_of("");  // empty application data
      s += '\x03' + chunk_of("last words");
      s += '\x01' + std::string("\x15") + chunk_of(close_notify);  // sealed close_notify
      write_seed("record", "script-" + tag, s);
      // Records the peer seals outside the rules: a KeyUpdate it does not follow
      // itself, a fatal alert, a handshake message after the handshake.
      write_seed("record", "sealed-update-" + tag,
                 start + '\x01' + "\x16" + chunk_of(key_update_requested) + '\x03' + chunk_of("x"));
      write_seed("record", "fatal-alert-" + tag, start + '\x01' + "\x15" + chunk_of(fatal_alert));
      write_seed("record", "update-close-" + tag,
                 start + '\x01' + "\x16" + chunk_of(key_update_not_requested) + "\x04");
      // The largest record the peer may send, sealed by the peer: over the 512-byte
      // limit the victim announced in pair 6, at the limit elsewhere.
      if (pair == 0 || pair == 6)
        write_seed("record", "full-size-" + tag,
                   start + '\x01' + "\x17" + chunk_of(std::string(16384, 's')));
      write_seed(
          "record", "raw-" + tag,
          start + '\x00' + chunk_of(std::string("\x17\x03\x03\x00\x20", 5) + std::string(32, 'A')));
    }
  }
}

// Every certificate and key file under tests/data, and chains made of them.
std::vector<std::string> der_certificates(const std::string& pem) {
  mk::Vec<mk::Buffer> certs;
  std::vector<std::string> out;
  if (mk::x509::load_certificates(
          mk::ByteView(reinterpret_cast<const uint8_t*>(pem.data()), pem.size()), certs) != MK_OK)
    return out;
  for (const mk::Buffer& b : certs)
    out.emplace_back(reinterpret_cast<const char*>(b.view().data()), b.view().size());
  return out;
}

std::string stem_of(const fs::path& p) {
  return p.parent_path().filename().string() + "-" + p.stem().string();
}

void x509_seeds() {
  const fs::path data = fs::path(MEERKAT_SOURCE_DIR) / "tests/data";
  for (const auto& entry : fs::recursive_directory_iterator(data)) {
    const fs::path& p = entry.path();
    if (!entry.is_regular_file()) continue;
    const std::string ext = p.extension().string();
    if (ext != ".pem" && ext != ".der") continue;
    const std::string bytes = source_file(fs::relative(p, MEERKAT_SOURCE_DIR).string());
    const std::string name = stem_of(p) + ext;
    const bool is_key = p.filename().string().find("key") != std::string::npos;
    if (is_key) {
      write_seed("pem_key", "key0-" + name, std::string(1, '\0') + bytes);
      write_seed("pem_key", "key4-" + name, std::string(1, '\4') + bytes);
      continue;
    }
    const std::vector<std::string> certs = der_certificates(bytes);
    if (certs.empty()) continue;
    if (p.filename() == "chain.pem" || p.filename().string().find("-chain") != std::string::npos)
      write_seed("pem_key", "chain1-" + name, std::string(1, '\1') + bytes);
    if (p.filename().string().find("ca") != std::string::npos)
      write_seed("pem_key", "ca2-" + name, std::string(1, '\2') + bytes);
    if (certs.size() > 1) write_seed("pem_key", "bundle3-" + name, std::string(1, '\3') + bytes);
    write_seed("x509_der", stem_of(p) + ".der", certs[0]);
  }
}

void chain_seeds() {
  const fs::path x509 = fs::path(MEERKAT_SOURCE_DIR) / "tests/data/x509";
  const auto certs_of = [](const fs::path& p) {
    return der_certificates(source_file(fs::relative(p, MEERKAT_SOURCE_DIR).string()));
  };
  // tests/data/certs: the served chains, with serverAuth and each name option.
  for (const char* pki : {"ecdsa-p256", "ecdsa-p384", "rsa-2048", "rsa-4096"}) {
    const auto chain =
        certs_of(fs::path(MEERKAT_SOURCE_DIR) / "tests/data/certs" / pki / "chain.pem");
    FuzzInputWriter w(0);  // serverAuth, "localhost"
    for (const auto& c : chain) w.chunk(c);
    write_seed("chain_verify", std::string("certs-") + pki, w.bytes());
  }
  for (const char* bad : {"expired", "wrong-name", "other-leaf", "leaf-signed", "client"}) {
    const fs::path dir = fs::path(MEERKAT_SOURCE_DIR) / "tests/data/certs/bad";
    const fs::path chain = dir / (std::string(bad) + "-chain.pem");
    const auto certs = certs_of(fs::exists(chain) ? chain : dir / (std::string(bad) + ".pem"));
    FuzzInputWriter w(std::string(bad) == "client" ? 1 : 0);
    for (const auto& c : certs) w.chunk(c);
    write_seed("chain_verify", std::string("bad-") + bad, w.bytes());
  }
  // tests/data/x509: every leaf with its issuer, named www.example.com (option 2).
  for (const auto& entry : fs::directory_iterator(x509)) {
    const std::string file = entry.path().filename().string();
    if (file.find("leaf") == std::string::npos && file.find("permitted-") != 0 &&
        file.find("excluded-") != 0)
      continue;
    std::string issuer = "int.pem";
    const size_t at = file.find("-leaf");
    if (at != std::string::npos && file.rfind("leaf", 0) != 0) issuer = file.substr(0, at) + ".pem";
    if (file.find("permitted-") == 0) issuer = "int-permitted.pem";
    if (file.find("excluded-") == 0) issuer = "int-excluded.pem";
    if (file.rfind("rsa-leaf", 0) == 0) issuer = "rsa-root.pem";
    if (file == "p384-leaf.pem") issuer = "p384-root.pem";
    if (file == "leaf-below-pathlen0.pem") issuer = "int-below-pathlen0.pem";
    if (file == "leaf-by-leaf.pem") issuer = "leaf.pem";
    if (!fs::exists(x509 / issuer)) continue;
    FuzzInputWriter w(2 << 1);  // serverAuth, "www.example.com"
    for (const auto& c : certs_of(entry.path())) w.chunk(c);
    for (const auto& c : certs_of(x509 / issuer)) w.chunk(c);
    if (issuer == "int-below-pathlen0.pem" || issuer == "leaf.pem")
      for (const auto& c : certs_of(x509 / "int.pem")) w.chunk(c);
    if (file == "leaf-rekeyed.pem")
      for (const auto& c : certs_of(x509 / "int-cross.pem")) w.chunk(c);
    write_seed("chain_verify", "x509-" + entry.path().stem().string(), w.bytes());
  }
}

// The Mongoose backend as server (options 0, 2) facing a Meerkat client, and as
// client (options 1, 3) facing a Meerkat server; the peer's bytes are the chunks.
void mongoose_seeds() {
  for (uint8_t options = 0; options < 4; ++options) {
    restart_randomness();
    FuzzInputWriter w(options);
    MongooseRun run(options);
    const bool backend_is_client = run.backend_is_client();
    mk_conn* peer = backend_is_client ? new_connection(server_config(0), false)
                                      : new_connection(client_config(0), true);
    if (!backend_is_client) mk_conn_start(peer);
    bool sent_request = false;
    for (int round = 0; round < 12; ++round) {
      feed(peer, run.take_sent());
      if (done(peer) && !sent_request) {
        sent_request = true;
        write_all(peer, backend_is_client ? "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello\n"
                                          : "GET /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
      }
      const std::string out = take(peer);
      if (out.empty()) {
        run.settle();
        continue;
      }
      w.chunk(out);
      const auto* p = reinterpret_cast<const uint8_t*>(out.data());
      run.deliver(std::span<const uint8_t>(p, out.size()));
    }
    mk_conn_close(peer);
    w.chunk(take(peer));
    if (!done(peer) || !run.handshake_done())
      std::fprintf(stderr, "seeds: mongoose options %u did not complete: %s\n", options,
                   mk_conn_error_message(peer));
    write_seed("mongoose", "peer-" + std::to_string(options), w.bytes());
    mk_conn_free(peer);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_seeds <corpus dir>\n");
    return 2;
  }
  g_root = argv[1];
  // Pairs that complete (support/configs.h), and a few that fail on purpose.
  const size_t pairs[][2] = {{0, 0}, {1, 1}, {2, 2}, {3, 0}, {0, 3}, {4, 4},
                             {0, 4}, {5, 5}, {2, 0}, {4, 1}, {3, 3}, {0, 5},
                             {1, 0}, {6, 0}, {6, 3}, {7, 0}, {7, 3}, {8, 0}};
  for (const auto& p : pairs) handshake_seeds(p[0], p[1]);
  record_seeds();
  x509_seeds();
  chain_seeds();
  mongoose_seeds();
  std::printf("seeds: wrote %d files under %s\n", g_written, argv[1]);
  return 0;
}
