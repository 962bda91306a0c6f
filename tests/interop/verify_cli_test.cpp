// `meerkat verify`: OK or the named error with its reason, exit 0 or 1.
#include <gtest/gtest.h>

#include "interop.h"

namespace mk::test {
namespace {

// 2030-01-01: inside every test certificate's validity except the expired one's.
const std::string kAt2030 = "1893456000";

Finished verify(std::vector<std::string> args) {
  std::vector<std::string> argv = {kCli, "verify"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

TEST(VerifyCli, GoodChainIsOk) {
  Finished f =
      verify({"--ca", cert("ecdsa-p256/ca.pem"), "--untrusted", cert("ecdsa-p256/intermediate.pem"),
              "--name", "localhost", "--at", kAt2030, cert("ecdsa-p256/leaf.pem")});
  EXPECT_EQ(f.status, 0) << f.out;
  EXPECT_EQ(f.out, "OK\n");
}

TEST(VerifyCli, IpAddressNameMatchesTheIpSan) {
  Finished f =
      verify({"--ca", cert("rsa-2048/ca.pem"), "--untrusted", cert("rsa-2048/intermediate.pem"),
              "--name", "127.0.0.1", "--at", kAt2030, cert("rsa-2048/leaf.pem")});
  EXPECT_EQ(f.out, "OK\n");
}

TEST(VerifyCli, IntermediateInTheCaFileIsEnough) {
  Finished f = verify(
      {"--ca", cert("bad/ca-and-intermediate.pem"), "--at", kAt2030, cert("ecdsa-p256/leaf.pem")});
  EXPECT_EQ(f.out, "OK\n");
}

TEST(VerifyCli, MissingIntermediateIsUnknownIssuer) {
  Finished f =
      verify({"--ca", cert("ecdsa-p256/ca.pem"), "--at", kAt2030, cert("ecdsa-p256/leaf.pem")});
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(f.out.starts_with("MK_ERR_CERT_UNKNOWN_ISSUER: unknown issuer")) << f.out;
}

TEST(VerifyCli, WrongNameIsANameMismatch) {
  Finished f =
      verify({"--ca", cert("ecdsa-p256/ca.pem"), "--untrusted", cert("ecdsa-p256/intermediate.pem"),
              "--name", "other.example", "--at", kAt2030, cert("ecdsa-p256/leaf.pem")});
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(
      f.out.starts_with("MK_ERR_CERT_NAME_MISMATCH: certificate does not match the requested name"))
      << f.out;
}

TEST(VerifyCli, ExpiredLeafHasExpired) {
  Finished f = verify({"--ca", cert("ecdsa-p256/ca.pem"), "--untrusted",
                       cert("ecdsa-p256/intermediate.pem"), cert("bad/expired.pem")});
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(f.out.starts_with("MK_ERR_CERT_EXPIRED: certificate has expired")) << f.out;
}

TEST(VerifyCli, AtMovesTheValidationTimeBeforeTheChainWasValid) {
  Finished f = verify({"--ca", cert("ecdsa-p256/ca.pem"), "--untrusted",
                       cert("ecdsa-p256/intermediate.pem"), "--at", "1593561600",  // 2020-07-01
                       cert("ecdsa-p256/leaf.pem")});
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(f.out.starts_with("MK_ERR_CERT_NOT_YET_VALID: certificate is not yet valid"))
      << f.out;
}

TEST(VerifyCli, LeafSignedCertificateHasANonCaIssuer) {
  Finished f = verify({"--ca", cert("ecdsa-p256/ca.pem"), "--untrusted",
                       cert("ecdsa-p256/chain.pem"), "--at", kAt2030, cert("bad/leaf-signed.pem")});
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(f.out.starts_with("MK_ERR_CERT_NOT_CA: issuer certificate is not a CA")) << f.out;
}

TEST(VerifyCli, ServerCertificateIsNotForClients) {
  Finished f =
      verify({"--ca", cert("ecdsa-p256/ca.pem"), "--untrusted", cert("ecdsa-p256/intermediate.pem"),
              "--purpose", "client", "--at", kAt2030, cert("ecdsa-p256/leaf.pem")});
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(f.out.starts_with("MK_ERR_CERT_EXTENDED_KEY_USAGE:")) << f.out;
}

TEST(VerifyCli, ClientCertificateIsOkForClients) {
  Finished f =
      verify({"--ca", cert("ecdsa-p256/ca.pem"), "--untrusted", cert("ecdsa-p256/intermediate.pem"),
              "--purpose", "client", "--at", kAt2030, cert("bad/client.pem")});
  EXPECT_EQ(f.out, "OK\n");
}

TEST(VerifyCli, MaxDepthTwoRefusesAThreeCertificatePath) {
  Finished f =
      verify({"--ca", cert("ecdsa-p256/ca.pem"), "--untrusted", cert("ecdsa-p256/intermediate.pem"),
              "--max-depth", "2", "--at", kAt2030, cert("ecdsa-p256/leaf.pem")});
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(f.out.starts_with("MK_ERR_CERT_CHAIN_TOO_LONG: certificate chain is too long"))
      << f.out;
}

TEST(VerifyCli, UnreadableCaFileIsNamed) {
  Finished f = verify({"--ca", "/nonexistent/ca.pem", cert("ecdsa-p256/leaf.pem")});
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.out, "cannot load CA file /nonexistent/ca.pem: file could not be read\n");
}

TEST(VerifyCli, MissingCaOptionIsAUsageError) {
  Finished f = verify({cert("ecdsa-p256/leaf.pem")});
  EXPECT_EQ(f.status, 2);
  EXPECT_EQ(f.err, "meerkat verify: --ca is required\n(see meerkat verify --help)\n");
}

}  // namespace
}  // namespace mk::test
