// The choices a handshake makes from two lists (src/tls/negotiation.h).
#include <gtest/gtest.h>

#include <string>

#include "tls/negotiation.h"

namespace mk::tls {
namespace {

U16List list(const std::string& raw) {
  return U16List{ByteView(reinterpret_cast<const uint8_t*>(raw.data()), raw.size())};
}
ByteView bytes(const std::string& s) {
  return as_bytes(s);
}

TEST(Negotiation, CipherSuiteFollowsOurOrder) {
  const uint16_t ours[] = {0x1303, 0x1301};
  const CipherSuite* s = choose_cipher_suite(ours, list(std::string("\x13\x01\x13\x03", 4)), 0x0304,
                                             crypto::KeyType::ec);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->id, 0x1303);
}

TEST(Negotiation, NoCommonCipherSuiteIsNull) {
  const uint16_t ours[] = {0x1301};
  EXPECT_EQ(
      choose_cipher_suite(ours, list(std::string("\xc0\x2b", 2)), 0x0304, crypto::KeyType::ec),
      nullptr);
}

TEST(Negotiation, ASuiteOfTheOtherVersionIsNeverChosen) {
  const uint16_t ours[] = {0x1301, 0xc02b};
  const std::string offered("\x13\x01\xc0\x2b", 4);
  const CipherSuite* s = choose_cipher_suite(ours, list(offered), 0x0303, crypto::KeyType::ec);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->id, 0xc02b);
}

TEST(Negotiation, Tls12SuitesMustFitTheServersKey) {
  const uint16_t ours[] = {0xc02b, 0xc02f};
  const std::string offered("\xc0\x2b\xc0\x2f", 4);
  EXPECT_EQ(choose_cipher_suite(ours, list(offered), 0x0303, crypto::KeyType::rsa)->id, 0xc02f);
  EXPECT_EQ(choose_cipher_suite(ours, list(offered), 0x0303, crypto::KeyType::ec)->id, 0xc02b);
  const uint16_t rsa_only[] = {0xc02f};
  EXPECT_EQ(choose_cipher_suite(rsa_only, list(offered), 0x0303, crypto::KeyType::ec), nullptr);
}

TEST(Negotiation, Tls12EcdsaCodePointsNameOnlyTheHash) {
  EXPECT_EQ(tls12_provider_scheme(0x0403), crypto::kEcdsaSha256AnyCurve);
  EXPECT_EQ(tls12_provider_scheme(0x0503), crypto::kEcdsaSha384AnyCurve);
  EXPECT_EQ(tls12_provider_scheme(0x0804), 0x0804);
  EXPECT_EQ(tls12_provider_scheme(0x0401), 0x0401);
}

TEST(Negotiation, SchemesAreMatchedToTheirHash) {
  EXPECT_TRUE(scheme_uses_hash(0x0403, crypto::sha256()));
  EXPECT_TRUE(scheme_uses_hash(0x0501, crypto::sha384()));
  EXPECT_TRUE(scheme_uses_hash(0x0806, crypto::sha512()));
  EXPECT_FALSE(scheme_uses_hash(0x0804, crypto::sha384()));
  EXPECT_FALSE(scheme_uses_hash(0x0201, crypto::sha256()));  // SHA-1 is never anything
}

TEST(Negotiation, AUsableKeyShareIsTakenEvenIfNotOurFavouriteGroup) {
  const uint16_t ours[] = {0x0017, 0x001d};
  const KeyShareEntry shares[] = {{0x001d, {}}};
  uint16_t retry = 1;
  const KeyShareEntry* e =
      choose_key_share(ours, shares, list(std::string("\x00\x1d\x00\x17", 4)), &retry);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->group, 0x001d);
  EXPECT_EQ(retry, 0);
}

TEST(Negotiation, AmongUsableSharesOurOrderWins) {
  const uint16_t ours[] = {0x0017, 0x001d};
  const KeyShareEntry shares[] = {{0x001d, {}}, {0x0017, {}}};
  uint16_t retry = 0;
  const KeyShareEntry* e =
      choose_key_share(ours, shares, list(std::string("\x00\x1d\x00\x17", 4)), &retry);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->group, 0x0017);
}

TEST(Negotiation, WithoutAUsableShareWeAskForOurFavouriteSupportedGroup) {
  const uint16_t ours[] = {0x0018, 0x0017};
  const KeyShareEntry shares[] = {{0x001d, {}}};
  uint16_t retry = 0;
  EXPECT_EQ(
      choose_key_share(ours, shares, list(std::string("\x00\x1d\x00\x17\x00\x18", 6)), &retry),
      nullptr);
  EXPECT_EQ(retry, 0x0018);
}

TEST(Negotiation, NoCommonGroupLeavesNoRetryGroup) {
  const uint16_t ours[] = {0x0018};
  const KeyShareEntry shares[] = {{0x001d, {}}};
  uint16_t retry = 7;
  EXPECT_EQ(choose_key_share(ours, shares, list(std::string("\x00\x1d", 2)), &retry), nullptr);
  EXPECT_EQ(retry, 0);
}

TEST(Negotiation, Pkcs1IsNeverATls13HandshakeSignature) {
  EXPECT_FALSE(is_tls13_signature_scheme(0x0401));
  EXPECT_FALSE(is_tls13_signature_scheme(0x0201));
  EXPECT_TRUE(is_tls13_signature_scheme(0x0804));
  EXPECT_TRUE(is_tls13_signature_scheme(0x0403));
}

TEST(Negotiation, AlpnFollowsOurOrder) {
  const std::string ours("\x02h2\x08http/1.1", 12), theirs("\x08http/1.1\x02h2", 12);
  ByteView chosen;
  ASSERT_EQ(choose_alpn(bytes(ours), bytes(theirs), &chosen), MK_OK);
  EXPECT_EQ(std::string(as_chars(chosen)), "h2");
}

TEST(Negotiation, AlpnWithNothingInCommonChoosesNothing) {
  ByteView chosen = bytes("x");
  ASSERT_EQ(
      choose_alpn(bytes(std::string("\x02h2", 3)), bytes(std::string("\x04imap", 5)), &chosen),
      MK_OK);
  EXPECT_TRUE(chosen.empty());
}

TEST(Negotiation, AMalformedPeerAlpnListIsADecodeError) {
  ByteView chosen;
  EXPECT_EQ(
      choose_alpn(bytes(std::string("\x02h2", 3)), bytes(std::string("\x02h2\x05x", 5)), &chosen),
      MK_ERR_DECODE);
  EXPECT_EQ(
      choose_alpn(bytes(std::string("\x02h2", 3)), bytes(std::string("\x02h2\x00", 4)), &chosen),
      MK_ERR_DECODE);
}

}  // namespace
}  // namespace mk::tls
