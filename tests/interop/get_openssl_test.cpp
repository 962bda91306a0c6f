// `meerkat get` against `openssl s_server -tls1_3 -www`: every suite x group x server
// key type, a HelloRetryRequest, ALPN, and the failures that must end in one named
// line: wrong CA, wrong name, a TLS 1.2-only server, nobody listening.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "interop.h"

namespace mk::test {
namespace {

Finished meerkat_get(const std::string& url, std::vector<std::string> extra) {
  std::vector<std::string> argv = {kCli, "get", url};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv);
}

const char* signature_for(const std::string& chain) {
  return chain == "rsa-2048" ? "* signature scheme: rsa_pss_rsae_sha256"
                             : "* signature scheme: ecdsa_secp256r1_sha256";
}

class GetFromOpensslServer : public ::testing::TestWithParam<MatrixCase> {};

TEST_P(GetFromOpensslServer, NegotiatesTheSuiteAndGroupAndPrintsTheBody) {
  auto [suite, group, chain_c] = GetParam();
  std::string chain = chain_c;
  OpensslServer server;
  std::vector<std::string> args = openssl_server_chain(chain);
  args.insert(args.end(), {"-tls1_3", "-www"});
  ASSERT_TRUE(server.start(args)) << server.proc().output();
  Finished f = meerkat_get(server.url(), {"--ca", cert(chain + "/ca.pem"), "--suites", suite,
                                          "--groups", group.meerkat, "-v"});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.err.find("* TLS version: TLSv1.3\n"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find(std::string("* cipher suite: ") + suite + "\n"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find(std::string("* group: ") + group.meerkat + " (HelloRetryRequest: no)\n"),
            std::string::npos)
      << f.err;
  EXPECT_NE(f.err.find(signature_for(chain)), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("* peer certificate: verified\n"), std::string::npos) << f.err;
  // s_server -www describes the session it saw in the page it sends back.
  EXPECT_NE(f.out.find(std::string("New, TLSv1.3, Cipher is ") + suite), std::string::npos)
      << f.out;
}

INSTANTIATE_TEST_SUITE_P(AllSuitesGroupsAndKeys, GetFromOpensslServer, all_matrix_cases(),
                         matrix_case_name);

class GetHelloRetry : public ::testing::TestWithParam<const char*> {};

// The client's first group (and only key share) is x25519; the server accepts only
// secp384r1 and asks again.
TEST_P(GetHelloRetry, ClientAnswersTheServersRequestForAnotherGroup) {
  std::string chain = GetParam();
  OpensslServer server;
  std::vector<std::string> args = openssl_server_chain(chain);
  args.insert(args.end(), {"-tls1_3", "-www", "-groups", "P-384"});
  ASSERT_TRUE(server.start(args)) << server.proc().output();
  Finished f = meerkat_get(server.url(),
                           {"--ca", cert(chain + "/ca.pem"), "--groups", "x25519,secp384r1", "-v"});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.err.find("* group: secp384r1 (HelloRetryRequest: yes)\n"), std::string::npos)
      << f.err;
}

INSTANTIATE_TEST_SUITE_P(BothKeyTypes, GetHelloRetry, ::testing::ValuesIn(kChains));

TEST(GetAlpn, NegotiatesTheProtocolTheServerSupports) {
  OpensslServer server;
  std::vector<std::string> args = openssl_server_chain("ecdsa-p256");
  args.insert(args.end(), {"-tls1_3", "-www", "-alpn", "http/1.1"});
  ASSERT_TRUE(server.start(args)) << server.proc().output();
  Finished f =
      meerkat_get(server.url(), {"--ca", cert("ecdsa-p256/ca.pem"), "--alpn", "h2,http/1.1", "-v"});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.err.find("* ALPN: http/1.1\n"), std::string::npos) << f.err;
}

TEST(GetAlpn, ServerWithoutACommonProtocolRefusesTheHandshake) {
  OpensslServer server;
  std::vector<std::string> args = openssl_server_chain("ecdsa-p256");
  args.insert(args.end(), {"-tls1_3", "-www", "-alpn", "h2"});
  ASSERT_TRUE(server.start(args)) << server.proc().output();
  Finished f = meerkat_get(server.url(), {"--ca", cert("ecdsa-p256/ca.pem"), "--alpn", "http/1.1"});
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "handshake failed: peer sent alert no_application_protocol\n");
}

TEST(GetFailures, WrongCaIsUnknownIssuer) {
  OpensslServer server;
  std::vector<std::string> args = openssl_server_chain("ecdsa-p256");
  args.insert(args.end(), {"-tls1_3", "-www"});
  ASSERT_TRUE(server.start(args)) << server.proc().output();
  Finished f = meerkat_get(server.url(), {"--ca", cert("bad/other-ca.pem")});
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(lines_of(f.err).size(), 1u) << f.err;
  EXPECT_TRUE(f.err.starts_with("certificate verify failed: unknown issuer")) << f.err;
  EXPECT_EQ(f.out, "");
}

