// mk_config_*: loading certificates, keys and CA files, and the sentence a failed
// load leaves behind (mk_config_error_message).
#include <gtest/gtest.h>

#include <string>

#include "meerkat/meerkat.h"
#include "testdata.h"
#include "tls_pair.h"

namespace mk::test {
namespace {

std::string cert_path(const std::string& rel) {
  return source_path("tests/data/certs/" + rel);
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

TEST(ConfigLoad, AGoodChainAndKeyLeaveNoMessage) {
  ConfigPtr cfg(mk_config_new(MK_ROLE_SERVER));
  ASSERT_EQ(mk_config_load_cert_chain_file(cfg.get(), cert_path("ecdsa-p256/chain.pem").c_str()),
            MK_OK);
  ASSERT_EQ(mk_config_load_private_key_file(cfg.get(), cert_path("ecdsa-p256/key.pem").c_str()),
            MK_OK);
  EXPECT_STREQ(mk_config_error_message(cfg.get()), "");
}

TEST(ConfigLoad, AMissingFileIsNamed) {
  ConfigPtr cfg(mk_config_new(MK_ROLE_SERVER));
  EXPECT_EQ(mk_config_load_cert_chain_file(cfg.get(), "/nonexistent/chain.pem"), MK_ERR_FILE_READ);
  EXPECT_STREQ(mk_config_error_message(cfg.get()),
               "/nonexistent/chain.pem: file could not be read");
}

TEST(ConfigLoad, AnEncryptedKeyIsNamedWithItsFile) {
  ConfigPtr cfg(mk_config_new(MK_ROLE_SERVER));
  const std::string path = cert_path("ecdsa-p256/key-encrypted.pem");
  EXPECT_EQ(mk_config_load_private_key_file(cfg.get(), path.c_str()), MK_ERR_KEY_ENCRYPTED);
  const std::string message = mk_config_error_message(cfg.get());
  EXPECT_TRUE(starts_with(message, path + ": ")) << message;
  EXPECT_NE(message.find("encrypted"), std::string::npos) << message;
}

TEST(ConfigLoad, AKeyForAnotherCertificateIsAMismatch) {
  ConfigPtr cfg(mk_config_new(MK_ROLE_SERVER));
  ASSERT_EQ(mk_config_load_cert_chain_file(cfg.get(), cert_path("ecdsa-p256/chain.pem").c_str()),
            MK_OK);
  const std::string path = cert_path("rsa-2048/key.pem");
  EXPECT_EQ(mk_config_load_private_key_file(cfg.get(), path.c_str()), MK_ERR_KEY_MISMATCH);
  EXPECT_TRUE(starts_with(mk_config_error_message(cfg.get()), path + ": "));
}

TEST(ConfigLoad, ATruncatedPemBlockIsNamedByItsPosition) {
  ConfigPtr cfg(mk_config_new(MK_ROLE_SERVER));
  std::string pem = read_file(cert_path("ecdsa-p256/chain.pem"));
  const size_t second = pem.find("-----BEGIN", 10);
  ASSERT_NE(second, std::string::npos);
  pem.resize(second + 100);  // the second block loses its end
  EXPECT_NE(
      mk_config_set_cert_chain(cfg.get(), reinterpret_cast<const uint8_t*>(pem.data()), pem.size()),
      MK_OK);
  const std::string message = mk_config_error_message(cfg.get());
  EXPECT_NE(message.find("block 2"), std::string::npos) << message;
}

TEST(ConfigLoad, TheSystemCaBundleLoads) {
  const char* bundle = "/etc/ssl/certs/ca-certificates.crt";
  if (read_file(bundle).empty()) GTEST_SKIP() << "no system CA bundle";
  ConfigPtr cfg(mk_config_new(MK_ROLE_CLIENT));
  EXPECT_EQ(mk_config_load_ca_file(cfg.get(), bundle), MK_OK) << mk_config_error_message(cfg.get());
}

}  // namespace
}  // namespace mk::test
