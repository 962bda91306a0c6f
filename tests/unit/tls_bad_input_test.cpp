// Hostile and broken input fed to both roles: each case must end in the named
// error and the right alert on the wire, never a crash, a hang or a silent pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/writer.h"
#include "meerkat/meerkat.h"
#include "tls/messages.h"
#include "tls/record.h"
#include "tls_pair.h"

namespace mk::test {
namespace {

using tls::ClientHelloParams;
using tls::KeyShareEntry;
using tls::ServerHelloParams;

std::string record(uint8_t type, const std::string& payload) {
  std::string r;
  r += static_cast<char>(type);
  r += "\x03\x03";
  r += static_cast<char>(payload.size() >> 8);
  r += static_cast<char>(payload.size() & 0xff);
  return r + payload;
}

std::string alert_record(uint8_t description) {
  return record(21, std::string("\x02", 1) + static_cast<char>(description));
}

template <class Fn>
std::string build(Fn&& write) {
  std::vector<uint8_t> buf(4096);
  Writer w{ByteSpan(buf)};
  write(w);
  EXPECT_TRUE(w.ok());
  return std::string(reinterpret_cast<const char*>(buf.data()), w.size());
}

const uint16_t kSuites[] = {MK_TLS_AES_128_GCM_SHA256};
const uint16_t kGroups[] = {MK_GROUP_X25519, MK_GROUP_SECP256R1};
const uint16_t kSchemes[] = {0x0403, 0x0804};

// A well-formed ClientHello that tests then spoil one field at a time.
ClientHelloParams hello_params(const KeyShareEntry& share) {
  static const uint8_t random[32] = {1, 2, 3};
  ClientHelloParams p;
  p.random = ByteView(random);
  p.cipher_suites = kSuites;
  p.groups = kGroups;
  p.signature_algorithms = kSchemes;
  p.key_shares = std::span<const KeyShareEntry>(&share, 1);
  return p;
}

class FreshServer : public ::testing::Test {
 protected:
  void SetUp() override {
    cfg_ = server_config("ecdsa-p256");
    conn_.reset(mk_conn_new(cfg_.get()));
    ASSERT_NE(conn_, nullptr);
  }
  int feed(const std::string& bytes) {
    size_t used = 0;
    return mk_conn_feed(conn_.get(), reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(),
                        &used);
  }
  std::string output() {
    const uint8_t* out = nullptr;
    const size_t n = mk_conn_output(conn_.get(), &out);
    return std::string(reinterpret_cast<const char*>(out), n);
  }
  std::string client_hello(const ClientHelloParams& p) {
    return record(22, build([&](Writer& w) { tls::write_client_hello(w, p); }));
  }

