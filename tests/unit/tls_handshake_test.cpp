// Full TLS 1.3 handshakes between Meerkat's own client and server, in memory,
// through the public C API: what each side negotiates and verifies.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "meerkat/meerkat.h"
#include "testdata.h"
#include "tls_pair.h"

namespace mk::test {
namespace {

std::string alpn_of(mk_conn* c) {
  size_t len = 0;
  const char* p = mk_conn_alpn(c, &len);
  return p ? std::string(p, len) : std::string();
}

// ---- the suite x group x key matrix --------------------------------------------------

struct KeyCase {
  const char* dir;
  uint16_t scheme;  // what the server signs with when the client offers everything
};
constexpr KeyCase kKeys[] = {
    {"ecdsa-p256", 0x0403},
    {"ecdsa-p384", 0x0503},
    {"rsa-2048", 0x0804},
    {"rsa-4096", 0x0804},
};
constexpr uint16_t kSuites[] = {MK_TLS_AES_128_GCM_SHA256, MK_TLS_AES_256_GCM_SHA384,
                                MK_TLS_CHACHA20_POLY1305_SHA256};
constexpr uint16_t kGroups[] = {MK_GROUP_X25519, MK_GROUP_SECP256R1, MK_GROUP_SECP384R1};

class HandshakeMatrix : public ::testing::TestWithParam<std::tuple<KeyCase, uint16_t, uint16_t>> {};

TEST_P(HandshakeMatrix, CompletesWithTheChosenSuiteGroupAndScheme) {
  const auto [key, suite, group] = GetParam();
  ConfigPtr server = server_config(key.dir);
  ConfigPtr client = client_config(key.dir);
  ASSERT_EQ(mk_config_set_cipher_suites(client.get(), &suite, 1), MK_OK);
  ASSERT_EQ(mk_config_set_groups(client.get(), &group, 1), MK_OK);
  TlsPair pair(client.get(), server.get());

  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.client()) << " / "
                                << mk_conn_error_message(pair.server());
  for (mk_conn* side : {pair.client(), pair.server()}) {
    EXPECT_EQ(mk_conn_version(side), 0x0304);
    EXPECT_EQ(mk_conn_cipher_suite(side), suite);
    EXPECT_EQ(mk_conn_group(side), group);
    EXPECT_EQ(mk_conn_hello_retry(side), 0);
  }
  EXPECT_EQ(mk_conn_signature_scheme(pair.client()), key.scheme);
  EXPECT_EQ(mk_conn_peer_verified(pair.client()), 1);
  EXPECT_EQ(mk_conn_peer_verified(pair.server()), 0);
}

INSTANTIATE_TEST_SUITE_P(AllSuitesGroupsAndKeys, HandshakeMatrix,
                         ::testing::Combine(::testing::ValuesIn(kKeys),
                                            ::testing::ValuesIn(kSuites),
                                            ::testing::ValuesIn(kGroups)),
                         [](const auto& info) {
                           return case_name(std::get<0>(info.param).dir, std::get<1>(info.param),
                                            std::get<2>(info.param));
                         });

// ---- negotiation ----------------------------------------------------------------------

TEST(Handshake, ServerPicksTheSuiteByItsOwnOrder) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  const uint16_t server_order[] = {MK_TLS_CHACHA20_POLY1305_SHA256, MK_TLS_AES_128_GCM_SHA256};
  ASSERT_EQ(mk_config_set_cipher_suites(server.get(), server_order, 2), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake());
  EXPECT_EQ(mk_conn_cipher_suite(pair.client()), MK_TLS_CHACHA20_POLY1305_SHA256);
}

TEST(Handshake, ServerUsesAnAcceptableKeyShareWithoutRetry) {
  // The client's first group is the server's second choice: a share the server
  // accepts is used rather than asking for its favourite with a round trip.
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  const uint16_t server_groups[] = {MK_GROUP_SECP256R1, MK_GROUP_X25519};
  ASSERT_EQ(mk_config_set_groups(server.get(), server_groups, 2), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake());
  EXPECT_EQ(mk_conn_group(pair.client()), MK_GROUP_X25519);
  EXPECT_EQ(mk_conn_hello_retry(pair.client()), 0);
}