TEST(GetFailures, WrongNameIsANameMismatch) {
  OpensslServer server;
  std::vector<std::string> args = openssl_server_chain("ecdsa-p256");
  args.insert(args.end(), {"-tls1_3", "-www"});
  ASSERT_TRUE(server.start(args)) << server.proc().output();
  Finished f = meerkat_get(server.url(),
                           {"--ca", cert("ecdsa-p256/ca.pem"), "--servername", "other.example"});
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(lines_of(f.err).size(), 1u) << f.err;
  EXPECT_TRUE(
      f.err.starts_with("certificate verify failed: certificate does not match the requested name"))
      << f.err;
}

TEST(GetFailures, Tls12OnlyServerIsAProtocolVersionFailureForATls13Client) {
  OpensslServer server;
  std::vector<std::string> args = openssl_server_chain("ecdsa-p256");
  args.insert(args.end(), {"-tls1_2", "-www"});
  ASSERT_TRUE(server.start(args)) << server.proc().output();
  Finished f = meerkat_get(server.url(), {"--ca", cert("ecdsa-p256/ca.pem"), "--versions", "1.3"});
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "handshake failed: peer sent alert protocol_version\n");
}

class GetTls12 : public ::testing::TestWithParam<const char*> {};

// By default the client offers TLS 1.3 and 1.2, so a 1.2-only server still answers.
TEST_P(GetTls12, DefaultClientSpeaksTls12ToATls12OnlyServer) {
  std::string chain = GetParam();
  OpensslServer server;
  std::vector<std::string> args = openssl_server_chain(chain);
  args.insert(args.end(), {"-tls1_2", "-www"});
  ASSERT_TRUE(server.start(args)) << server.proc().output();
  Finished f = meerkat_get(server.url(), {"--ca", cert(chain + "/ca.pem"), "-v"});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.err.find("* TLS version: TLSv1.2\n"), std::string::npos) << f.err;
  std::string kx = chain == "rsa-2048" ? "ECDHE_RSA" : "ECDHE_ECDSA";
  EXPECT_NE(f.err.find("* cipher suite: TLS_" + kx + "_WITH_"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("* peer certificate: verified\n"), std::string::npos) << f.err;
  EXPECT_NE(f.out.find("New, TLSv1.2, Cipher is"), std::string::npos) << f.out;
}

INSTANTIATE_TEST_SUITE_P(BothKeyTypes, GetTls12, ::testing::ValuesIn(kChains));

TEST(GetFailures, NobodyListeningIsConnectionRefused) {
  uint16_t port = pick_free_port();
  Finished f = meerkat_get("https://127.0.0.1:" + std::to_string(port) + "/",
                           {"--ca", cert("ecdsa-p256/ca.pem")});
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "connect failed: connection refused\n");
}

TEST(GetFailures, SilentServerTimesOut) {
  // A listener that accepts (the kernel does) but never answers.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  uint16_t port = pick_free_port();
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  auto t0 = std::chrono::steady_clock::now();
  Finished f = meerkat_get("https://127.0.0.1:" + std::to_string(port) + "/",
                           {"--ca", cert("ecdsa-p256/ca.pem"), "--timeout", "1"});
  EXPECT_LT(std::chrono::steady_clock::now() - t0, Millis(4000));
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "timed out after 1 s waiting for the handshake\n");
  ::close(fd);
}

TEST(GetFailures, InsecureSkipsVerification) {
  OpensslServer server;
  std::vector<std::string> args = openssl_server_chain("ecdsa-p256");
  args.insert(args.end(), {"-tls1_3", "-www"});
  ASSERT_TRUE(server.start(args)) << server.proc().output();
  Finished f = meerkat_get(server.url(), {"--insecure", "-v"});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.err.find("* peer certificate: not verified\n"), std::string::npos) << f.err;
}

}  // namespace
}  // namespace mk::test

namespace mk::test {
namespace {

TEST(GetAddresses, Ipv6LiteralConnectsAndVerifiesTheServername) {
  uint16_t port = pick_free_port();
  Process server;
  std::vector<std::string> argv = {"openssl", "s_server", "-accept",
                                   "[::1]:" + std::to_string(port)};
  for (const std::string& a : openssl_server_chain("ecdsa-p256")) argv.push_back(a);
  argv.insert(argv.end(), {"-tls1_3", "-www"});
  ASSERT_TRUE(server.start(argv));
  if (!server.wait_for_output("ACCEPT", kPeerTimeout, 1))
    GTEST_SKIP() << "no IPv6 loopback: " << server.output();
  std::string url = "https://[::1]:" + std::to_string(port) + "/";
  Finished ok =
      run({kCli, "get", url, "--ca", cert("ecdsa-p256/ca.pem"), "--servername", "localhost"});
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find("Cipher is"), std::string::npos);
  // Without --servername the name to match is the address, which the certificate lacks.
  Finished mismatch = run({kCli, "get", url, "--ca", cert("ecdsa-p256/ca.pem")});
  EXPECT_EQ(mismatch.status, 1);
  EXPECT_TRUE(mismatch.err.starts_with(
      "certificate verify failed: certificate does not match the requested name"))
      << mismatch.err;
}

}  // namespace
}  // namespace mk::test
