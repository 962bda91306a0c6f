// `meerkat serve` with `openssl s_client -tls1_3` as the client: every suite x group
// x server key type, a forced HelloRetryRequest, ALPN, and mutual TLS.
#include <gtest/gtest.h>

#include "interop.h"

namespace mk::test {
namespace {

// s_client with -brief: the connection summary on stderr, the HTTP response on stdout.
// Without -brief (needed to see ALPN) the summary goes to stdout too.
Finished s_client(uint16_t port, const std::string& ca, std::vector<std::string> extra,
                  bool brief = true) {
  std::vector<std::string> argv = {
      "openssl",     "s_client",  "-connect", "127.0.0.1:" + std::to_string(port),
      "-tls1_3",     "-CAfile",   ca,         "-verify_return_error",
      "-servername", "localhost", "-ign_eof"};
  if (brief) argv.push_back("-brief");
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv, http_get());
}

class ServeWithOpensslClient : public ::testing::TestWithParam<MatrixCase> {};

TEST_P(ServeWithOpensslClient, NegotiatesTheSuiteAndGroupAndServesThePage) {
  auto [suite, group, chain] = GetParam();
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"--cert", cert(std::string(chain) + "/chain.pem"),
                                             "--key", cert(std::string(chain) + "/key.pem")}))
      << server.proc().output();
  Finished f = s_client(server.port(), cert(std::string(chain) + "/ca.pem"),
                        {"-ciphersuites", suite, "-groups", group.openssl});
  ASSERT_EQ(f.status, 0) << f.err << f.out;
  EXPECT_NE(f.err.find("Protocol version: TLSv1.3"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find(std::string("Ciphersuite: ") + suite), std::string::npos) << f.err;
  EXPECT_NE(f.err.find(group.openssl_temp_key), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("Verification: OK"), std::string::npos) << f.err;
  EXPECT_EQ(f.out.substr(0, 17), "HTTP/1.1 200 OK\r\n") << f.out;
  EXPECT_TRUE(f.out.ends_with("\r\n\r\n" + kIndexHtml)) << f.out;
}

INSTANTIATE_TEST_SUITE_P(AllSuitesGroupsAndKeys, ServeWithOpensslClient, all_matrix_cases(),
                         matrix_case_name);

class ServeHelloRetry : public ::testing::TestWithParam<const char*> {};

// The client's key share is for x25519, which the server does not accept: the server
// asks again for secp384r1.
TEST_P(ServeHelloRetry, ServerAsksForItsGroupAndTheHandshakeCompletes) {
  std::string chain = GetParam();
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(
      server.start(site.dir.path(), {"--cert", cert(chain + "/chain.pem"), "--key",
                                     cert(chain + "/key.pem"), "--groups", "secp384r1", "-v"}))
      << server.proc().output();
  Finished f = s_client(server.port(), cert(chain + "/ca.pem"), {"-groups", "X25519:P-384"});
  ASSERT_EQ(f.status, 0) << f.err << f.out;
  EXPECT_NE(f.err.find("Server Temp Key: ECDH, secp384r1"), std::string::npos) << f.err;
  EXPECT_EQ(f.out.substr(0, 17), "HTTP/1.1 200 OK\r\n") << f.out;
  EXPECT_TRUE(server.proc().wait_for_output("secp384r1 hrr=yes", kPeerTimeout, 2))
      << server.proc().err();
}

INSTANTIATE_TEST_SUITE_P(BothKeyTypes, ServeHelloRetry, ::testing::ValuesIn(kChains));

TEST(ServeTls12, Tls12OnlyClientIsServedByDefault) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"-v"})) << server.proc().output();
  std::vector<std::string> argv = {"openssl",
                                   "s_client",
                                   "-connect",
                                   "127.0.0.1:" + std::to_string(server.port()),
                                   "-tls1_2",
                                   "-CAfile",
                                   source_path("certs/demo/ca.pem"),
                                   "-verify_return_error",
                                   "-servername",
                                   "localhost",
                                   "-ign_eof",
                                   "-brief"};
  Finished f = run(argv, http_get());
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.err.find("Protocol version: TLSv1.2"), std::string::npos) << f.err;
  EXPECT_EQ(f.out.substr(0, 17), "HTTP/1.1 200 OK\r\n") << f.out;
  EXPECT_TRUE(server.proc().wait_for_output("handshake: TLSv1.2 ", kPeerTimeout, 2))
      << server.proc().err();
}