TEST(Handshake, ServerAsksForAGroupWithHelloRetryRequest) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  const uint16_t server_groups[] = {MK_GROUP_SECP384R1};
  ASSERT_EQ(mk_config_set_groups(server.get(), server_groups, 1), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.client());
  for (mk_conn* side : {pair.client(), pair.server()}) {
    EXPECT_EQ(mk_conn_hello_retry(side), 1);
    EXPECT_EQ(mk_conn_group(side), MK_GROUP_SECP384R1);
  }
}

TEST(Handshake, HelloRetryWorksWithoutMiddleboxCompatibility) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  mk_config_set_middlebox_compat(client.get(), 0);
  const uint16_t server_groups[] = {MK_GROUP_SECP256R1};
  ASSERT_EQ(mk_config_set_groups(server.get(), server_groups, 1), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.client());
  EXPECT_EQ(mk_conn_hello_retry(pair.client()), 1);
}

TEST(Handshake, NoCommonGroupIsAHandshakeFailure) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  const uint16_t x25519 = MK_GROUP_X25519, p384 = MK_GROUP_SECP384R1;
  ASSERT_EQ(mk_config_set_groups(client.get(), &x25519, 1), MK_OK);
  ASSERT_EQ(mk_config_set_groups(server.get(), &p384, 1), MK_OK);
  TlsPair pair(client.get(), server.get());
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.server()), MK_ERR_NO_COMMON_GROUP);
  EXPECT_EQ(mk_conn_error(pair.client()), 0x0500 | 40);  // handshake_failure
}

TEST(Handshake, NoCommonSuiteIsAHandshakeFailure) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  const uint16_t aes128 = MK_TLS_AES_128_GCM_SHA256, chacha = MK_TLS_CHACHA20_POLY1305_SHA256;
  ASSERT_EQ(mk_config_set_cipher_suites(client.get(), &aes128, 1), MK_OK);
  ASSERT_EQ(mk_config_set_cipher_suites(server.get(), &chacha, 1), MK_OK);
  TlsPair pair(client.get(), server.get());
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.server()), MK_ERR_NO_COMMON_SUITE);
  EXPECT_EQ(mk_conn_error(pair.client()), 0x0500 | 40);
}

TEST(Handshake, AlpnFollowsTheServersOrder) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  ASSERT_EQ(mk_config_set_alpn(client.get(), "http/1.1,h2"), MK_OK);
  ASSERT_EQ(mk_config_set_alpn(server.get(), "h2,http/1.1"), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake());
  EXPECT_EQ(alpn_of(pair.client()), "h2");
  EXPECT_EQ(alpn_of(pair.server()), "h2");
}

TEST(Handshake, AlpnWithNothingInCommonIsRefused) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  ASSERT_EQ(mk_config_set_alpn(client.get(), "imap"), MK_OK);
  ASSERT_EQ(mk_config_set_alpn(server.get(), "h2,http/1.1"), MK_OK);
  TlsPair pair(client.get(), server.get());
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.server()), MK_ERR_NO_APPLICATION_PROTOCOL);
  EXPECT_EQ(mk_conn_error(pair.client()), 0x0500 | 120);
}

TEST(Handshake, ClientWithoutAlpnGetsNone) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  ASSERT_EQ(mk_config_set_alpn(server.get(), "h2"), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake());
  EXPECT_EQ(alpn_of(pair.client()), "");
  EXPECT_EQ(alpn_of(pair.server()), "");
}

TEST(Handshake, ServerSeesTheRequestedServerName) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake());
  EXPECT_STREQ(mk_conn_server_name(pair.server()), "localhost");
}

TEST(Handshake, AnIpAddressIsVerifiedButNotSentAsServerName) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  TlsPair pair(client.get(), server.get());
  ASSERT_EQ(mk_conn_set_server_name(pair.client(), "127.0.0.1", 9), MK_OK);
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.client());
  EXPECT_STREQ(mk_conn_server_name(pair.server()), "");
  EXPECT_EQ(mk_conn_peer_verified(pair.client()), 1);
}

// ---- verification of the server --------------------------------------------------------

TEST(Handshake, ClientRefusesACertificateForAnotherName) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  TlsPair pair(client.get(), server.get());
  ASSERT_EQ(mk_conn_set_server_name(pair.client(), "example.org", 11), MK_OK);
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.client()), MK_ERR_CERT_NAME_MISMATCH);
  EXPECT_EQ(mk_conn_error(pair.server()), 0x0500 | 42);  // bad_certificate
}

TEST(Handshake, ClientRefusesAChainFromAnUnknownCa) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("rsa-2048");
  TlsPair pair(client.get(), server.get());
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.client()), MK_ERR_CERT_UNKNOWN_ISSUER);
  EXPECT_EQ(mk_conn_error(pair.server()), 0x0500 | 48);  // unknown_ca
}

