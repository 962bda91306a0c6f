// The transcript hash: the RFC 8448 messages hash to the values its key schedule
// derives with, including the HelloRetryRequest restart of section 5.
#include <gtest/gtest.h>

#include <initializer_list>

#include "bytes_hex.h"
#include "rfc8448.h"
#include "tls/transcript.h"

namespace mk::tls {
namespace {

using test::Bytes;
using test::from_hex;
using test::to_hex;

struct Msg {
  const char* actor;
  const char* name;
  int nth = 0;
};

class TranscriptRfc8448 : public test::Rfc8448Test {
 protected:
  void add_all(Transcript& t, int section, std::initializer_list<Msg> msgs) {
    for (const Msg& m : msgs) ASSERT_EQ(t.add(message(section, m.actor, m.name, m.nth)), MK_OK);
  }
  std::string current(const Transcript& t) {
    uint8_t out[crypto::kMaxHashLen];
    return to_hex(ByteView(out, t.current(out)));
  }
  std::string hash_used_by(int section, std::string_view derive_step) {
    return to_hex(value(section, "server", derive_step, "hash"));
  }
};

TEST_F(TranscriptRfc8448, HelloMessagesHashToTheHandshakeTrafficContext) {
  Transcript t;
  add_all(t, kSimple, {{"client", "ClientHello"}, {"server", "ServerHello"}});
  ASSERT_EQ(t.select(crypto::sha256()), MK_OK);
  EXPECT_EQ(current(t), hash_used_by(kSimple, "derive secret \"tls13 c hs traffic\""));
}

TEST_F(TranscriptRfc8448, ServerFlightHashesToTheApplicationTrafficContext) {
  Transcript t;
  add_all(t, kSimple, {{"client", "ClientHello"}, {"server", "ServerHello"}});
  ASSERT_EQ(t.select(crypto::sha256()), MK_OK);
  add_all(t, kSimple,
          {{"server", "EncryptedExtensions"},
           {"server", "Certificate"},
           {"server", "CertificateVerify"},
           {"server", "Finished"}});
  EXPECT_EQ(current(t), hash_used_by(kSimple, "derive secret \"tls13 c ap traffic\""));
}

TEST_F(TranscriptRfc8448, ClientFinishedHashesToTheResumptionContext) {
  Transcript t;
  ASSERT_EQ(t.select(crypto::sha256()), MK_OK);
  add_all(t, kSimple,
          {{"client", "ClientHello"},
           {"server", "ServerHello"},
           {"server", "EncryptedExtensions"},
           {"server", "Certificate"},
           {"server", "CertificateVerify"},
           {"server", "Finished"},
           {"client", "Finished"}});
  EXPECT_EQ(to_hex(value(kSimple, "client", "derive secret \"tls13 res master\"", "hash")),
            current(t));
}

TEST_F(TranscriptRfc8448, HelloRetryRestartHashesToSection5sHandshakeContext) {
  // ClientHello1, HelloRetryRequest, ClientHello2, ServerHello.
  Transcript t;
  add_all(t, kHelloRetry, {{"client", "ClientHello", 0}});
  ASSERT_EQ(t.select(crypto::sha256()), MK_OK);
  ASSERT_EQ(t.restart_for_hello_retry(), MK_OK);
  add_all(
      t, kHelloRetry,
      {{"server", "ServerHello", 0}, {"client", "ClientHello", 1}, {"server", "ServerHello", 1}});
  EXPECT_EQ(current(t), hash_used_by(kHelloRetry, "derive secret \"tls13 c hs traffic\""));
}

TEST_F(TranscriptRfc8448, HelloRetryRestartCarriesThroughToTheApplicationContext) {
  Transcript t;
  add_all(t, kHelloRetry, {{"client", "ClientHello", 0}});
  ASSERT_EQ(t.select(crypto::sha256()), MK_OK);
  ASSERT_EQ(t.restart_for_hello_retry(), MK_OK);
  add_all(t, kHelloRetry,
          {{"server", "ServerHello", 0},
           {"client", "ClientHello", 1},
           {"server", "ServerHello", 1},
           {"server", "EncryptedExtensions"},
           {"server", "Certificate"},
           {"server", "CertificateVerify"},
           {"server", "Finished"}});
  EXPECT_EQ(current(t), hash_used_by(kHelloRetry, "derive secret \"tls13 c ap traffic\""));
}

TEST(Transcript, RestartReplacesClientHelloWithAMessageHashMessage) {
  Bytes hello = from_hex("01000002 abcd");
  Transcript t;
  ASSERT_EQ(t.add(hello), MK_OK);
  ASSERT_EQ(t.select(crypto::sha256()), MK_OK);
  ASSERT_EQ(t.restart_for_hello_retry(), MK_OK);

  uint8_t inner[32], expected[32], got[32];
  crypto::digest(crypto::sha256(), hello, inner);
  Bytes synthetic = from_hex("fe000020");  // message_hash, 32-byte body
  synthetic.insert(synthetic.end(), inner, inner + 32);
  crypto::digest(crypto::sha256(), synthetic, expected);
  ASSERT_EQ(t.current(got), 32u);
  EXPECT_EQ(to_hex(got), to_hex(expected));
}

TEST(Transcript, MessagesAddedBeforeAndAfterSelectHashAlike) {
  Bytes a = from_hex("01000001 aa"), b = from_hex("02000001 bb");
  Transcript buffered, direct;
  ASSERT_EQ(buffered.add(a), MK_OK);
  ASSERT_EQ(buffered.add(b), MK_OK);
  ASSERT_EQ(buffered.select(crypto::sha384()), MK_OK);
  ASSERT_EQ(direct.select(crypto::sha384()), MK_OK);
  ASSERT_EQ(direct.add(a), MK_OK);
  ASSERT_EQ(direct.add(b), MK_OK);
  uint8_t x[48], y[48];
  ASSERT_EQ(buffered.current(x), 48u);
  ASSERT_EQ(direct.current(y), 48u);
  EXPECT_EQ(to_hex(x), to_hex(y));
}

TEST(Transcript, ReadingTheHashDoesNotDisturbIt) {
  Transcript t;
  ASSERT_EQ(t.select(crypto::sha256()), MK_OK);
  ASSERT_EQ(t.add(from_hex("01000000")), MK_OK);
  uint8_t first[32], second[32];
  t.current(first);
  t.current(second);
  EXPECT_EQ(to_hex(first), to_hex(second));
}

TEST(Transcript, NoHashBeforeSelect) {
  Transcript t;
  ASSERT_EQ(t.add(from_hex("01000000")), MK_OK);
  uint8_t out[64];
  EXPECT_FALSE(t.selected());
  EXPECT_EQ(t.hash_len(), 0u);
  EXPECT_EQ(t.current(out), 0u);
}

TEST(Transcript, CurrentRefusesAnOutputShorterThanTheHash) {
  Transcript t;
  ASSERT_EQ(t.select(crypto::sha384()), MK_OK);
  uint8_t out[32];
  EXPECT_EQ(t.current(out), 0u);
}

TEST(Transcript, SelectingTheSameHashTwiceIsHarmless) {
  Transcript t;
  ASSERT_EQ(t.select(crypto::sha256()), MK_OK);
  EXPECT_EQ(t.select(crypto::sha256()), MK_OK);
}

TEST(Transcript, SelectingAnotherHashAfterwardsIsBadState) {
  Transcript t;
  ASSERT_EQ(t.select(crypto::sha256()), MK_OK);
  EXPECT_EQ(t.select(crypto::sha384()), MK_ERR_BAD_STATE);
  EXPECT_EQ(t.hash_len(), 32u);
}

TEST(Transcript, RestartBeforeSelectIsBadState) {
  Transcript t;
  ASSERT_EQ(t.add(from_hex("01000000")), MK_OK);
  EXPECT_EQ(t.restart_for_hello_retry(), MK_ERR_BAD_STATE);
}

TEST(Transcript, ClearForgetsTheHash) {
  Transcript t;
  ASSERT_EQ(t.select(crypto::sha256()), MK_OK);
  t.clear();
  EXPECT_FALSE(t.selected());
}

}  // namespace
}  // namespace mk::tls
