// The per-certificate rules, on their own; and every root of the system CA bundle
// must pass the rules for a trust anchor, or pointing Meerkat at it would not work.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "testdata.h"
#include "x509/certificate_rules.h"
#include "x509_files.h"

namespace mk::x509 {
namespace {

struct Loaded {
  std::string der;
  Certificate cert;
};

Loaded load(const std::string& name) {
  Loaded l;
  l.der = test::der_of(test::x509_pem(name));
  parse_certificate(as_bytes(l.der), l.cert);
  return l;
}

TEST(X509CertificateRules, RolesAreNamedForSentences) {
  EXPECT_STREQ(role_word(Role::leaf), "certificate");
  EXPECT_STREQ(role_word(Role::intermediate), "intermediate");
  EXPECT_STREQ(role_word(Role::anchor), "trusted root");
}

TEST(X509CertificateRules, EndEntityRulesDependOnThePurpose) {
  Detail d;
  Loaded client = load("leaf-client");
  EXPECT_EQ(check_end_entity(client.cert, Purpose::client_auth, d), MK_OK);
  EXPECT_EQ(check_end_entity(client.cert, Purpose::server_auth, d), MK_ERR_CERT_EXTENDED_KEY_USAGE);
  EXPECT_EQ(check_end_entity(load("leaf").cert, Purpose::client_auth, d),
            MK_ERR_CERT_EXTENDED_KEY_USAGE);
}

TEST(X509CertificateRules, IssuerRulesAcceptCasAndRefuseLeaves) {
  Detail d;
  EXPECT_EQ(check_issuer_rules(load("int").cert, Role::intermediate, Purpose::server_auth, d),
            MK_OK);
  EXPECT_EQ(check_issuer_rules(load("leaf").cert, Role::intermediate, Purpose::server_auth, d),
            MK_ERR_CERT_NOT_CA);
  EXPECT_STREQ(d.text, "intermediate 'www.example.com' is not a CA");
}

TEST(X509CertificateRules, SelfSignedAndIntermediateAnchorsPassTheProfile) {
  Detail d;
  EXPECT_EQ(check_profile(load("root").cert, Role::anchor, d), MK_OK);  // no AKI: self-signed
  EXPECT_EQ(check_profile(load("int").cert, Role::anchor, d), MK_OK);   // AKI: issued by root
}

TEST(X509CertificateRules, UnknownCriticalExtensionIsRefusedInEveryRole) {
  Loaded c = load("leaf-unknown-critical");
  for (Role role : {Role::leaf, Role::intermediate, Role::anchor}) {
    Detail d;
    EXPECT_EQ(check_profile(c.cert, role, d), MK_ERR_CERT_UNKNOWN_CRITICAL) << role_word(role);
  }
}

TEST(X509CertificateRules, KeysAreCheckedForSupportAndStrength) {
  Detail d;
  crypto::PublicKey key;
  EXPECT_EQ(check_key(load("rsa-root").cert, Role::anchor, key, d), MK_OK);
  EXPECT_EQ(key.type, crypto::KeyType::rsa);
  EXPECT_EQ(check_key(load("leaf-rsa1024").cert, Role::leaf, key, d), MK_ERR_CERT_WEAK_KEY);
  EXPECT_STREQ(d.text,
               "certificate 'leaf-rsa1024' has an RSA key of 1024 bits (at least 2048 are needed)");
}

TEST(X509CertificateRules, EverySystemRootIsAUsableTrustAnchor) {
  const char* path = "/etc/ssl/certs/ca-certificates.crt";
  struct stat st;
  if (stat(path, &st) != 0) GTEST_SKIP() << path << " absent (package ca-certificates)";
  std::string bundle = test::read_file(path);
  Vec<Buffer> ders;
  ASSERT_EQ(load_certificates(as_bytes(bundle), ders), MK_OK);
  size_t usable = 0;
  for (const Buffer& der : ders) {
    Certificate c;
    ASSERT_EQ(parse_certificate(der.view(), c), der::Fault::none);
    Detail d;
    crypto::PublicKey key;
    Err e = check_profile(c, Role::anchor, d);
    if (e == MK_OK) e = check_issuer_rules(c, Role::anchor, Purpose::server_auth, d);
    if (e == MK_OK) e = check_key(c, Role::anchor, key, d);
    EXPECT_EQ(e, MK_OK) << d.text;
    usable += e == MK_OK;
  }
  EXPECT_EQ(usable, ders.size());
}

}  // namespace
}  // namespace mk::x509
