// TLS 1.2 handshakes between Meerkat's own client and server, in memory: the ECDHE
// AEAD suites, version negotiation and downgrade protection, mutual TLS.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "meerkat/meerkat.h"
#include "testdata.h"
#include "tls_pair.h"

namespace mk::test {
namespace {

struct Tls12Case {
  const char* key_dir;
  uint16_t suite;
};
constexpr Tls12Case kCases[] = {
    {"ecdsa-p256", MK_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
    {"ecdsa-p256", MK_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
    {"ecdsa-p256", MK_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256},
    {"ecdsa-p384", MK_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
    {"ecdsa-p384", MK_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
    {"rsa-2048", MK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
    {"rsa-2048", MK_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384},
    {"rsa-2048", MK_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256},
    {"rsa-4096", MK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
};
constexpr uint16_t kGroups[] = {MK_GROUP_X25519, MK_GROUP_SECP256R1, MK_GROUP_SECP384R1};

void tls12_only(mk_config* cfg) {
  ASSERT_EQ(mk_config_set_versions(cfg, MK_TLS_1_2, MK_TLS_1_2), MK_OK);
}

class Tls12Matrix : public ::testing::TestWithParam<std::tuple<Tls12Case, uint16_t>> {};

TEST_P(Tls12Matrix, CompletesAndCarriesData) {
  const auto [c, group] = GetParam();
  ConfigPtr server = server_config(c.key_dir);
  ConfigPtr client = client_config(c.key_dir);
  tls12_only(client.get());
  ASSERT_EQ(mk_config_set_cipher_suites(client.get(), &c.suite, 1), MK_OK);
  ASSERT_EQ(mk_config_set_groups(client.get(), &group, 1), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.client()) << " / "
                                << mk_conn_error_message(pair.server());
  for (mk_conn* side : {pair.client(), pair.server()}) {
    EXPECT_EQ(mk_conn_version(side), MK_TLS_1_2);
    EXPECT_EQ(mk_conn_cipher_suite(side), c.suite);
    EXPECT_EQ(mk_conn_group(side), group);
  }
  EXPECT_EQ(mk_conn_peer_verified(pair.client()), 1);
  const std::string body(40000, 'q');
  ASSERT_TRUE(pair.send(pair.client(), body));
  ASSERT_TRUE(pair.send(pair.server(), "reply"));
  EXPECT_EQ(pair.received(pair.server()), body);
  EXPECT_EQ(pair.received(pair.client()), "reply");
}

INSTANTIATE_TEST_SUITE_P(AllSuitesGroupsAndKeys, Tls12Matrix,
                         ::testing::Combine(::testing::ValuesIn(kCases),
                                            ::testing::ValuesIn(kGroups)),
                         [](const auto& info) {
                           return case_name(std::get<0>(info.param).key_dir,
                                            std::get<0>(info.param).suite, std::get<1>(info.param));
                         });

// ---- version negotiation ---------------------------------------------------------

TEST(Tls12, BothVersionsEnabledMeansTls13) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake());
  EXPECT_EQ(mk_conn_version(pair.client()), MK_TLS_1_3);
}

TEST(Tls12, AClientOfferingBothTalksTls12ToATls12OnlyServer) {
  ConfigPtr server = server_config("rsa-2048");
  ConfigPtr client = client_config("rsa-2048");
  tls12_only(server.get());
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.client());
  EXPECT_EQ(mk_conn_version(pair.client()), MK_TLS_1_2);
  EXPECT_EQ(mk_conn_cipher_suite(pair.client()), MK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
  // The server's key exchange was signed with RSA-PSS, the best both accept.
  EXPECT_EQ(mk_conn_signature_scheme(pair.client()), 0x0804);
}

TEST(Tls12, ATls13OnlyClientRefusesATls12OnlyServer) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  tls12_only(server.get());
  ASSERT_EQ(mk_config_set_versions(client.get(), MK_TLS_1_3, MK_TLS_1_3), MK_OK);
  TlsPair pair(client.get(), server.get());
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.server()), MK_ERR_PROTOCOL_VERSION);
  EXPECT_EQ(mk_conn_error(pair.client()), 0x0500 | 70);
}

TEST(Tls12, AServerThatAlsoSpeaksTls13MarksATls12HelloAndTheClientAccepts) {
  // The client offers only TLS 1.2, so the marker is no downgrade to it.
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  tls12_only(client.get());
  TlsPair pair(client.get(), server.get());
  ASSERT_EQ(mk_conn_start(pair.client()), MK_OK);
  pair.pump(pair.client(), pair.server());
  const std::string flight = pair.take_output(pair.server());
  // Record header 5, handshake header 4, version 2, then the random: its last 8
  // bytes are "DOWNGRD" 01.
  ASSERT_GT(flight.size(), 43u);
  EXPECT_EQ(flight.substr(5 + 4 + 2 + 24, 8), std::string("DOWNGRD\x01", 8));
  pair.feed(pair.client(), flight);
  pair.settle();
  EXPECT_TRUE(mk_conn_state(pair.client()) & MK_STATE_HANDSHAKE_DONE);
}

TEST(Tls12, VersionRangeIsValidated) {
  ConfigPtr cfg(mk_config_new(MK_ROLE_CLIENT));
  EXPECT_EQ(mk_config_set_versions(cfg.get(), MK_TLS_1_3, MK_TLS_1_2), MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(mk_config_set_versions(cfg.get(), 0x0302, MK_TLS_1_3), MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(mk_config_set_versions(cfg.get(), MK_TLS_1_2, MK_TLS_1_3), MK_OK);
}

TEST(Tls12, OnlyTls13SuitesConfiguredLeavesNothingToOfferForTls12) {
  ConfigPtr client = client_config("ecdsa-p256");
  tls12_only(client.get());
  const uint16_t suite = MK_TLS_AES_128_GCM_SHA256;
  ASSERT_EQ(mk_config_set_cipher_suites(client.get(), &suite, 1), MK_OK);
  ConnPtr conn(mk_conn_new(client.get()));
  mk_conn_set_server_name(conn.get(), "localhost", 9);
  EXPECT_EQ(mk_conn_start(conn.get()), MK_ERR_INVALID_ARGUMENT);
}

TEST(Tls12, AnEcdsaServerRefusesAClientOfferingOnlyRsaSuites) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  tls12_only(client.get());
  const uint16_t suite = MK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
  ASSERT_EQ(mk_config_set_cipher_suites(client.get(), &suite, 1), MK_OK);
  TlsPair pair(client.get(), server.get());
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.server()), MK_ERR_NO_COMMON_SUITE);
}

// ---- features ----------------------------------------------------------------------

TEST(Tls12, AlpnAndServerNameWork) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  tls12_only(client.get());
  ASSERT_EQ(mk_config_set_alpn(client.get(), "http/1.1,h2"), MK_OK);
  ASSERT_EQ(mk_config_set_alpn(server.get(), "h2,http/1.1"), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake());
  size_t len = 0;
  const char* alpn = mk_conn_alpn(pair.client(), &len);
  EXPECT_EQ(std::string(alpn, len), "h2");
  EXPECT_STREQ(mk_conn_server_name(pair.server()), "localhost");
}

TEST(Tls12, SmallRecordLimitsAreHonoured) {
  ConfigPtr server = server_config("rsa-4096");
  ConfigPtr client = client_config("rsa-4096");
  tls12_only(client.get());
  ASSERT_EQ(mk_config_set_record_size_limit(client.get(), 64), MK_OK);
  ASSERT_EQ(mk_config_set_record_size_limit(server.get(), 64), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.client());
  ASSERT_TRUE(pair.send(pair.server(), std::string(1000, 'x')));
  EXPECT_EQ(pair.received(pair.client()), std::string(1000, 'x'));
}

TEST(Tls12, WrongNameIsRefused) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  tls12_only(client.get());
  TlsPair pair(client.get(), server.get());
  ASSERT_EQ(mk_conn_set_server_name(pair.client(), "example.org", 11), MK_OK);
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.client()), MK_ERR_CERT_NAME_MISMATCH);
  EXPECT_EQ(mk_conn_error(pair.server()), 0x0500 | 42);
}

