// A real browser against `meerkat serve`: headless Chromium (BoringSSL, with its
// post-quantum hybrid key share, GREASE values and extensions Meerkat never
// offers) loads a page over TLS 1.3 and over TLS 1.2. Chromium is told to trust the
// test leaf's key (--ignore-certificate-errors-spki-list), so only the TLS exchange
// is under test here, not Chromium's own certificate checks.
#include <sys/stat.h>

#include "interop.h"

namespace mk::test {
namespace {

const char* const kChromium = "/usr/bin/chromium";

bool have_chromium() {
  struct stat st;
  return ::stat(kChromium, &st) == 0;
}

// base64(SHA-256(SubjectPublicKeyInfo)) of a certificate, as Chromium's SPKI list takes it.
std::string spki_hash(const std::string& cert_pem) {
  Finished f = run({"sh", "-c",
                    "openssl x509 -in '" + cert_pem +
                        "' -pubkey -noout | openssl pkey -pubin -outform der | "
                        "openssl dgst -sha256 -binary | openssl base64 -A"});
  return f.status == 0 ? f.out : std::string();
}

// Load url in headless Chromium; the page's DOM comes back on stdout.
Finished chromium_get(const std::string& url, const std::string& trusted_leaf) {
  TempDir profile;
  return run(
      {kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
       "--disable-background-networking", "--disable-component-update", "--disable-sync",
       "--user-data-dir=" + profile.path(),
       "--ignore-certificate-errors-spki-list=" + spki_hash(trusted_leaf), "--dump-dom", url},
      "", Millis{45000});
}

struct BrowserCase {
  const char* chain;
  const char* versions;
  const char* expect_version;  // in serve's -v handshake line
};

class ChromiumLoadsAPage : public ::testing::TestWithParam<BrowserCase> {};

TEST_P(ChromiumLoadsAPage, OverTheNegotiatedVersion) {
  if (!have_chromium())
    GTEST_SKIP() << "chromium is not installed (scripts/setup-deps.sh installs it)";
  const BrowserCase c = GetParam();
  Site site;
  MeerkatServer server;
  ASSERT_TRUE(server.start(site.dir.path(), {"--cert", cert(std::string(c.chain) + "/chain.pem"),
                                             "--key", cert(std::string(c.chain) + "/key.pem"),
                                             "--versions", c.versions, "--alpn", "http/1.1", "-v"}))
      << server.proc().output();
  Finished f = chromium_get(server.url("/"), cert(std::string(c.chain) + "/leaf.pem"));
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.out.find("hello from meerkat"), std::string::npos) << f.out << f.err;
  EXPECT_TRUE(
      server.proc().wait_for_output(std::string("handshake: ") + c.expect_version, kPeerTimeout, 2))
      << server.proc().err();
  EXPECT_NE(server.proc().err().find("alpn=http/1.1"), std::string::npos) << server.proc().err();
}

INSTANTIATE_TEST_SUITE_P(Chains, ChromiumLoadsAPage,
                         ::testing::Values(BrowserCase{"ecdsa-p256", "1.3", "TLSv1.3"},
                                           BrowserCase{"rsa-2048", "1.3", "TLSv1.3"},
                                           BrowserCase{"ecdsa-p256", "1.2", "TLSv1.2"},
                                           BrowserCase{"rsa-2048", "1.2", "TLSv1.2"}),
                         [](const auto& info) {
                           return std::string(info.param.chain[0] == 'e' ? "Ecdsa" : "Rsa") +
                                  (info.param.versions[2] == '3' ? "Tls13" : "Tls12");
                         });

}  // namespace
}  // namespace mk::test
