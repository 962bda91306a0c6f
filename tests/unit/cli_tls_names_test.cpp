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
