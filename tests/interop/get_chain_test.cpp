// Certificate chains end to end (issue 3): `meerkat get` against `openssl s_server`
// serving correct, reordered, incomplete and bad chains, and mutual TLS with
// `meerkat get` as the client.
#include <gtest/gtest.h>

#include "interop.h"

namespace mk::test {
namespace {

// s_server sends -cert, then the -cert_chain file's certificates in file order.
Finished get_from(std::vector<std::string> server_args, std::vector<std::string> get_args) {
  OpensslServer server;
  server_args.insert(server_args.end(), {"-tls1_3", "-www"});
  if (!server.start(server_args))
    return {std::nullopt, "", "s_server did not start: " + server.proc().output()};
  std::vector<std::string> argv = {kCli, "get", server.url()};
  argv.insert(argv.end(), get_args.begin(), get_args.end());
  return run(argv);
}

const std::vector<std::string> kTrustP256Root = {"--ca", cert("ecdsa-p256/ca.pem")};

TEST(GetChain, CorrectThreeLevelChainSucceeds) {
  Finished f = get_from({"-cert", cert("ecdsa-p256/leaf.pem"), "-key", cert("ecdsa-p256/key.pem"),
                         "-cert_chain", cert("ecdsa-p256/intermediate.pem")},
                        kTrustP256Root);
  EXPECT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.out.find("Cipher is"), std::string::npos);
}

TEST(GetChain, OutOfOrderChainSucceeds) {
  TempDir tmp;
  // The root before the intermediate: leaf, root, intermediate on the wire.
  std::string extra = tmp.write("extra.pem", read_file(cert("ecdsa-p256/ca.pem")) +
                                                 read_file(cert("ecdsa-p256/intermediate.pem")));
  Finished f = get_from({"-cert", cert("ecdsa-p256/leaf.pem"), "-key", cert("ecdsa-p256/key.pem"),
                         "-cert_chain", extra},
                        kTrustP256Root);
  EXPECT_EQ(f.status, 0) << f.err;
}

TEST(GetChain, MissingIntermediateFoundInTheCaFileSucceeds) {
  Finished f = get_from({"-cert", cert("ecdsa-p256/leaf.pem"), "-key", cert("ecdsa-p256/key.pem")},
                        {"--ca", cert("bad/ca-and-intermediate.pem")});
  EXPECT_EQ(f.status, 0) << f.err;
}

TEST(GetChain, MissingIntermediateNotInTheCaFileIsUnknownIssuer) {
  Finished f = get_from({"-cert", cert("ecdsa-p256/leaf.pem"), "-key", cert("ecdsa-p256/key.pem")},
                        kTrustP256Root);
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(f.err.starts_with("certificate verify failed: unknown issuer")) << f.err;
}

TEST(GetChain, LeafSignedIntermediateIsNotACa) {
  Finished f =
      get_from({"-cert", cert("bad/leaf-signed.pem"), "-key", cert("bad/leaf-signed-key.pem"),
                "-cert_chain", cert("ecdsa-p256/chain.pem")},
               kTrustP256Root);
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(lines_of(f.err).size(), 1u) << f.err;
  EXPECT_TRUE(f.err.starts_with("certificate verify failed: issuer certificate is not a CA"))
      << f.err;
}

TEST(GetChain, ExpiredLeafHasExpired) {
  Finished f = get_from({"-cert", cert("bad/expired.pem"), "-key", cert("bad/expired-key.pem"),
                         "-cert_chain", cert("ecdsa-p256/intermediate.pem")},
                        kTrustP256Root);
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(lines_of(f.err).size(), 1u) << f.err;
  EXPECT_TRUE(f.err.starts_with("certificate verify failed: certificate has expired")) << f.err;
}

TEST(GetChain, WrongNameDoesNotMatch) {
  Finished f =
      get_from({"-cert", cert("bad/wrong-name.pem"), "-key", cert("bad/wrong-name-key.pem"),
                "-cert_chain", cert("ecdsa-p256/intermediate.pem")},
               kTrustP256Root);
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(lines_of(f.err).size(), 1u) << f.err;
  EXPECT_TRUE(
      f.err.starts_with("certificate verify failed: certificate does not match the requested name"))
      << f.err;
}

// s_server requiring a client certificate issued under the ecdsa-p256 root.
std::vector<std::string> mutual_tls_server() {
  std::vector<std::string> args = openssl_server_chain("ecdsa-p256");
  args.insert(args.end(),
              {"-Verify", "3", "-CAfile", cert("ecdsa-p256/ca.pem"), "-verify_return_error"});
  return args;
}

TEST(GetMutualTls, RightClientCertificateIsAccepted) {
  std::vector<std::string> get_args = kTrustP256Root;
  get_args.insert(get_args.end(),
                  {"--cert", cert("bad/client-chain.pem"), "--key", cert("bad/client-key.pem")});
  Finished f = get_from(mutual_tls_server(), get_args);
  EXPECT_EQ(f.status, 0) << f.err;
  EXPECT_NE(f.out.find("Cipher is"), std::string::npos) << f.out;
}

TEST(GetMutualTls, NoClientCertificateIsRefusedByTheServer) {
  Finished f = get_from(mutual_tls_server(), kTrustP256Root);
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "handshake failed: peer sent alert certificate_required\n");
}

TEST(GetMutualTls, ClientCertificateFromAnotherCaIsRefusedByTheServer) {
  std::vector<std::string> get_args = kTrustP256Root;
  get_args.insert(get_args.end(), {"--cert", cert("bad/other-client.pem"), "--key",
                                   cert("bad/other-client-key.pem")});
  Finished f = get_from(mutual_tls_server(), get_args);
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "handshake failed: peer sent alert unknown_ca\n");
}

}  // namespace
}  // namespace mk::test