  ConfigPtr cfg_;
  ConnPtr conn_;
  uint8_t x25519_key_[32] = {9};
};

TEST_F(FreshServer, PlainHttpIsNotTls) {
  EXPECT_EQ(feed("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), MK_ERR_NOT_TLS);
  EXPECT_EQ(output(), alert_record(10));  // unexpected_message
  EXPECT_TRUE(mk_conn_state(conn_.get()) & MK_STATE_FAILED);
}

TEST_F(FreshServer, AnOversizedRecordOverflows) {
  EXPECT_EQ(feed(std::string("\x16\x03\x03\x41\x01", 5)), MK_ERR_RECORD_OVERFLOW);
  EXPECT_EQ(output(), alert_record(22));
}

TEST_F(FreshServer, AnUnprotectedRecordOverThePlaintextLimitOverflows) {
  EXPECT_EQ(feed(record(22, std::string(16385, '\x01'))), MK_ERR_RECORD_OVERFLOW);
  EXPECT_EQ(output(), alert_record(22));
}

TEST_F(FreshServer, AnEmptyHandshakeRecordIsUnexpected) {
  EXPECT_EQ(feed(record(22, "")), MK_ERR_UNEXPECTED_MESSAGE);
  EXPECT_EQ(output(), alert_record(10));
}

TEST_F(FreshServer, FinishedAsTheFirstMessageIsUnexpected) {
  EXPECT_EQ(feed(record(22, std::string("\x14\x00\x00\x20", 4) + std::string(32, '\0'))),
            MK_ERR_UNEXPECTED_MESSAGE);
  EXPECT_EQ(output(), alert_record(10));
}

TEST_F(FreshServer, ApplicationDataBeforeTheHandshakeIsUnexpected) {
  EXPECT_EQ(feed(record(23, "hello")), MK_ERR_UNEXPECTED_MESSAGE);
  EXPECT_EQ(output(), alert_record(10));
}

TEST_F(FreshServer, ChangeCipherSpecBeforeClientHelloIsUnexpected) {
  EXPECT_EQ(feed(record(20, "\x01")), MK_ERR_UNEXPECTED_MESSAGE);
  EXPECT_EQ(output(), alert_record(10));
}

TEST_F(FreshServer, AHandshakeMessageOverTheSizeLimitIsRefused) {
  EXPECT_EQ(feed(record(22, std::string("\x01\x01\x00\x01", 4))), MK_ERR_HANDSHAKE_TOO_LARGE);
  EXPECT_EQ(output(), alert_record(10));
}

TEST_F(FreshServer, AnAlertInsideAFragmentedMessageIsUnexpected) {
  EXPECT_EQ(feed(record(22, std::string("\x01\x00\x00\x64", 4) + "0123456789")), MK_OK);
  EXPECT_EQ(feed(alert_record(0)), MK_ERR_UNEXPECTED_MESSAGE);
}

TEST_F(FreshServer, AFatalAlertFromTheClientEndsTheHandshake) {
  EXPECT_EQ(feed(alert_record(40)), 0x0500 | 40);
  EXPECT_EQ(output(), "");  // an alert is never answered with an alert
}

// A TLS 1.2 ClientHello: no supported_versions, no extended master secret.
std::string tls12_client_hello_without_extensions() {
  return record(22, build([](Writer& w) {
                  const size_t m = tls::begin_message(w, tls::kClientHello);
                  w.u16(0x0303);
                  w.zeros(32);
                  w.u8(0);                  // session id
                  w.u16(2), w.u16(0xc02b);  // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                  w.u8(1), w.u8(0);         // compression
                  w.u16(0);                 // extensions
                  tls::end_message(w, m);
                }));
}

TEST_F(FreshServer, ATls12HelloToATls13OnlyServerIsAProtocolVersionError) {
  ASSERT_EQ(mk_config_set_versions(cfg_.get(), MK_TLS_1_3, MK_TLS_1_3), MK_OK);
  conn_.reset(mk_conn_new(cfg_.get()));
  EXPECT_EQ(feed(tls12_client_hello_without_extensions()), MK_ERR_PROTOCOL_VERSION);
  EXPECT_EQ(output(), alert_record(70));
}

TEST_F(FreshServer, ATls12HelloWithoutExtendedMasterSecretIsRefused) {
  EXPECT_EQ(feed(tls12_client_hello_without_extensions()), MK_ERR_NO_EXTENDED_MASTER_SECRET);
  EXPECT_EQ(output(), alert_record(40));
}

TEST_F(FreshServer, AClientHelloOfferingCompressionIsIllegal) {
  const KeyShareEntry share{MK_GROUP_X25519, ByteView(x25519_key_)};
  std::string hello = client_hello(hello_params(share));
  // Record header 5, handshake header 4, version 2, random 32, session id 1,
  // suites 2 + 2, then the compression list: 01 00 -> 01 01.
  ASSERT_EQ(hello[5 + 4 + 2 + 32 + 1 + 4], '\x01');
  hello[5 + 4 + 2 + 32 + 1 + 4 + 1] = '\x01';
  EXPECT_EQ(feed(hello), MK_ERR_ILLEGAL_PARAMETER);
  EXPECT_EQ(output(), alert_record(47));
}

TEST_F(FreshServer, AKeyShareForAGroupNotInSupportedGroupsIsIllegal) {
  uint8_t p384_point[97] = {4};
  const KeyShareEntry share{MK_GROUP_SECP384R1, ByteView(p384_point)};
  EXPECT_EQ(feed(client_hello(hello_params(share))), MK_ERR_ILLEGAL_PARAMETER);
  EXPECT_EQ(output(), alert_record(47));
}

TEST_F(FreshServer, AnX25519ShareOfSmallOrderIsRefused) {
  uint8_t zero[32] = {};
  const KeyShareEntry share{MK_GROUP_X25519, ByteView(zero)};
  EXPECT_EQ(feed(client_hello(hello_params(share))), MK_ERR_BAD_KEY_SHARE);
  EXPECT_EQ(output(), alert_record(47));
}

TEST_F(FreshServer, AP256ShareOffTheCurveIsRefused) {
  uint8_t point[65] = {4, 1, 2, 3};
  const KeyShareEntry share{MK_GROUP_SECP256R1, ByteView(point)};
  ClientHelloParams p = hello_params(share);
  EXPECT_EQ(feed(client_hello(p)), MK_ERR_BAD_KEY_SHARE);
  EXPECT_EQ(output(), alert_record(47));
}

TEST_F(FreshServer, AClientHelloWithoutSignatureAlgorithmsIsMissingAnExtension) {
  const KeyShareEntry share{MK_GROUP_X25519, ByteView(x25519_key_)};
  ClientHelloParams p = hello_params(share);
  p.signature_algorithms = {};
  EXPECT_EQ(feed(client_hello(p)), MK_ERR_MISSING_EXTENSION);
  EXPECT_EQ(output(), alert_record(109));
}

TEST_F(FreshServer, TooManyChangeCipherSpecRecordsAreRefused) {
  ConfigPtr client = client_config("ecdsa-p256");
  ConnPtr c(mk_conn_new(client.get()));
  mk_conn_set_server_name(c.get(), "localhost", 9);
  ASSERT_EQ(mk_conn_start(c.get()), MK_OK);
  const uint8_t* out = nullptr;
  const size_t n = mk_conn_output(c.get(), &out);
  ASSERT_EQ(feed(std::string(reinterpret_cast<const char*>(out), n)), MK_OK);
  int e = MK_OK;
  for (int i = 0; i < 40 && e == MK_OK; ++i) e = feed(record(20, "\x01"));
  EXPECT_EQ(e, MK_ERR_TOO_MANY_EMPTY_RECORDS);
}

// user_canceled is the one alert TLS 1.3 lets a connection survive (RFC 8446 6.1);
// a stream of them is a peer making us spin.
TEST_F(FreshServer, TheThirtyThirdWarningAlertInARowIsRefused) {
  const std::string canceled = record(21, std::string("\x01\x5a", 2));
  for (int i = 0; i < 32; ++i) ASSERT_EQ(feed(canceled), MK_OK) << "alert " << i + 1;
  EXPECT_EQ(feed(canceled), MK_ERR_TOO_MANY_EMPTY_RECORDS);
  EXPECT_EQ(output(), alert_record(10));
}

TEST_F(FreshServer, EveryTruncationOfAClientHelloFailsCleanly) {
  const KeyShareEntry share{MK_GROUP_X25519, ByteView(x25519_key_)};
  ClientHelloParams p = hello_params(share);
  const std::string message = build([&](Writer& w) { tls::write_client_hello(w, p); });
  const std::string body = message.substr(4);
  for (size_t cut = 0; cut < body.size(); ++cut) {
    ConnPtr conn(mk_conn_new(cfg_.get()));
    std::string truncated = message.substr(0, 1);
    truncated += static_cast<char>(0);
    truncated += static_cast<char>(cut >> 8);
    truncated += static_cast<char>(cut & 0xff);
    truncated += body.substr(0, cut);
    const std::string rec = record(22, truncated);
    size_t used = 0;
    const int e =
        mk_conn_feed(conn.get(), reinterpret_cast<const uint8_t*>(rec.data()), rec.size(), &used);
    EXPECT_NE(e, MK_OK) << "cut at " << cut;
    const uint8_t* out = nullptr;
    const size_t n = mk_conn_output(conn.get(), &out);
    ASSERT_EQ(n, 7u) << "cut at " << cut;
    EXPECT_EQ(out[0], 21) << "an alert record, cut at " << cut;
  }
}

// ---- the client, fed forged server messages -----------------------------------------

class ClientAwaitingServerHello : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!cfg_) cfg_ = client_config("ecdsa-p256");
    mk_config_set_middlebox_compat(cfg_.get(), 0);  // empty session id: easy to echo
    const uint16_t groups[] = {MK_GROUP_X25519, MK_GROUP_SECP256R1};
    mk_config_set_groups(cfg_.get(), groups, 2);
    const uint16_t suites[] = {MK_TLS_AES_128_GCM_SHA256,
                               MK_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
    mk_config_set_cipher_suites(cfg_.get(), suites, 2);
    conn_.reset(mk_conn_new(cfg_.get()));
    mk_conn_set_server_name(conn_.get(), "localhost", 9);
    ASSERT_EQ(mk_conn_start(conn_.get()), MK_OK);
    const uint8_t* out = nullptr;
    mk_conn_output_ack(conn_.get(), mk_conn_output(conn_.get(), &out));
  }
  int feed(const std::string& bytes) {
    size_t used = 0;
    return mk_conn_feed(conn_.get(), reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(),
                        &used);
  }
  std::string output() {
    const uint8_t* out = nullptr;
    const size_t n = mk_conn_output(conn_.get(), &out);
    std::string s(reinterpret_cast<const char*>(out), n);
    mk_conn_output_ack(conn_.get(), n);
    return s;
  }
  static std::string server_hello(const ServerHelloParams& p) {
    return record(22, build([&](Writer& w) { tls::write_server_hello(w, p); }));
  }
  static ServerHelloParams hello_retry(uint16_t group) {
    ServerHelloParams p;
    p.hello_retry = true;
    p.cipher_suite = MK_TLS_AES_128_GCM_SHA256;
    p.selected_group = group;
    return p;
  }

  ConfigPtr cfg_;
  ConnPtr conn_;
  uint8_t random_[32] = {7};
  uint8_t key_[32] = {9};
};

TEST_F(ClientAwaitingServerHello, GarbageIsNotTls) {
  EXPECT_EQ(feed("HTTP/1.1 400 Bad Request\r\n"), MK_ERR_NOT_TLS);
  EXPECT_EQ(output(), alert_record(10));
}

// A TLS 1.2 ServerHello choosing TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, with the
// given random and extensions block.
std::string tls12_server_hello(ByteView random, const std::string& extensions) {
  return record(22, build([&](Writer& w) {
                  const size_t m = tls::begin_message(w, tls::kServerHello);
                  w.u16(0x0303);
                  w.bytes(random);
                  w.u8(0);
                  w.u16(0xc02b);
                  w.u8(0);
                  w.u16(static_cast<uint16_t>(extensions.size()));
                  w.bytes(as_bytes(extensions));
                  tls::end_message(w, m);
                }));
}
const std::string kExtendedMasterSecret("\x00\x17\x00\x00", 4);

TEST_F(ClientAwaitingServerHello, ATls12ServerHelloToATls13OnlyClientIsAProtocolVersionError) {
  ASSERT_EQ(mk_config_set_versions(cfg_.get(), MK_TLS_1_3, MK_TLS_1_3), MK_OK);
  SetUp();
  EXPECT_EQ(feed(tls12_server_hello(ByteView(random_), kExtendedMasterSecret)),
            MK_ERR_PROTOCOL_VERSION);
  EXPECT_EQ(output(), alert_record(70));
}

TEST_F(ClientAwaitingServerHello, ATls12ServerHelloMarkedAsADowngradeIsRefused) {
  std::copy(std::begin(tls::kDowngradeTls12), std::end(tls::kDowngradeTls12), random_ + 24);
  EXPECT_EQ(feed(tls12_server_hello(ByteView(random_), kExtendedMasterSecret)), MK_ERR_DOWNGRADE);
  EXPECT_EQ(output(), alert_record(47));
}

TEST_F(ClientAwaitingServerHello, ATls12ServerWithoutExtendedMasterSecretIsRefused) {
  EXPECT_EQ(feed(tls12_server_hello(ByteView(random_), "")), MK_ERR_NO_EXTENDED_MASTER_SECRET);
  EXPECT_EQ(output(), alert_record(40));
}

TEST_F(ClientAwaitingServerHello, ATls12ServerRenegotiatingOnAFirstHandshakeIsRefused) {
  const std::string renegotiation("\xff\x01\x00\x02\x01\x07", 6);
  EXPECT_EQ(feed(tls12_server_hello(ByteView(random_), kExtendedMasterSecret + renegotiation)),
            MK_ERR_RENEGOTIATION);
  EXPECT_EQ(output(), alert_record(40));
}

TEST_F(ClientAwaitingServerHello, ATls12ServerHelloWithAnExtensionNeverOfferedIsRefused) {
  const std::string ticket("\x00\x23\x00\x00", 4);  // session_ticket
  EXPECT_EQ(feed(tls12_server_hello(ByteView(random_), kExtendedMasterSecret + ticket)),
            MK_ERR_UNSUPPORTED_EXTENSION);
  EXPECT_EQ(output(), alert_record(110));
}

TEST_F(ClientAwaitingServerHello, ASuiteThatWasNotOfferedIsIllegal) {
  ServerHelloParams p;
  p.random = ByteView(random_);
  p.cipher_suite = MK_TLS_AES_256_GCM_SHA384;
  p.key_share = KeyShareEntry{MK_GROUP_X25519, ByteView(key_)};
  EXPECT_EQ(feed(server_hello(p)), MK_ERR_ILLEGAL_PARAMETER);
  EXPECT_EQ(output(), alert_record(47));
}

TEST_F(ClientAwaitingServerHello, AKeyShareForAnotherGroupIsIllegal) {
  uint8_t point[65] = {4};
  ServerHelloParams p;
  p.random = ByteView(random_);
  p.cipher_suite = MK_TLS_AES_128_GCM_SHA256;
  p.key_share = KeyShareEntry{MK_GROUP_SECP256R1, ByteView(point)};
  EXPECT_EQ(feed(server_hello(p)), MK_ERR_ILLEGAL_PARAMETER);
  EXPECT_EQ(output(), alert_record(47));
}

TEST_F(ClientAwaitingServerHello, ASmallOrderX25519ShareIsRefused) {
  uint8_t zero[32] = {};
  ServerHelloParams p;
  p.random = ByteView(random_);
  p.cipher_suite = MK_TLS_AES_128_GCM_SHA256;
  p.key_share = KeyShareEntry{MK_GROUP_X25519, ByteView(zero)};
  EXPECT_EQ(feed(server_hello(p)), MK_ERR_BAD_KEY_SHARE);
  EXPECT_EQ(output(), alert_record(47));
}

TEST_F(ClientAwaitingServerHello, AWrongSessionIdEchoIsIllegal) {
  uint8_t sid[32] = {1};
  ServerHelloParams p;
  p.random = ByteView(random_);
  p.session_id_echo = ByteView(sid);
  p.cipher_suite = MK_TLS_AES_128_GCM_SHA256;
  p.key_share = KeyShareEntry{MK_GROUP_X25519, ByteView(key_)};
  EXPECT_EQ(feed(server_hello(p)), MK_ERR_ILLEGAL_PARAMETER);
}

TEST_F(ClientAwaitingServerHello, AHelloRetryForTheGroupAlreadySentIsRefused) {
  EXPECT_EQ(feed(server_hello(hello_retry(MK_GROUP_X25519))), MK_ERR_BAD_HELLO_RETRY);
  EXPECT_EQ(output(), alert_record(47));
}

TEST_F(ClientAwaitingServerHello, AHelloRetryForAGroupNotOfferedIsRefused) {
  EXPECT_EQ(feed(server_hello(hello_retry(MK_GROUP_SECP384R1))), MK_ERR_BAD_HELLO_RETRY);
  EXPECT_EQ(output(), alert_record(47));
}

TEST_F(ClientAwaitingServerHello, ASecondHelloRetryIsUnexpected) {
  ASSERT_EQ(feed(server_hello(hello_retry(MK_GROUP_SECP256R1))), MK_OK);
  const std::string second_hello = output();
  EXPECT_EQ(second_hello[0], '\x16') << "the client answers with a new ClientHello";
  EXPECT_EQ(feed(server_hello(hello_retry(MK_GROUP_SECP256R1))), MK_ERR_UNEXPECTED_MESSAGE);
  EXPECT_EQ(output(), alert_record(10));
}

TEST_F(ClientAwaitingServerHello, EncryptedExtensionsBeforeServerHelloAreUnexpected) {
  EXPECT_EQ(feed(record(22, std::string("\x08\x00\x00\x02\x00\x00", 6))),
            MK_ERR_UNEXPECTED_MESSAGE);
  EXPECT_EQ(output(), alert_record(10));
}

TEST_F(ClientAwaitingServerHello, ATruncatedConnectionLeavesTheHandshakeWaiting) {
  const std::string partial = server_hello([&] {
    ServerHelloParams p;
    p.random = ByteView(random_);
    p.cipher_suite = MK_TLS_AES_128_GCM_SHA256;
    p.key_share = KeyShareEntry{MK_GROUP_X25519, ByteView(key_)};
    return p;
  }());
  EXPECT_EQ(feed(partial.substr(0, partial.size() - 3)), MK_OK);
  EXPECT_TRUE(mk_conn_state(conn_.get()) & MK_STATE_WANT_INPUT);
  EXPECT_FALSE(mk_conn_state(conn_.get()) & MK_STATE_HANDSHAKE_DONE);
  EXPECT_EQ(mk_conn_pending(conn_.get()), 0u);
}

}  // namespace
}  // namespace mk::test
