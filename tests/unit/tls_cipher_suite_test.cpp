// The cipher suites (three for TLS 1.3, six ECDHE suites for TLS 1.2) and their parts.
#include <gtest/gtest.h>

#include "tls/cipher_suite.h"

namespace mk::tls {
namespace {

TEST(CipherSuite, DefaultOrderIsTls13ThenTls12EachAes128ThenAes256ThenChaCha20) {
  auto suites = all_cipher_suites();
  ASSERT_EQ(suites.size(), 9u);
  const uint16_t expected[] = {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f,
                               0xc02c, 0xc030, 0xcca9, 0xcca8};
  for (size_t i = 0; i < 9; ++i) EXPECT_EQ(suites[i].id, expected[i]) << i;
}

TEST(CipherSuite, Tls12GcmSuitesUseASaltAndExplicitNonces) {
  const CipherSuite* s = find_cipher_suite(0xc030);
  ASSERT_NE(s, nullptr);
  EXPECT_STREQ(s->name, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  EXPECT_EQ(s->version, 0x0303);
  EXPECT_EQ(s->auth, SuiteAuth::rsa);
  EXPECT_EQ(s->hash().id, crypto::HashId::sha384);
  EXPECT_EQ(s->fixed_iv_len, 4);
  EXPECT_EQ(s->explicit_nonce_len, 8);
}

TEST(CipherSuite, Tls12ChaChaSuitesUseAFullIvAndNoExplicitNonce) {
  const CipherSuite* s = find_cipher_suite(0xcca9);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->auth, SuiteAuth::ecdsa);
  EXPECT_EQ(s->aead().id, crypto::AeadId::chacha20_poly1305);
  EXPECT_EQ(s->fixed_iv_len, 12);
  EXPECT_EQ(s->explicit_nonce_len, 0);
}

TEST(CipherSuite, Aes128GcmSha256IsComposedOfItsParts) {
  const CipherSuite* s = find_cipher_suite(0x1301);
  ASSERT_NE(s, nullptr);
  EXPECT_STREQ(s->name, "TLS_AES_128_GCM_SHA256");
  EXPECT_EQ(s->aead().id, crypto::AeadId::aes128_gcm);
  EXPECT_EQ(s->hash().id, crypto::HashId::sha256);
}

TEST(CipherSuite, Aes256GcmSha384IsComposedOfItsParts) {
  const CipherSuite* s = find_cipher_suite(0x1302);
  ASSERT_NE(s, nullptr);
  EXPECT_STREQ(s->name, "TLS_AES_256_GCM_SHA384");
  EXPECT_EQ(s->aead().id, crypto::AeadId::aes256_gcm);
  EXPECT_EQ(s->hash().id, crypto::HashId::sha384);
}

TEST(CipherSuite, ChaCha20Poly1305Sha256IsComposedOfItsParts) {
  const CipherSuite* s = find_cipher_suite(0x1303);
  ASSERT_NE(s, nullptr);
  EXPECT_STREQ(s->name, "TLS_CHACHA20_POLY1305_SHA256");
  EXPECT_EQ(s->aead().id, crypto::AeadId::chacha20_poly1305);
  EXPECT_EQ(s->hash().id, crypto::HashId::sha256);
}

TEST(CipherSuite, UnsupportedSuitesAreNotFound) {
  EXPECT_EQ(find_cipher_suite(0x1304), nullptr);  // TLS_AES_128_CCM_SHA256
  EXPECT_EQ(find_cipher_suite(0xc013), nullptr);  // ECDHE-RSA-AES128-SHA (CBC)
  EXPECT_EQ(find_cipher_suite(0x009c), nullptr);  // RSA key exchange
}

}  // namespace
}  // namespace mk::tls