TEST(ServeTls12, Tls13OnlyServerRefusesATls12Client) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"--versions", "1.3"})) << server.proc().output();
  std::vector<std::string> argv = {"openssl",  "s_client",
                                   "-connect", "127.0.0.1:" + std::to_string(server.port()),
                                   "-tls1_2",  "-brief"};
  Finished f = run(argv, http_get());
  EXPECT_NE(f.status, 0);
  EXPECT_NE(f.err.find("alert protocol version"), std::string::npos) << f.err;
  EXPECT_EQ(f.out.find("200 OK"), std::string::npos);
}

TEST(ServeAlpn, ServerPicksItsPreferredProtocolAmongTheClients) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"--alpn", "h2,http/1.1", "-v"}))
      << server.proc().output();
  Finished f =
      s_client(server.port(), source_path("certs/demo/ca.pem"), {"-alpn", "http/1.1,h2"}, false);
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.out.find("ALPN protocol: h2"), std::string::npos) << f.out;
  EXPECT_TRUE(server.proc().wait_for_output("alpn=h2", kPeerTimeout, 2)) << server.proc().err();
}

TEST(ServeAlpn, ClientOfferingNoCommonProtocolIsRefused) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"--alpn", "http/1.1"})) << server.proc().output();
  Finished f = s_client(server.port(), source_path("certs/demo/ca.pem"), {"-alpn", "h2"});
  EXPECT_NE(f.status, 0);
  EXPECT_NE(f.err.find("no application protocol"), std::string::npos) << f.err;
  EXPECT_EQ(f.out.find("200 OK"), std::string::npos);
}

class ServeMutualTls : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.start(site_.dir.path(), {"--client-ca", cert("ecdsa-p256/ca.pem"), "-v"}))
        << server_.proc().output();
  }
  Finished connect(std::vector<std::string> extra) {
    return s_client(server_.port(), source_path("certs/demo/ca.pem"), extra);
  }
  Site site_;
  MeerkatServer server_;
};

TEST_F(ServeMutualTls, AcceptsTheRightClientCertificate) {
  Finished f = connect({"-cert", cert("bad/client.pem"), "-key", cert("bad/client-key.pem"),
                        "-cert_chain", cert("ecdsa-p256/intermediate.pem")});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out.substr(0, 17), "HTTP/1.1 200 OK\r\n") << f.out;
  EXPECT_TRUE(server_.proc().wait_for_output("client-cert=verified", kPeerTimeout, 2))
      << server_.proc().err();
}

TEST_F(ServeMutualTls, RefusesAClientWithoutCertificate) {
  Finished f = connect({});
  EXPECT_EQ(f.out.find("200 OK"), std::string::npos) << f.out;
  EXPECT_TRUE(server_.proc().wait_for_output(
      "handshake failed: peer sent no certificate but one is required", kPeerTimeout, 2))
      << server_.proc().err();
}

TEST_F(ServeMutualTls, RefusesAClientCertificateFromAnotherCa) {
  Finished f =
      connect({"-cert", cert("bad/other-client.pem"), "-key", cert("bad/other-client-key.pem")});
  EXPECT_EQ(f.out.find("200 OK"), std::string::npos) << f.out;
  EXPECT_TRUE(
      server_.proc().wait_for_output("certificate verify failed: unknown issuer", kPeerTimeout, 2))
      << server_.proc().err();
}

TEST(ServeMutualTlsOptional, AcceptsAClientWithoutCertificate) {
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"--client-ca", cert("ecdsa-p256/ca.pem"),
                                             "--client-cert", "optional", "-v"}))
      << server.proc().output();
  Finished f = s_client(server.port(), source_path("certs/demo/ca.pem"), {});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out.substr(0, 17), "HTTP/1.1 200 OK\r\n") << f.out;
  EXPECT_TRUE(server.proc().wait_for_output("client-cert=none", kPeerTimeout, 2))
      << server.proc().err();
}

}  // namespace
}  // namespace mk::test