TEST(Tls12, KeyUpdateDoesNotExist) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  tls12_only(client.get());
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake());
  EXPECT_EQ(mk_conn_key_update(pair.client(), 0), MK_ERR_BAD_STATE);
}

TEST(Tls12, CloseNotifyEndsTheReadSide) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  tls12_only(client.get());
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake());
  ASSERT_EQ(mk_conn_close(pair.client()), MK_OK);
  pair.pump(pair.client(), pair.server());
  uint8_t buf[8];
  size_t got = 0;
  EXPECT_EQ(mk_conn_read(pair.server(), buf, sizeof buf, &got), MK_ERR_CLOSED);
}

// ---- mutual TLS --------------------------------------------------------------------

ConfigPtr tls12_client_with_certificate() {
  ConfigPtr cfg = client_config("ecdsa-p256");
  tls12_only(cfg.get());
  const std::string base = source_path("tests/data/certs/bad/");
  EXPECT_EQ(mk_config_load_cert_chain_file(cfg.get(), (base + "client-chain.pem").c_str()), MK_OK);
  EXPECT_EQ(mk_config_load_private_key_file(cfg.get(), (base + "client-key.pem").c_str()), MK_OK);
  return cfg;
}

ConfigPtr server_requiring_clients(mk_verify_mode mode, const char* key_dir = "ecdsa-p256") {
  ConfigPtr cfg = server_config(key_dir);
  const std::string ca = source_path("tests/data/certs/ecdsa-p256/ca.pem");
  EXPECT_EQ(mk_config_load_ca_file(cfg.get(), ca.c_str()), MK_OK);
  mk_config_set_verify(cfg.get(), mode);
  return cfg;
}

