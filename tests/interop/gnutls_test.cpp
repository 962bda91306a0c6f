// Meerkat against GnuTLS in both roles: `meerkat serve` with gnutls-cli, and
// `meerkat get` against gnutls-serv. (gnutls-serv has no bind-address option and
// listens on every interface; the tests only ever connect to 127.0.0.1.)
#include <gtest/gtest.h>

#include <tuple>

#include "interop.h"

namespace mk::test {
namespace {

struct GnutlsCase {
  const char* chain;
  const char* priority_group;  // GnuTLS priority name
  const char* description;     // the key exchange part of gnutls-cli's session description
  const char* meerkat_group;
};

const GnutlsCase kCases[] = {
    {"ecdsa-p256", "GROUP-X25519", "(ECDHE-X25519)", "x25519"},
    {"ecdsa-p256", "GROUP-SECP256R1", "(ECDHE-SECP256R1)", "secp256r1"},
    {"rsa-2048", "GROUP-SECP384R1", "(ECDHE-SECP384R1)", "secp384r1"},
};

std::string priority(const GnutlsCase& c) {
  return std::string("NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+") + c.priority_group;
}

class GnutlsInterop : public ::testing::TestWithParam<GnutlsCase> {};

TEST_P(GnutlsInterop, GnutlsCliFetchesFromMeerkatServe) {
  const GnutlsCase& c = GetParam();
  std::string chain = c.chain;
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(
      site.dir.path(), {"--cert", cert(chain + "/chain.pem"), "--key", cert(chain + "/key.pem")}))
      << server.proc().output();
  Finished f = run({"gnutls-cli", "--x509cafile", cert(chain + "/ca.pem"), "-p",
                    std::to_string(server.port()), "--priority", priority(c), "localhost"},
                   http_get());
  ASSERT_EQ(f.status, 0) << f.err << f.out;
  EXPECT_NE(f.out.find("- Status: The certificate is trusted."), std::string::npos) << f.out;
  EXPECT_NE(f.out.find(std::string("(TLS1.3-X.509)-") + c.description), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("HTTP/1.1 200 OK\r\n"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find(kIndexHtml), std::string::npos) << f.out;
}

TEST_P(GnutlsInterop, MeerkatGetFetchesFromGnutlsServ) {
  const GnutlsCase& c = GetParam();
  std::string chain = c.chain;
  uint16_t port = pick_free_port();
  Process serv;
  ASSERT_TRUE(serv.start({"gnutls-serv", "--http", "-p", std::to_string(port), "--x509certfile",
                          cert(chain + "/chain.pem"), "--x509keyfile", cert(chain + "/key.pem"),
                          "--priority", priority(c)}));
  // It prints the line before it starts listening; wait for the port itself too.
  ASSERT_TRUE(serv.wait_for_output("HTTP Server listening on IPv4", kPeerTimeout)) << serv.output();
  ASSERT_TRUE(wait_for_port(port, kPeerTimeout)) << serv.output();
  Finished f = run({kCli, "get", "https://localhost:" + std::to_string(port) + "/", "--ca",
                    cert(chain + "/ca.pem"), "-v"});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.err.find(std::string("* group: ") + c.meerkat_group), std::string::npos) << f.err;
  EXPECT_NE(f.out.find("This is <a href=\"http://www.gnu.org/software/gnutls\">GnuTLS</a>"),
            std::string::npos)
      << f.out;
}

INSTANTIATE_TEST_SUITE_P(KeysAndGroups, GnutlsInterop, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<GnutlsCase>& info) {
                           return std::string(info.param.meerkat_group) + "_" +
                                  (info.param.chain[0] == 'r' ? "rsa" : "ecdsa");
                         });

}  // namespace
}  // namespace mk::test