TEST(Handshake, VerificationOffAcceptsAnyChainButNotAsVerified) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client(mk_config_new(MK_ROLE_CLIENT));
  mk_config_set_verify(client.get(), MK_VERIFY_NONE);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.client());
  EXPECT_EQ(mk_conn_peer_verified(pair.client()), 0);
  EXPECT_EQ(mk_conn_signature_scheme(pair.client()), 0x0403);
}

TEST(Handshake, ClientThatVerifiesNeedsAServerName) {
  ConfigPtr client = client_config("ecdsa-p256");
  ConnPtr conn(mk_conn_new(client.get()));
  EXPECT_EQ(mk_conn_start(conn.get()), MK_ERR_NO_SERVER_NAME);
  const uint8_t* out = nullptr;
  EXPECT_EQ(mk_conn_output(conn.get(), &out), 0u);
}

TEST(Handshake, ClientThatVerifiesNeedsCaCertificates) {
  ConfigPtr client(mk_config_new(MK_ROLE_CLIENT));
  ConnPtr conn(mk_conn_new(client.get()));
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(mk_conn_error(conn.get()), MK_ERR_NO_TRUST_ANCHORS);
  EXPECT_TRUE(mk_conn_state(conn.get()) & MK_STATE_FAILED);
}

TEST(Handshake, ServerWithoutKeyCannotMakeConnections) {
  ConfigPtr server(mk_config_new(MK_ROLE_SERVER));
  ConnPtr conn(mk_conn_new(server.get()));
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(mk_conn_error(conn.get()), MK_ERR_NO_KEY);
}

// ---- mutual TLS -------------------------------------------------------------------------

// tests/data/certs/bad/<chain> and <name>-key.pem.
ConfigPtr client_with_certificate(const std::string& name, const std::string& chain) {
  ConfigPtr cfg = client_config("ecdsa-p256");
  const std::string base = source_path("tests/data/certs/bad/");
  EXPECT_EQ(mk_config_load_cert_chain_file(cfg.get(), (base + chain).c_str()), MK_OK);
  EXPECT_EQ(mk_config_load_private_key_file(cfg.get(), (base + name + "-key.pem").c_str()), MK_OK);
  return cfg;
}
ConfigPtr server_requiring_clients(mk_verify_mode mode) {
  ConfigPtr cfg = server_config("ecdsa-p256");
  const std::string ca = source_path("tests/data/certs/ecdsa-p256/ca.pem");
  EXPECT_EQ(mk_config_load_ca_file(cfg.get(), ca.c_str()), MK_OK);
  mk_config_set_verify(cfg.get(), mode);
  return cfg;
}

TEST(MutualTls, ServerAcceptsAClientCertificateFromItsCa) {
  ConfigPtr server = server_requiring_clients(MK_VERIFY_REQUIRED);
  ConfigPtr client = client_with_certificate("client", "client-chain.pem");
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.server());
  EXPECT_EQ(mk_conn_peer_verified(pair.server()), 1);
  EXPECT_EQ(mk_conn_signature_scheme(pair.server()), 0x0403);
}

TEST(MutualTls, ClientWithoutCertificateIsRefusedWhenRequired) {
  ConfigPtr server = server_requiring_clients(MK_VERIFY_REQUIRED);
  ConfigPtr client = client_config("ecdsa-p256");
  TlsPair pair(client.get(), server.get());
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.server()), MK_ERR_CERTIFICATE_REQUIRED);
  EXPECT_EQ(mk_conn_error(pair.client()), 0x0500 | 116);  // certificate_required
}

TEST(MutualTls, ClientWithoutCertificateIsAcceptedWhenOptional) {
  ConfigPtr server = server_requiring_clients(MK_VERIFY_OPTIONAL);
  ConfigPtr client = client_config("ecdsa-p256");
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.server());
  EXPECT_EQ(mk_conn_peer_verified(pair.server()), 0);
}

TEST(MutualTls, ClientCertificateFromAnotherCaIsRefused) {
  ConfigPtr server = server_requiring_clients(MK_VERIFY_REQUIRED);
  ConfigPtr client = client_with_certificate("other-client", "other-client.pem");
  TlsPair pair(client.get(), server.get());
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.server()), MK_ERR_CERT_UNKNOWN_ISSUER);
  EXPECT_EQ(mk_conn_error(pair.client()), 0x0500 | 48);
}

