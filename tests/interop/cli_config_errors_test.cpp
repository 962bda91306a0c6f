// Files the CLI cannot use are refused at start, with one line naming the file and why.
#include <gtest/gtest.h>

#include "interop.h"

namespace mk::test {
namespace {

Finished serve_with(const std::string& chain, const std::string& key) {
  return run({kCli, "serve", "--port", "0", "--cert", chain, "--key", key});
}

TEST(CliConfigErrors, ServeRefusesAnEncryptedKey) {
  std::string key = cert("ecdsa-p256/key-encrypted.pem");
  Finished f = serve_with(cert("ecdsa-p256/chain.pem"), key);
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "meerkat serve: cannot load private key " + key +
                       ": private key is encrypted; decrypt it first "
                       "(PEM block 1 (ENCRYPTED PRIVATE KEY): the key is encrypted)\n");
}

TEST(CliConfigErrors, ServeRefusesAKeyForAnotherCertificate) {
  std::string key = cert("rsa-2048/key.pem");
  Finished f = serve_with(cert("ecdsa-p256/chain.pem"), key);
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "meerkat serve: cannot load private key " + key +
                       ": private key does not match the certificate "
                       "(the private key is RSA-2048 but the certificate's key is ECDSA P-256)\n");
}

TEST(CliConfigErrors, ServeRefusesAMissingChainFile) {
  Finished f = serve_with("/nonexistent/chain.pem", cert("ecdsa-p256/key.pem"));
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err,
            "meerkat serve: cannot load certificate chain /nonexistent/chain.pem: file could not "
            "be read\n");
}

TEST(CliConfigErrors, TruncatedChainNamesThePemBlock) {
  TempDir tmp;
  std::string chain =
      tmp.write("chain.pem", read_file(cert("ecdsa-p256/chain.pem")).substr(0, 300));
  Finished f = serve_with(chain, cert("ecdsa-p256/key.pem"));
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err,
            "meerkat serve: cannot load certificate chain " + chain +
                ": PEM data is malformed (PEM block 1 (CERTIFICATE): no END line (the data may "
                "be truncated))\n");
}

TEST(CliConfigErrors, GetRefusesAMissingCaFile) {
  Finished f = run({kCli, "get", "https://localhost:1/", "--ca", "/nonexistent/ca.pem"});
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "cannot load CA file /nonexistent/ca.pem: file could not be read\n");
}

}  // namespace
}  // namespace mk::test
