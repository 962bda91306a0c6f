// CertChain: what a server sends, whatever order its bundle is in.
#include <gtest/gtest.h>

#include "x509/x509.h"
#include "x509_files.h"

namespace mk::x509 {
namespace {

std::string bundle(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += test::x509_pem(n);
  return out;
}

// The chain's certificates, by file name, in the order the chain holds them.
std::vector<std::string> order_of(const CertChain& chain,
                                  const std::vector<std::string>& candidates) {
  std::vector<std::string> out;
  for (size_t i = 0; i < chain.size(); ++i) {
    std::string der(as_chars(chain.cert(i)));
    std::string name = "?";
    for (const std::string& c : candidates)
      if (test::der_of(test::x509_pem(c)) == der) name = c;
    out.push_back(name);
  }
  return out;
}

const std::vector<std::string> kAll = {"leaf", "int", "root", "int-cross", "root2"};

TEST(X509CertChain, OrderedBundleIsKept) {
  CertChain chain;
  ASSERT_EQ(chain.load(as_bytes(bundle({"leaf", "int"}))), MK_OK);
  EXPECT_EQ(order_of(chain, kAll), (std::vector<std::string>{"leaf", "int"}));
}

TEST(X509CertChain, ReversedBundleIsPutInOrder) {
  CertChain chain;
  ASSERT_EQ(chain.load(as_bytes(bundle({"int", "leaf"}))), MK_OK);
  EXPECT_EQ(order_of(chain, kAll), (std::vector<std::string>{"leaf", "int"}));
}

TEST(X509CertChain, SelfSignedRootIsLeftOut) {
  CertChain chain;
  ASSERT_EQ(chain.load(as_bytes(bundle({"root", "leaf", "int"}))), MK_OK);
  EXPECT_EQ(order_of(chain, kAll), (std::vector<std::string>{"leaf", "int"}));
}

TEST(X509CertChain, RepeatedCertificateIsSentOnce) {
  CertChain chain;
  ASSERT_EQ(chain.load(as_bytes(bundle({"leaf", "int", "int"}))), MK_OK);
  EXPECT_EQ(chain.size(), 2u);
}

TEST(X509CertChain, CrossSignedIssuerIsSentAfterThePath) {
  CertChain chain;
  ASSERT_EQ(chain.load(as_bytes(bundle({"int-cross", "leaf", "int", "root"}))), MK_OK);
  EXPECT_EQ(order_of(chain, kAll), (std::vector<std::string>{"leaf", "int-cross", "int"}));
}

TEST(X509CertChain, LeafAloneIsAChain) {
  CertChain chain;
  ASSERT_EQ(chain.load(as_bytes(test::x509_pem("leaf"))), MK_OK);
  EXPECT_EQ(chain.size(), 1u);
  std::string der = test::der_of(test::x509_pem("leaf"));
  CertChain from_der;
  ASSERT_EQ(from_der.load(as_bytes(der)), MK_OK);
  EXPECT_EQ(std::string(as_chars(from_der.cert(0))), der);
}

TEST(X509CertChain, SelfSignedLeafIsKept) {
  CertChain chain;
  ASSERT_EQ(chain.load(as_bytes(test::x509_pem("self-signed"))), MK_OK);
  EXPECT_EQ(chain.size(), 1u);
}

TEST(X509CertChain, UnrelatedCertificateIsAConfigurationError) {
  CertChain chain;
  Detail d;
  EXPECT_EQ(chain.load(as_bytes(bundle({"leaf", "int", "root2"})), &d), MK_ERR_CHAIN_UNRELATED);
  EXPECT_STREQ(d.text,
               "certificate 3 ('Test Root 2') is not the leaf 'www.example.com' nor one of its "
               "issuers");
  EXPECT_TRUE(chain.empty());
}

TEST(X509CertChain, SecondLeafIsUnrelated) {
  CertChain chain;
  Detail d;
  EXPECT_EQ(chain.load(as_bytes(bundle({"leaf", "leaf-no-eku", "int"})), &d),
            MK_ERR_CHAIN_UNRELATED);
  EXPECT_STREQ(d.text,
               "certificate 2 ('leaf-no-eku') is not the leaf 'www.example.com' nor one of its "
               "issuers");
}

TEST(X509CertChain, LeafPublicKeyIsTheFirstCertificatesKey) {
  CertChain chain;
  ASSERT_EQ(chain.load(as_bytes(bundle({"int", "rsa-leaf-rsa-key"}))), MK_ERR_CHAIN_UNRELATED);
  ASSERT_EQ(chain.load(as_bytes(bundle({"rsa-leaf-rsa-key"}))), MK_OK);
  crypto::PublicKey key;
  ASSERT_EQ(chain.leaf_public_key(key), MK_OK);
  EXPECT_EQ(key.type, crypto::KeyType::rsa);
  EXPECT_EQ(key.n_len, 256u);
}

TEST(X509CertChain, EmptyChainHasNoLeafKey) {
  CertChain chain;
  crypto::PublicKey key;
  EXPECT_EQ(chain.leaf_public_key(key), MK_ERR_NO_CERTIFICATE);
}

TEST(X509CertChain, LoadErrorsAreReported) {
  CertChain chain;
  Detail d;
  EXPECT_EQ(chain.load(as_bytes(test::x509_pem("leaf-key")), &d), MK_ERR_NO_CERTIFICATE);
  EXPECT_STREQ(d.text, "no CERTIFICATE block found");
}

}  // namespace
}  // namespace mk::x509