TEST(MutualTls, ServerCertificateIsNotAcceptedAsAClientCertificate) {
  // The server's leaf has only serverAuth in its extended key usage.
  ConfigPtr server = server_requiring_clients(MK_VERIFY_REQUIRED);
  ConfigPtr client = client_config("ecdsa-p256");
  const std::string base = source_path("tests/data/certs/ecdsa-p256/");
  ASSERT_EQ(mk_config_load_cert_chain_file(client.get(), (base + "chain.pem").c_str()), MK_OK);
  ASSERT_EQ(mk_config_load_private_key_file(client.get(), (base + "key.pem").c_str()), MK_OK);
  TlsPair pair(client.get(), server.get());
  EXPECT_FALSE(pair.handshake());
  EXPECT_EQ(mk_conn_error(pair.server()), MK_ERR_CERT_EXTENDED_KEY_USAGE);
}

// ---- transport shapes -------------------------------------------------------------------

TEST(Handshake, CompletesWhenBytesArriveOneAtATime) {
  ConfigPtr server = server_config("rsa-2048");
  ConfigPtr client = client_config("rsa-2048");
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake(1)) << mk_conn_error_message(pair.client());
}

TEST(Handshake, CompletesWithTinyRecordsThatSplitEveryMessage) {
  // A 64-byte record limit makes the server cut its certificate chain into many
  // records, so each handshake message spans several of them.
  ConfigPtr server = server_config("rsa-4096");
  ConfigPtr client = client_config("rsa-4096");
  ASSERT_EQ(mk_config_set_record_size_limit(client.get(), 64), MK_OK);
  ASSERT_EQ(mk_config_set_record_size_limit(server.get(), 64), MK_OK);
  TlsPair pair(client.get(), server.get());
  ASSERT_TRUE(pair.handshake()) << mk_conn_error_message(pair.client());
  ASSERT_TRUE(pair.send(pair.server(), std::string(1000, 'x')));
  EXPECT_EQ(pair.received(pair.client()), std::string(1000, 'x'));
}

TEST(Handshake, RecordSizeLimitOutOfRangeIsRefused) {
  ConfigPtr client = client_config("ecdsa-p256");
  EXPECT_EQ(mk_config_set_record_size_limit(client.get(), 63), MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(mk_config_set_record_size_limit(client.get(), 16386), MK_ERR_INVALID_ARGUMENT);
}

TEST(Handshake, MiddleboxCompatibilityAddsAChangeCipherSpecAfterServerHello) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  TlsPair pair(client.get(), server.get());
  ASSERT_EQ(mk_conn_start(pair.client()), MK_OK);
  pair.pump(pair.client(), pair.server());
  const std::string flight = pair.take_output(pair.server());
  // ServerHello record, then exactly 14 03 03 00 01 01.
  ASSERT_GT(flight.size(), 5u);
  const size_t sh_len =
      5 + ((static_cast<uint8_t>(flight[3]) << 8) | static_cast<uint8_t>(flight[4]));
  EXPECT_EQ(flight.substr(sh_len, 6), std::string("\x14\x03\x03\x00\x01\x01", 6));
}

TEST(Handshake, WithoutMiddleboxCompatibilityNoChangeCipherSpecIsSent) {
  ConfigPtr server = server_config("ecdsa-p256");
  ConfigPtr client = client_config("ecdsa-p256");
  mk_config_set_middlebox_compat(client.get(), 0);
  TlsPair pair(client.get(), server.get());
  ASSERT_EQ(mk_conn_start(pair.client()), MK_OK);
  const std::string hello = pair.take_output(pair.client());
  // Record header (5), handshake header (4), version (2), random (32), then the
  // legacy session id length.
  EXPECT_EQ(static_cast<uint8_t>(hello[5 + 4 + 2 + 32]), 0);
  pair.feed(pair.server(), hello);
  const std::string flight = pair.take_output(pair.server());
  EXPECT_EQ(flight.find(std::string("\x14\x03\x03\x00\x01\x01", 6)), std::string::npos);
  pair.feed(pair.client(), flight);
  pair.settle();
  EXPECT_TRUE(mk_conn_state(pair.client()) & MK_STATE_HANDSHAKE_DONE);
  EXPECT_TRUE(mk_conn_state(pair.server()) & MK_STATE_HANDSHAKE_DONE);
}

}  // namespace
}  // namespace mk::test
