// The TLS 1.3 key schedule, byte for byte against RFC 8448 section 3 (a 1-RTT
// handshake with X25519 and TLS_AES_128_GCM_SHA256).
#include <gtest/gtest.h>

#include <string>

#include "bytes_hex.h"
#include "rfc8448.h"
#include "tls/cipher_suite.h"
#include "tls/key_schedule.h"

namespace mk::tls {
namespace {

using test::Bytes;
using test::from_hex;
using test::to_hex;

const crypto::HashAlg& sha256() {
  return crypto::sha256();
}
const CipherSuite& aes128_gcm_sha256() {
  return *find_cipher_suite(0x1301);
}

class KeyScheduleRfc8448 : public test::Rfc8448Test {
 protected:
  Bytes secret(std::string_view step) const { return value(kSimple, "server", step, "secret"); }
  Bytes expanded(std::string_view step) const { return value(kSimple, "server", step, "expanded"); }
  Bytes shared_secret() const {
    return value(kSimple, "server", "extract secret \"handshake\"", "IKM");
  }
  // Transcript hash of ClientHello..ServerHello, as the RFC derives with it.
  Bytes hello_hash() const {
    return value(kSimple, "server", "derive secret \"tls13 c hs traffic\"", "hash");
  }
  // Transcript hash of ClientHello..server Finished.
  Bytes server_finished_hash() const {
    return value(kSimple, "server", "derive secret \"tls13 c ap traffic\"", "hash");
  }
  // Transcript hash of ClientHello..CertificateVerify, which the RFC does not print:
  // hashed here from its messages.
  Bytes certificate_verify_hash() const {
    Bytes all;
    for (const char* name : {"ClientHello", "ServerHello", "EncryptedExtensions", "Certificate",
                             "CertificateVerify"}) {
      Bytes m = message(kSimple, std::string(name) == "ClientHello" ? "client" : "server", name);
      all.insert(all.end(), m.begin(), m.end());
    }
    Bytes out(32);
    crypto::digest(sha256(), all, out);
    return out;
  }
  KeySchedule after_handshake_secrets() const {
    KeySchedule ks;
    ks.init(aes128_gcm_sha256());
    EXPECT_EQ(ks.derive_handshake_secrets(shared_secret(), hello_hash()), MK_OK);
    return ks;
  }
};

TEST_F(KeyScheduleRfc8448, EarlySecretIsExtractOfZeros) {
  uint8_t out[32];
  ASSERT_EQ(early_secret(sha256(), out), MK_OK);
  EXPECT_EQ(to_hex(out), to_hex(secret("extract secret \"early\"")));
}

TEST_F(KeyScheduleRfc8448, HandshakeSecretFollowsFromEarlySecretAndSharedSecret) {
  uint8_t out[32];
  ASSERT_EQ(next_stage_secret(sha256(), secret("extract secret \"early\""), shared_secret(), out),
            MK_OK);
  EXPECT_EQ(to_hex(out), to_hex(secret("extract secret \"handshake\"")));
}

TEST_F(KeyScheduleRfc8448, MasterSecretFollowsFromHandshakeSecretAndZeros) {
  Bytes zeros(32, 0);
  uint8_t out[32];
  ASSERT_EQ(next_stage_secret(sha256(), secret("extract secret \"handshake\""), zeros, out), MK_OK);
  EXPECT_EQ(to_hex(out), to_hex(secret("extract secret \"master\"")));
}

TEST_F(KeyScheduleRfc8448, DeriveSecretBuildsTheRfcHkdfLabel) {
  // "derived" with the empty transcript hash: the step that links the stages.
  Bytes prk = value(kSimple, "server", "derive secret for handshake", "PRK");
  Bytes hash = value(kSimple, "server", "derive secret for handshake", "hash");
  uint8_t out[32];
  ASSERT_EQ(derive_secret(sha256(), prk, "derived", hash, out), MK_OK);
  EXPECT_EQ(to_hex(out), to_hex(expanded("derive secret for handshake")));
}

TEST_F(KeyScheduleRfc8448, HandshakeTrafficSecrets) {
  KeySchedule ks = after_handshake_secrets();
  EXPECT_EQ(to_hex(ks.client_handshake_secret().view()),
            to_hex(expanded("derive secret \"tls13 c hs traffic\"")));
  EXPECT_EQ(to_hex(ks.server_handshake_secret().view()),
            to_hex(expanded("derive secret \"tls13 s hs traffic\"")));
}

TEST_F(KeyScheduleRfc8448, ApplicationTrafficSecrets) {
  KeySchedule ks = after_handshake_secrets();
  ASSERT_EQ(ks.derive_application_secrets(server_finished_hash()), MK_OK);
  EXPECT_EQ(to_hex(ks.client_application_secret().view()),
            to_hex(expanded("derive secret \"tls13 c ap traffic\"")));
  EXPECT_EQ(to_hex(ks.server_application_secret().view()),
            to_hex(expanded("derive secret \"tls13 s ap traffic\"")));
}

TEST_F(KeyScheduleRfc8448, ServerFinishedVerifyData) {
  KeySchedule ks = after_handshake_secrets();
  uint8_t out[crypto::kMaxHashLen];
  size_t n =
      ks.finished_verify_data(ks.server_handshake_secret().view(), certificate_verify_hash(), out);
  EXPECT_EQ(to_hex(ByteView(out, n)),
            to_hex(value(kSimple, "server", "calculate finished", "finished")));
}

TEST_F(KeyScheduleRfc8448, ClientFinishedVerifyData) {
  KeySchedule ks = after_handshake_secrets();
  uint8_t out[crypto::kMaxHashLen];
  size_t n =
      ks.finished_verify_data(ks.client_handshake_secret().view(), server_finished_hash(), out);
  EXPECT_EQ(to_hex(ByteView(out, n)),
            to_hex(value(kSimple, "client", "calculate finished", "finished")));
}

struct KeyStep {
  const char* actor;
  const char* action;
  const char* secret_action;  // where the traffic secret comes from
  const char* secret_actor;
};

TEST_F(KeyScheduleRfc8448, WriteKeysAndIvsOfAllFourTrafficSecrets) {
  const KeyStep steps[] = {
      {"server", "derive write traffic keys for handshake data",
       "derive secret \"tls13 s hs traffic\"", "server"},
      {"server", "derive read traffic keys for handshake data",
       "derive secret \"tls13 c hs traffic\"", "server"},
      {"server", "derive write traffic keys for application data",
       "derive secret \"tls13 s ap traffic\"", "server"},
      {"client", "derive write traffic keys for application data",
       "derive secret \"tls13 c ap traffic\"", "server"},
  };
  for (const KeyStep& step : steps) {
    SCOPED_TRACE(step.action);
    TrafficKeys keys;
    ASSERT_EQ(derive_traffic_keys(aes128_gcm_sha256(),
                                  value(kSimple, step.secret_actor, step.secret_action, "expanded"),
                                  keys),
              MK_OK);
    EXPECT_EQ(to_hex(keys.key.view()),
              to_hex(value(kSimple, step.actor, step.action, "key expanded")));
    EXPECT_EQ(to_hex(keys.iv.view()),
              to_hex(value(kSimple, step.actor, step.action, "iv expanded")));
  }
}

TEST(KeySchedule, DeriveHandshakeSecretsBeforeInitIsBadState) {
  KeySchedule ks;
  Bytes shared(32, 1), hash(32, 2);
  EXPECT_EQ(ks.derive_handshake_secrets(shared, hash), MK_ERR_BAD_STATE);
}

TEST(KeySchedule, HelloHashOfTheWrongLengthIsRefused) {
  KeySchedule ks;
  ks.init(aes128_gcm_sha256());
  Bytes shared(32, 1), hash(48, 2);
  EXPECT_EQ(ks.derive_handshake_secrets(shared, hash), MK_ERR_INVALID_ARGUMENT);
}

TEST(KeySchedule, ApplicationSecretsNeedTheHandshakeSecretFirst) {
  KeySchedule ks;
  ks.init(aes128_gcm_sha256());
  Bytes hash(32, 2);
  EXPECT_EQ(ks.derive_application_secrets(hash), MK_ERR_BAD_STATE);
}

// A schedule through both derivations, from made-up inputs.
KeySchedule schedule_through_application_secrets() {
  KeySchedule ks;
  ks.init(aes128_gcm_sha256());
  Bytes shared(32, 1), hash(32, 2);
  EXPECT_EQ(ks.derive_handshake_secrets(shared, hash), MK_OK);
  EXPECT_EQ(ks.derive_application_secrets(hash), MK_OK);
  return ks;
}

TEST(KeySchedule, ApplicationSecretsConsumeTheHandshakeSecret) {
  KeySchedule ks = schedule_through_application_secrets();
  EXPECT_EQ(ks.derive_application_secrets(Bytes(32, 2)), MK_ERR_BAD_STATE);
}

TEST(KeySchedule, ForgettingHandshakeSecretsEmptiesThemAndKeepsApplicationSecrets) {
  KeySchedule ks = schedule_through_application_secrets();
  ks.forget_handshake_secrets();
  EXPECT_EQ(ks.client_handshake_secret().size(), 0u);
  EXPECT_EQ(ks.server_handshake_secret().size(), 0u);
  EXPECT_EQ(ks.client_application_secret().size(), 32u);
}

TEST(KeySchedule, Sha384SuiteGivesSecretsOfItsHashLength) {
  KeySchedule ks;
  ks.init(*find_cipher_suite(0x1302));
  Bytes shared(48, 1), hash(48, 2);
  ASSERT_EQ(ks.derive_handshake_secrets(shared, hash), MK_OK);
  EXPECT_EQ(ks.client_handshake_secret().size(), 48u);
  uint8_t out[crypto::kMaxHashLen];
  EXPECT_EQ(ks.finished_verify_data(ks.client_handshake_secret().view(), hash, out), 48u);
}

TEST(KeySchedule, FinishedVerifyDataBeforeInitIsEmpty) {
  KeySchedule ks;
  Bytes secret(32, 1), hash(32, 2);
  uint8_t out[crypto::kMaxHashLen];
  EXPECT_EQ(ks.finished_verify_data(secret, hash, out), 0u);
}

TEST(KeySchedule, DeriveSecretRefusesAnOutputOtherThanTheHashLength) {
  Bytes secret(32, 1), hash(32, 2);
  uint8_t out[64];
  EXPECT_EQ(derive_secret(sha256(), secret, "derived", hash, ByteSpan(out, 64)),
            MK_ERR_INVALID_ARGUMENT);
}

TEST(KeySchedule, HkdfExpandLabelRefusesALabelLongerThanItsLengthByte) {
  Bytes secret(32, 1);
  uint8_t out[32];
  std::string label(250, 'x');  // "tls13 " + 250 bytes > 255
  EXPECT_EQ(hkdf_expand_label(sha256(), secret, label, ByteView(), out), MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(hkdf_expand_label(sha256(), secret, std::string(249, 'x'), ByteView(), out), MK_OK);
}

TEST(KeySchedule, NextApplicationSecretExpandsTheTrafficUpdLabel) {
  Bytes start = from_hex("2dca43b0ae13af89e9533d39b65dd25cc22df9e7afcaf082a76895a4da353b50");
  TrafficSecret secret;
  secret.assign(start);
  ASSERT_EQ(next_application_secret(sha256(), secret), MK_OK);
  // HkdfLabel: length 32, "tls13 traffic upd" (17 bytes), empty context.
  Bytes info = from_hex("0020 11 746c73313320747261666669632075706400");
  uint8_t expected[32];
  ASSERT_EQ(crypto::hkdf_expand(sha256(), start, info, expected), MK_OK);
  EXPECT_EQ(to_hex(secret.view()), to_hex(expected));
}

TEST(KeySchedule, NextApplicationSecretRefusesASecretOfAnotherHashLength) {
  TrafficSecret secret;
  secret.assign(Bytes(48, 7));
  EXPECT_EQ(next_application_secret(sha256(), secret), MK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(to_hex(secret.view()), to_hex(Bytes(48, 7)));
}

}  // namespace
}  // namespace mk::tls
