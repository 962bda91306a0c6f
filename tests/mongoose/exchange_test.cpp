// Backend client <-> backend server through the host: HTTPS-like exchanges over
// both of Mongoose's network stacks and both key types, mutual TLS, name checks,
// skip_verification.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "app.h"
#include "host.h"
#include "session.h"

namespace mk::mghost {
namespace {

using std::chrono::milliseconds;

std::string tls_error(int err) {
  return std::string("tls: ") + mk_err_text(err);
}

// A request from the client and its complete response, or why not.
std::optional<std::string> run_exchange(Session& s, const std::string& request) {
  s.client.send_at_start = request;
  s.connect();
  s.run_until(
      [&] {
        return http_response_body(s.client.received) || s.client.failed() || s.server.failed() ||
               s.client.closed();
      },
      milliseconds(60000));
  return http_response_body(s.client.received);
}

class MongooseExchange : public ::testing::TestWithParam<std::tuple<std::string, Stack>> {
 protected:
  MongooseExchange() : s(HostConfig{.stack = std::get<1>(GetParam())}) {
    s.server.tls = server_options(std::get<0>(GetParam()));
    serve_http(s.server);
    s.client.tls = client_options(std::get<0>(GetParam()));
  }
  Session s;
};

TEST_P(MongooseExchange, GetReturnsTheResource) {
  EXPECT_EQ(run_exchange(s, http_request("GET", "/a.txt", "", false)), "hello\n")
      << s.client.error_text() << s.server.error_text();
}

TEST_P(MongooseExchange, PostOf256KilobytesIsEchoedBack) {
  const std::string body = pattern_bytes(256 * 1024, 256);
  EXPECT_EQ(run_exchange(s, http_request("POST", "/echo", body, false)), body)
      << s.client.error_text() << s.server.error_text();
  EXPECT_EQ(s.server.received.size(), http_request("POST", "/echo", body, false).size());
}

TEST_P(MongooseExchange, BothSidesSeeTheHandshakeEventOnce) {
  s.connect();
  ASSERT_TRUE(s.handshake()) << s.client.error_text() << s.server.error_text();
  EXPECT_EQ(s.server.count(MG_EV_TLS_HS), 1u);
  EXPECT_EQ(s.client.count(MG_EV_TLS_HS), 1u);
}

TEST_P(MongooseExchange, ConnectionCloseEndsBothSidesWithoutErrors) {
  EXPECT_EQ(run_exchange(s, http_request("GET", "/a.txt", "", /*close=*/true)), "hello\n");
  EXPECT_TRUE(s.run_until([&] { return s.server.closed() && s.client.closed(); }));
  EXPECT_TRUE(s.server.errors.empty()) << s.server.error_text();
  EXPECT_TRUE(s.client.errors.empty()) << s.client.error_text();
}

INSTANTIATE_TEST_SUITE_P(PkiAndStack, MongooseExchange,
                         ::testing::Combine(::testing::Values("ecdsa-p256", "ecdsa-p384",
                                                              "rsa-2048"),
                                            ::testing::Values(Stack::sockets, Stack::builtin)),
                         [](const auto& info) {
                           std::string pki = std::get<0>(info.param);
                           std::erase(pki, '-');
                           return pki + (std::get<1>(info.param) == Stack::sockets ? "_sockets"
                                                                                   : "_builtin");
                         });

class MongooseVerification : public ::testing::Test {
 protected:
  MongooseVerification() {
    s.server.tls = server_options();
    serve_http(s.server);
    s.client.tls = client_options();
  }
  // Run the exchange; the first error of the client (or "" when it succeeded).
  std::string client_outcome() {
    const auto body = run_exchange(s, http_request("GET", "/a.txt", "", false));
    if (body == "hello\n" && s.client.errors.empty()) return "";
    return s.client.errors.empty() ? "no response, no error" : s.client.errors.front();
  }
  Session s;
};

TEST_F(MongooseVerification, MutualTlsWithATrustedClientCertificateSucceeds) {
  s.server.tls->ca = cert_file("ecdsa-p256/ca.pem");
  s.client.tls->cert = cert_file("bad/client-chain.pem");
  s.client.tls->key = cert_file("bad/client-key.pem");
  EXPECT_EQ(client_outcome(), "");
  EXPECT_TRUE(s.server.errors.empty()) << s.server.error_text();
}

TEST_F(MongooseVerification, MutualTlsRefusesAClientCertificateFromAnotherCa) {
  s.server.tls->ca = cert_file("ecdsa-p256/ca.pem");
  s.client.tls->cert = cert_file("bad/other-client.pem");
  s.client.tls->key = cert_file("bad/other-client-key.pem");
  EXPECT_NE(client_outcome(), "");
  ASSERT_FALSE(s.server.errors.empty());
  EXPECT_EQ(s.server.errors.front(), tls_error(MK_ERR_CERT_UNKNOWN_ISSUER));
  EXPECT_EQ(s.server.count(MG_EV_READ), 0u);
}

TEST_F(MongooseVerification, WrongHostnameIsRefused) {
  s.client.tls->name = "example.com";
  EXPECT_EQ(client_outcome(), tls_error(MK_ERR_CERT_NAME_MISMATCH));
}

TEST_F(MongooseVerification, VerifyingClientWithoutNameIsRefused) {
  s.client.tls->name.clear();
  EXPECT_EQ(client_outcome(), tls_error(MK_ERR_NO_SERVER_NAME));
}

TEST_F(MongooseVerification, IpAddressNameMatchesTheIpSan) {
  s.client.tls->name = "127.0.0.1";
  EXPECT_EQ(client_outcome(), "");
}

TEST_F(MongooseVerification, ServerFromAnotherCaIsRefused) {
  s.client.tls->ca = cert_file("bad/other-ca.pem");
  EXPECT_EQ(client_outcome(), tls_error(MK_ERR_CERT_UNKNOWN_ISSUER));
}

TEST_F(MongooseVerification, ExpiredServerCertificateIsRefused) {
  s.server.tls = TlsOptions{.ca = "",
                            .cert = cert_file("bad/expired-chain.pem"),
                            .key = cert_file("bad/expired-key.pem"),
                            .name = ""};
  EXPECT_EQ(client_outcome(), tls_error(MK_ERR_CERT_EXPIRED));
}

TEST_F(MongooseVerification, SkipVerificationAcceptsAnUntrustedServerWithAnotherName) {
  s.client.tls->ca = cert_file("bad/other-ca.pem");
  s.client.tls->name = "wrong.example";
  s.client.tls->skip_verification = true;
  EXPECT_EQ(client_outcome(), "");
}

TEST_F(MongooseVerification, ClientWithoutCaDoesNotVerifyTheServer) {
  s.server.tls = TlsOptions{.ca = "",
                            .cert = cert_file("bad/other-leaf.pem"),
                            .key = cert_file("bad/other-leaf-key.pem"),
                            .name = ""};
  s.client.tls->ca.clear();
  EXPECT_EQ(client_outcome(), "");
}

TEST_F(MongooseVerification, ServerWithSkipVerificationDoesNotAskForAClientCertificate) {
  s.server.tls->ca = cert_file("ecdsa-p256/ca.pem");
  s.server.tls->skip_verification = true;
  EXPECT_EQ(client_outcome(), "");
}

}  // namespace
}  // namespace mk::mghost
