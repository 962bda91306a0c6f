// What mg_tls_init makes of struct mg_tls_opts: PEM and DER inputs, the errors
// that name a bad option, and the per-manager cache of parsed configurations.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "app.h"
#include "host.h"
#include "meerkat_mongoose.h"
#include "session.h"
#include "x509/x509.h"

namespace mk::mghost {
namespace {

std::string tls_error(const char* option, int err) {
  return std::string("tls: ") + option + ": " + mk_err_text(err);
}

// The first DER certificate of a PEM file.
std::string der_of(const std::string& pem_file) {
  const std::string pem = cert_file(pem_file);
  Vec<Buffer> certs;
  if (x509::load_certificates(ByteView(reinterpret_cast<const uint8_t*>(pem.data()), pem.size()),
                              certs) != MK_OK ||
      certs.empty())
    return {};
  const ByteView der = certs.front().view();
  return std::string(reinterpret_cast<const char*>(der.data()), der.size());
}

// Options whose bytes end exactly where the buffers end, with no NUL after them:
// AddressSanitizer reports any read past `len`.
struct ExactBuffers {
  explicit ExactBuffers(const TlsOptions& o)
      : ca(copy(o.ca)), cert(copy(o.cert)), key(copy(o.key)), name(copy(o.name)) {
    opts.ca = mg_str{ca.get(), o.ca.size()};
    opts.cert = mg_str{cert.get(), o.cert.size()};
    opts.key = mg_str{key.get(), o.key.size()};
    opts.name = mg_str{name.get(), o.name.size()};
  }
  static std::unique_ptr<char[]> copy(const std::string& s) {
    auto p = std::make_unique<char[]>(s.size());
    std::copy(s.begin(), s.end(), p.get());
    return p;
  }
  std::unique_ptr<char[]> ca, cert, key, name;
  mg_tls_opts opts{};
};

// A session whose server uses `server` (and a standard client), run to the end of
// the handshake or the first failure.
struct Outcome {
  bool handshake = false;
  std::string server_error, client_error;
};
Outcome run_with_server(const TlsOptions& server, const TlsOptions& client = client_options()) {
  Session s;
  s.server.tls = server;
  s.client.tls = client;
  s.connect();
  Outcome o;
  o.handshake = s.handshake();
  if (!s.server.errors.empty()) o.server_error = s.server.errors.front();
  if (!s.client.errors.empty()) o.client_error = s.client.errors.front();
  return o;
}

TEST(MongooseOptions, Pkcs8DerKeyIsAccepted) {
  TlsOptions server = server_options();
  server.key = cert_file("ecdsa-p256/key.der");
  EXPECT_TRUE(run_with_server(server).handshake);
}

TEST(MongooseOptions, Sec1PemKeyIsAccepted) {
  TlsOptions server = server_options();
  server.key = cert_file("ecdsa-p256/key-sec1.pem");
  EXPECT_TRUE(run_with_server(server).handshake);
}

TEST(MongooseOptions, Pkcs1RsaKeyIsAccepted) {
  TlsOptions server = server_options("rsa-2048");
  server.key = cert_file("rsa-2048/key-pkcs1.pem");
  EXPECT_TRUE(run_with_server(server, client_options("rsa-2048")).handshake);
}

TEST(MongooseOptions, DerCertificateAndDerCaAreAccepted) {
  TlsOptions server = server_options();
  server.cert = der_of("ecdsa-p256/leaf.pem");  // the leaf alone: the client holds the rest
  TlsOptions client = client_options();
  client.ca = cert_file("bad/ca-and-intermediate.pem");
  ASSERT_EQ(static_cast<uint8_t>(server.cert.at(0)), 0x30);
  EXPECT_TRUE(run_with_server(server, client).handshake);

  client = client_options();
  client.ca = der_of("ecdsa-p256/ca.pem");
  EXPECT_TRUE(run_with_server(server_options(), client).handshake);
}

TEST(MongooseOptions, PemWithoutTrailingNulIsReadWithinItsLength) {
  Session s;
  const ExactBuffers server(server_options()), client(client_options());
  s.server.hook = [&](mg_connection* c, int ev, void*) {
    if (ev == MG_EV_ACCEPT) mg_tls_init(c, &server.opts);
  };
  s.client.hook = [&](mg_connection* c, int ev, void*) {
    if (ev == MG_EV_CONNECT) mg_tls_init(c, &client.opts);
  };
  s.connect();
  EXPECT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
}

TEST(MongooseOptions, CertificateAndKeyMayShareOneBuffer) {
  TlsOptions server = server_options();
  server.cert += server.key;
  server.key = server.cert;
  EXPECT_TRUE(run_with_server(server).handshake);
}

TEST(MongooseOptions, MalformedCertificateIsNamedInTheError) {
  TlsOptions server = server_options();
  server.cert = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
  EXPECT_EQ(run_with_server(server).server_error, tls_error("cert", MK_ERR_PEM_INVALID));
}

TEST(MongooseOptions, EncryptedKeyIsNamedInTheError) {
  TlsOptions server = server_options();
  server.key = cert_file("ecdsa-p256/key-encrypted.pem");
  EXPECT_EQ(run_with_server(server).server_error, tls_error("key", MK_ERR_KEY_ENCRYPTED));
}

TEST(MongooseOptions, KeyOfAnotherCertificateIsNamedInTheError) {
  TlsOptions server = server_options();
  server.key = cert_file("bad/other-leaf-key.pem");
  EXPECT_EQ(run_with_server(server).server_error, tls_error("key", MK_ERR_KEY_MISMATCH));
}

TEST(MongooseOptions, MalformedCaIsNamedInTheError) {
  TlsOptions client = client_options();
  client.ca = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
  EXPECT_EQ(run_with_server(server_options(), client).client_error,
            tls_error("ca", MK_ERR_PEM_INVALID));
}

TEST(MongooseOptions, ServerWithoutCertificateIsRefused) {
  EXPECT_EQ(run_with_server(TlsOptions{}).server_error,
            std::string("tls: ") + mk_err_text(MK_ERR_NO_KEY));
}

TEST(MongooseOptions, ClientCertificateWithoutKeyIsRefused) {
  TlsOptions client = client_options();
  client.cert = cert_file("bad/client-chain.pem");
  EXPECT_EQ(run_with_server(server_options(), client).client_error,
            "tls: cert and key must be given together");
}

TEST(MongooseOptions, NullOptionsMakeAClientThatVerifiesNothing) {
  Session s;
  s.server.tls = server_options();
  s.client.hook = [](mg_connection* c, int ev, void*) {
    if (ev == MG_EV_CONNECT) mg_tls_init(c, nullptr);
  };
  s.connect();
  EXPECT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
}

TEST(MongooseOptions, InitOnAListenerLeavesItAlone) {
  Session s;
  s.connect();
  const mg_tls_opts opts = server_options().view();
  mg_tls_init(s.listener, &opts);
  EXPECT_EQ(s.listener->tls, nullptr);
  EXPECT_TRUE(s.server.errors.empty());
}

TEST(MongooseOptions, InitTwiceReplacesTheFirstState) {
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.client.hook = [](mg_connection* c, int ev, void*) {
    if (ev != MG_EV_CONNECT) return;
    const TlsOptions first = client_options("rsa-2048");  // would refuse the ECDSA server
    const mg_tls_opts opts = first.view();
    mg_tls_init(c, &opts);
    const TlsOptions second = client_options();
    const mg_tls_opts again = second.view();
    mg_tls_init(c, &again);
  };
  s.client.tls.reset();
  s.connect();
  EXPECT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
}

TEST(MongooseConfigCache, ServerParsesItsOptionsOnceForManyConnections) {
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.listen();
  for (int i = 0; i < 5; i++) connect_local(&s.mgr, s.listener, true, App::handler, &s.client);
  ASSERT_TRUE(s.run_until([&] { return s.server.count(MG_EV_TLS_HS) == 5; }))
      << s.server.error_text() << s.client.error_text();
  // One server configuration and one client configuration, in one manager.
  EXPECT_EQ(mg_tls_meerkat_config_count(&s.mgr), 2u);
}

// Configurations in a manager after a standard client and a second one with `second`
// have both finished their handshakes (0 when they did not).
size_t configurations_with_second_client(const TlsOptions& second) {
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.connect();
  App& other = s.add_client(second);
  if (!s.run_until([&] { return s.client.handshake_done() && other.handshake_done(); })) return 0;
  return mg_tls_meerkat_config_count(&s.mgr);
}

TEST(MongooseConfigCache, TheServerNameIsNotPartOfTheConfiguration) {
  TlsOptions by_address = client_options();
  by_address.name = "127.0.0.1";
  EXPECT_EQ(configurations_with_second_client(by_address), 2u);
}

TEST(MongooseConfigCache, DifferentOptionsGetTheirOwnConfiguration) {
  TlsOptions unverified = client_options();
  unverified.skip_verification = true;
  EXPECT_EQ(configurations_with_second_client(unverified), 3u);
}

TEST(MongooseConfigCache, AtMostFourUnusedConfigurationsAreKept) {
  Session s;
  s.server.tls = server_options();
  serve_http(s.server);
  s.listen();
  for (size_t i = 0; i < 6; i++) {
    TlsOptions tls = client_options();
    tls.ca += std::string(i, '\n');  // the same CA in other bytes: another configuration
    s.add_client(tls).send_at_start = http_request("GET", "/a.txt", "", /*close=*/true);
  }
  ASSERT_TRUE(s.run_until([&] {
    for (const App& c : s.more_clients)
      if (!c.closed()) return false;
    return s.server.count(MG_EV_CLOSE) == 6;
  })) << s.server.error_text();
  EXPECT_EQ(mg_tls_meerkat_config_count(&s.mgr), 4u);
}

TEST(MongooseConfigCache, ConnectionsOutliveAFreedManagerContext) {
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.connect();
  ASSERT_TRUE(s.handshake());
  mg_tls_ctx_free(&s.mgr);
  EXPECT_EQ(s.mgr.tls_ctx, nullptr);
  mg_send(s.client_conn(), "after", 5);
  EXPECT_TRUE(s.run_until([&] { return s.server.received == "after"; }));
}

TEST(MongooseConfigCache, ConnectionsWorkWithoutAManagerContext) {
  Session s;
  mg_tls_ctx_free(&s.mgr);
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.connect();
  EXPECT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
  EXPECT_EQ(mg_tls_meerkat_config_count(&s.mgr), 0u);
}

}  // namespace
}  // namespace mk::mghost