TEST(Tls12MutualTls, AClientCertificateIsVerified) {
  ConfigPtr server = server_requiring_clients(MK_VERIFY_REQUIRED);
  ConfigPtr client = tls12_client_with_certificate();
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.server());
  EXPECT_EQ(mk_conn_version(pair.server()), MK_TLS_1_2);
  EXPECT_EQ(mk_conn_peer_verified(pair.server()), 1);
  EXPECT_EQ(mk_conn_signature_scheme(pair.server()), 0x0403);
}

TEST(Tls12MutualTls, TheClientSignsOnTheSuitesHash) {
  // AES-256-GCM's PRF runs on SHA-384, so the client's CertificateVerify does too.
  ConfigPtr server = server_requiring_clients(MK_VERIFY_REQUIRED, "rsa-2048");
  ConfigPtr client = tls12_client_with_certificate();
  ASSERT_EQ(
      mk_config_load_ca_file(client.get(), source_path("tests/data/certs/rsa-2048/ca.pem").c_str()),
      MK_OK);
  const uint16_t suite = MK_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
  ASSERT_EQ(mk_config_set_cipher_suites(client.get(), &suite, 1), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.server());
  EXPECT_EQ(mk_conn_signature_scheme(pair.server()), 0x0503);
}

TEST(Tls12MutualTls, AClientWithoutCertificateIsRefusedWithHandshakeFailure) {
  ConfigPtr server = server_requiring_clients(MK_VERIFY_REQUIRED);
  ConfigPtr client = client_config("ecdsa-p256");
  tls12_only(client.get());
  TlsPair pair(client.get(), server.get());
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.server()), MK_ERR_CERTIFICATE_REQUIRED);
  EXPECT_EQ(mk_conn_error(pair.client()), 0x0500 | 40);  // TLS 1.2 has no certificate_required
}

TEST(Tls12MutualTls, AClientWithoutCertificateIsAcceptedWhenOptional) {
  ConfigPtr server = server_requiring_clients(MK_VERIFY_OPTIONAL);
  ConfigPtr client = client_config("ecdsa-p256");
  tls12_only(client.get());
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.server());
  EXPECT_EQ(mk_conn_peer_verified(pair.server()), 0);
}

}  // namespace
}  // namespace mk::test
