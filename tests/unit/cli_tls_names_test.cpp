// Cipher suite and group names on the command line.
#include <gtest/gtest.h>

#include "meerkat/meerkat.h"
#include "tls_names.h"

namespace mk::cli {
namespace {

TEST(CliTlsNames, SuitesKeepTheGivenOrder) {
  std::vector<uint16_t> codes;
  std::string error;
  ASSERT_TRUE(
      parse_cipher_suites("TLS_CHACHA20_POLY1305_SHA256:tls_aes_128_gcm_sha256", codes, error));
  EXPECT_EQ(codes,
            (std::vector<uint16_t>{MK_TLS_CHACHA20_POLY1305_SHA256, MK_TLS_AES_128_GCM_SHA256}));
}

TEST(CliTlsNames, GroupsAcceptOpenSslAliases) {
  std::vector<uint16_t> codes;
  std::string error;
  ASSERT_TRUE(parse_groups("P-384,prime256v1,X25519", codes, error));
  EXPECT_EQ(codes,
            (std::vector<uint16_t>{MK_GROUP_SECP384R1, MK_GROUP_SECP256R1, MK_GROUP_X25519}));
}

TEST(CliTlsNames, UnknownNameIsNamedInTheError) {
  std::vector<uint16_t> codes;
  std::string error;
  EXPECT_FALSE(parse_groups("x25519,ffdhe2048", codes, error));
  EXPECT_EQ(error, "unknown group ffdhe2048");
}

TEST(CliTlsNames, RepeatedNameIsRefused) {
  std::vector<uint16_t> codes;
  std::string error;
  EXPECT_FALSE(parse_groups("P-256,secp256r1", codes, error));
  EXPECT_EQ(error, "group secp256r1 listed twice");
}

TEST(CliTlsNames, EmptyListIsRefused) {
  std::vector<uint16_t> codes;
  std::string error;
  EXPECT_FALSE(parse_cipher_suites(",", codes, error));
  EXPECT_EQ(error, "empty cipher suite list");
}

}  // namespace
}  // namespace mk::cli

namespace mk::cli {
namespace {

TEST(CliTlsNames, Tls12SuitesHaveTheirIanaNames) {
  std::vector<uint16_t> codes;
  std::string error;
  ASSERT_TRUE(parse_cipher_suites("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", codes, error));
  EXPECT_EQ(codes, (std::vector<uint16_t>{MK_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256}));
}

TEST(CliTlsNames, VersionsGiveTheLowestAndHighest) {
  uint16_t min = 0, max = 0;
  std::string error;
  ASSERT_TRUE(parse_versions("1.3,TLSv1.2", min, max, error));
  EXPECT_EQ(min, MK_TLS_1_2);
  EXPECT_EQ(max, MK_TLS_1_3);
  ASSERT_TRUE(parse_versions("1.3", min, max, error));
  EXPECT_EQ(min, MK_TLS_1_3);
  EXPECT_EQ(max, MK_TLS_1_3);
}

TEST(CliTlsNames, UnknownVersionIsNamed) {
  uint16_t min = 0, max = 0;
  std::string error;
  EXPECT_FALSE(parse_versions("1.1", min, max, error));
  EXPECT_EQ(error, "unknown TLS version 1.1");
}

}  // namespace
}  // namespace mk::cli
