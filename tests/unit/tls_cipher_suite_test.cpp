// The three TLS 1.3 cipher suites and their parts.
#include <gtest/gtest.h>

#include "tls/cipher_suite.h"

namespace mk::tls {
namespace {

TEST(CipherSuite, DefaultOrderIsAes128ThenAes256ThenChaCha20) {
  auto suites = all_cipher_suites();
  ASSERT_EQ(suites.size(), 3u);
  EXPECT_EQ(suites[0].id, 0x1301);
  EXPECT_EQ(suites[1].id, 0x1302);
  EXPECT_EQ(suites[2].id, 0x1303);
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
  EXPECT_EQ(find_cipher_suite(0xc02f), nullptr);  // a TLS 1.2 suite
}

}  // namespace
}  // namespace mk::tls
