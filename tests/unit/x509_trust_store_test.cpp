// TrustStore: loading CA bundles, including the system one.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <chrono>

#include "testdata.h"
#include "x509/x509.h"
#include "x509_files.h"

namespace mk::x509 {
namespace {

constexpr const char* kSystemBundle = "/etc/ssl/certs/ca-certificates.crt";

TEST(X509TrustStore, BundleAddsEveryCertificate) {
  TrustStore store;
  EXPECT_TRUE(store.empty());
  ASSERT_EQ(store.add(as_bytes(test::x509_pem("root") + test::x509_pem("root2"))), MK_OK);
  EXPECT_EQ(store.size(), 2u);
}

TEST(X509TrustStore, CertificatesAlreadyPresentAreNotAddedAgain) {
  TrustStore store;
  ASSERT_EQ(store.add(as_bytes(test::x509_pem("root"))), MK_OK);
  ASSERT_EQ(store.add(as_bytes(test::x509_pem("root") + test::x509_pem("root"))), MK_OK);
  EXPECT_EQ(store.size(), 1u);
}

TEST(X509TrustStore, BadBundleAddsNothing) {
  TrustStore store;
  std::string broken = test::x509_pem("root2");
  broken.resize(broken.size() / 2);
  Detail d;
  EXPECT_EQ(store.add(as_bytes(test::x509_pem("root") + broken), &d), MK_ERR_PEM_INVALID);
  EXPECT_STREQ(d.text, "PEM block 2 (CERTIFICATE): no END line (the data may be truncated)");
  EXPECT_TRUE(store.empty());
}

TEST(X509TrustStore, DerCertificateIsAdded) {
  TrustStore store;
  std::string der = test::der_of(test::x509_pem("root"));
  ASSERT_EQ(store.add(as_bytes(der)), MK_OK);
  EXPECT_EQ(store.size(), 1u);
}

TEST(X509TrustStore, SystemBundleLoadsQuickly) {
  struct stat st;
  if (stat(kSystemBundle, &st) != 0)
    GTEST_SKIP() << kSystemBundle << " absent (package ca-certificates)";
  std::string bundle = test::read_file(kSystemBundle);
  size_t blocks = 0;
  for (size_t at = bundle.find("-----BEGIN CERTIFICATE-----"); at != std::string::npos;
       at = bundle.find("-----BEGIN CERTIFICATE-----", at + 1))
    ++blocks;
  TrustStore store;
  auto start = std::chrono::steady_clock::now();
  Detail d;
  ASSERT_EQ(store.add(as_bytes(bundle), &d), MK_OK) << d.text;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start);
  EXPECT_EQ(store.size(), blocks);
  EXPECT_GT(store.size(), 100u);
  EXPECT_LT(ms.count(), 500) << "loading " << blocks << " roots took " << ms.count() << " ms";
}

}  // namespace
}  // namespace mk::x509
