// The certificate parser: the summary it makes of certificates openssl made, and
// each structural rule, shown by breaking it in an otherwise good certificate.
#include <gtest/gtest.h>

#include "der_builder.h"
#include "testdata.h"
#include "x509/certificate.h"
#include "x509_files.h"

namespace mk::x509 {
namespace {

using test::extension;
using test::tlv;
using test::unhex;

constexpr int64_t k2026 = 1767225600;  // 2026-01-01 00:00:00 UTC
constexpr int64_t k2036 = 2082758400;  // 2036-01-01 00:00:00 UTC

struct Parsed {
  std::string der;
  Certificate cert;
  der::Fault fault = der::Fault::none;
};

Parsed parse(const std::string& der) {
  Parsed p;
  p.der = der;
  p.fault = parse_certificate(as_bytes(p.der), p.cert);
  return p;
}

Parsed parse_file(const std::string& name) {
  return parse(test::der_of(test::x509_pem(name)));
}

std::string describe_text(const Certificate& c) {
  char text[80];
  describe(c, text, sizeof text);
  return text;
}

// ---- what the summary holds ---------------------------------------------------------------

TEST(X509Certificate, LeafSummary) {
  Parsed p = parse_file("leaf");
  ASSERT_EQ(p.fault, der::Fault::none);
  const Certificate& c = p.cert;
  EXPECT_EQ(c.version, 3);
  EXPECT_EQ(c.not_before, k2026);
  EXPECT_EQ(c.not_after, k2036);
  EXPECT_FALSE(c.is_ca);
  EXPECT_TRUE(c.has_basic_constraints);
  EXPECT_TRUE(c.basic_constraints_critical);
  EXPECT_TRUE(c.has_key_usage);
  EXPECT_EQ(c.key_usage, kKuDigitalSignature);
  EXPECT_TRUE(c.has_eku);
  EXPECT_EQ(c.eku, kEkuServerAuth);
  EXPECT_TRUE(c.has_san);
  EXPECT_FALSE(c.san_critical);
  EXPECT_TRUE(c.has_subject_key_id);
  EXPECT_TRUE(c.has_authority_key_id_key);
  EXPECT_FALSE(c.authority_key_id_names_issuer);
  EXPECT_TRUE(c.unknown_critical.empty());
  EXPECT_FALSE(self_issued(c));
  EXPECT_EQ(describe_text(c), "www.example.com");
}

TEST(X509Certificate, CaSummary) {
  Parsed root = parse_file("root");
  Parsed pathlen0 = parse_file("int-pathlen0");
  ASSERT_EQ(root.fault, der::Fault::none);
  EXPECT_TRUE(root.cert.is_ca);
  EXPECT_EQ(root.cert.path_len, -1);
  EXPECT_EQ(root.cert.key_usage, kKuKeyCertSign | (1u << 6));
  EXPECT_TRUE(self_issued(root.cert));
  EXPECT_TRUE(pathlen0.cert.is_ca);
  EXPECT_EQ(pathlen0.cert.path_len, 0);
  EXPECT_TRUE(key_id_matches(pathlen0.cert, root.cert));
  EXPECT_FALSE(key_id_matches(parse_file("leaf").cert, root.cert));  // the leaf names int's key
}

TEST(X509Certificate, NameConstraintsAreKept) {
  Parsed permitted = parse_file("int-permitted");
  Parsed excluded = parse_file("int-excluded");
  EXPECT_TRUE(permitted.cert.has_name_constraints);
  EXPECT_TRUE(permitted.cert.has_permitted);
  EXPECT_FALSE(permitted.cert.has_excluded);
  EXPECT_TRUE(excluded.cert.has_excluded);
  EXPECT_FALSE(excluded.cert.has_permitted);
}

TEST(X509Certificate, UnknownCriticalExtensionIsRecordedNotRefused) {
  Parsed p = parse_file("leaf-unknown-critical");
  ASSERT_EQ(p.fault, der::Fault::none);
  EXPECT_EQ(test::hex(std::string(as_chars(p.cert.unknown_critical))), "2b0601040183b20301");
  EXPECT_TRUE(parse_file("leaf-unknown-noncritical").cert.unknown_critical.empty());
}

TEST(X509Certificate, DescriptionFallsBackToTheLastAttribute) {
  Parsed p = parse_file("leaf");
  test::CertParts parts = test::split_certificate(p.der);
  // Subject O=Example only.
  parts.tbs[5] = tlv(0x30, tlv(0x31, tlv(0x30, tlv(0x06, unhex("55040a")) + tlv(0x0c, "Example"))));
  Parsed q = parse(test::join_certificate(parts));
  ASSERT_EQ(q.fault, der::Fault::none);
  EXPECT_EQ(describe_text(q.cert), "www.example.com");  // the SAN comes before other attributes
  char issuer[40];
  describe_name(q.cert.subject, issuer, sizeof issuer);
  EXPECT_STREQ(issuer, "Example");
}

// ---- structure ------------------------------------------------------------------------------

TEST(X509Certificate, AllTestCertificatesParse) {
  for (const char* name : {"root", "int", "leaf", "leaf-wildcards", "rsa-root", "rsa-leaf-pss",
                           "p384-root", "p384-leaf", "int-excluded", "self-signed"})
    EXPECT_EQ(parse_file(name).fault, der::Fault::none) << name;
}

TEST(X509Certificate, NegativeSerialIsRefused) {
  test::CertParts parts = test::split_certificate(parse_file("leaf").der);
  parts.tbs[1] = tlv(0x02, unhex("ff01"));
  EXPECT_EQ(parse(test::join_certificate(parts)).fault, der::Fault::bad_serial);
}

TEST(X509Certificate, SerialLongerThanTwentyOctetsIsRefused) {
  test::CertParts parts = test::split_certificate(parse_file("leaf").der);
  parts.tbs[1] = tlv(0x02, std::string(21, '\x01'));
  EXPECT_EQ(parse(test::join_certificate(parts)).fault, der::Fault::bad_serial);
  parts.tbs[1] = tlv(0x02, std::string(1, '\0') + std::string(20, '\x81'));
  EXPECT_EQ(parse(test::join_certificate(parts)).fault, der::Fault::none);
}

TEST(X509Certificate, ExplicitVersionOneIsNotDer) {
  test::CertParts parts = test::split_certificate(parse_file("leaf").der);
  parts.tbs[0] = tlv(0xa0, tlv(0x02, std::string(1, '\0')));
  EXPECT_EQ(parse(test::join_certificate(parts)).fault, der::Fault::unsupported_version);
}

TEST(X509Certificate, UnknownVersionIsRefused) {
  test::CertParts parts = test::split_certificate(parse_file("leaf").der);
  parts.tbs[0] = tlv(0xa0, tlv(0x02, std::string(1, '\3')));
  EXPECT_EQ(parse(test::join_certificate(parts)).fault, der::Fault::unsupported_version);
}

TEST(X509Certificate, ExtensionsNeedVersionThree) {
  test::CertParts parts = test::split_certificate(parse_file("leaf").der);
  parts.tbs.erase(parts.tbs.begin());  // no version: v1
  EXPECT_EQ(parse(test::join_certificate(parts)).fault, der::Fault::unsupported_version);
  parts.tbs.pop_back();  // and no extensions: a valid v1 certificate
  Parsed v1 = parse(test::join_certificate(parts));
  EXPECT_EQ(v1.fault, der::Fault::none);
  EXPECT_EQ(v1.cert.version, 1);
}

TEST(X509Certificate, InnerAndOuterSignatureAlgorithmsMustMatch) {
  test::CertParts parts = test::split_certificate(parse_file("leaf").der);
  parts.algorithm = test::split_certificate(parse_file("rsa-leaf-sha256").der).algorithm;
  EXPECT_EQ(parse(test::join_certificate(parts)).fault, der::Fault::signature_algorithm_mismatch);
}

TEST(X509Certificate, ValidityTimesMustBeUtcOrGeneralizedTime) {
  test::CertParts parts = test::split_certificate(parse_file("leaf").der);
  parts.tbs[4] = tlv(0x30, tlv(0x18, "20260101000000Z") + tlv(0x17, "360101000000Z"));
  Parsed mixed = parse(test::join_certificate(parts));
  EXPECT_EQ(mixed.fault, der::Fault::none);
  EXPECT_EQ(mixed.cert.not_before, k2026);
  EXPECT_EQ(mixed.cert.not_after, k2036);
  parts.tbs[4] = tlv(0x30, tlv(0x17, "260101000000Z") + tlv(0x13, "360101000000Z"));
  EXPECT_EQ(parse(test::join_certificate(parts)).fault, der::Fault::unexpected_tag);
  parts.tbs[4] = tlv(0x30, tlv(0x17, "2601010000Z") + tlv(0x17, "360101000000Z"));
  EXPECT_EQ(parse(test::join_certificate(parts)).fault, der::Fault::bad_time);
}

TEST(X509Certificate, MalformedNameIsRefused) {
  test::CertParts parts = test::split_certificate(parse_file("leaf").der);
  parts.tbs[3] = tlv(0x30, tlv(0x31, ""));  // an empty RDN
  EXPECT_EQ(parse(test::join_certificate(parts)).fault, der::Fault::bad_name);
}

// ---- extensions ---------------------------------------------------------------------------

std::string leaf_der() {
  return parse_file("leaf").der;
}
std::string san(const std::string& names) {
  return tlv(0x30, names);
}
const std::string kDns = tlv(0x82, "www.example.com");

Parsed with(const std::vector<std::string>& extensions) {
  return parse(test::with_extensions(test::split_certificate(leaf_der()), extensions));
}

TEST(X509Certificate, DuplicateExtensionIsRefused) {
  EXPECT_EQ(
      with({extension("551d11", false, san(kDns)), extension("551d11", false, san(kDns))}).fault,
      der::Fault::duplicate_extension);
}

TEST(X509Certificate, ExplicitNonCriticalFlagIsNotDer) {
  std::string ext = tlv(
      0x30, tlv(0x06, unhex("551d11")) + tlv(0x01, std::string(1, '\0')) + tlv(0x04, san(kDns)));
  EXPECT_EQ(with({ext}).fault, der::Fault::bad_boolean);
}

TEST(X509Certificate, EmptyExtensionListIsRefused) {
  EXPECT_EQ(with({}).fault, der::Fault::empty_sequence);
}

TEST(X509Certificate, ExtensionValueWithTrailingBytesIsRefused) {
  EXPECT_EQ(with({extension("551d11", false, san(kDns) + std::string(1, '\0'))}).fault,
            der::Fault::trailing_bytes);
}

TEST(X509Certificate, SubjectAltNameRules) {
  EXPECT_EQ(with({extension("551d11", false, san(""))}).fault, der::Fault::empty_sequence);
  EXPECT_EQ(with({extension("551d11", false, san(tlv(0x87, "\x01\x02\x03")))}).fault,
            der::Fault::bad_general_name);
  EXPECT_EQ(with({extension("551d11", false, san(tlv(0x82, "caf\xc3\xa9.example")))}).fault,
            der::Fault::bad_general_name);
  EXPECT_EQ(with({extension("551d11", false, san(tlv(0x89, "x")))}).fault,
            der::Fault::bad_general_name);
  Parsed ok =
      with({extension("551d11", true, san(kDns + tlv(0x87, std::string("\xc0\x00\x02\x01", 4))))});
  EXPECT_EQ(ok.fault, der::Fault::none);
  EXPECT_TRUE(ok.cert.san_critical);
}

TEST(X509Certificate, BasicConstraintsRules) {
  std::string explicit_false = tlv(0x30, tlv(0x01, std::string(1, '\0')));
  EXPECT_EQ(with({extension("551d13", true, explicit_false)}).fault, der::Fault::bad_boolean);
  std::string negative_len = tlv(0x30, tlv(0x01, "\xff") + tlv(0x02, "\xff"));
  EXPECT_EQ(with({extension("551d13", true, negative_len)}).fault, der::Fault::negative_integer);
  Parsed ca = with({extension("551d13", true, tlv(0x30, tlv(0x01, "\xff") + tlv(0x02, "\x03")))});
  EXPECT_EQ(ca.fault, der::Fault::none);
  EXPECT_TRUE(ca.cert.is_ca);
  EXPECT_EQ(ca.cert.path_len, 3);
}

TEST(X509Certificate, KeyUsageNeedsABit) {
  EXPECT_EQ(with({extension("551d0f", true, tlv(0x03, std::string(1, '\0')))}).fault,
            der::Fault::bad_extension);
}

TEST(X509Certificate, ExtendedKeyUsageMustNotBeEmpty) {
  EXPECT_EQ(with({extension("551d25", false, tlv(0x30, ""))}).fault, der::Fault::empty_sequence);
}

TEST(X509Certificate, NameConstraintsShapes) {
  // Neither permitted nor excluded subtrees.
  EXPECT_EQ(with({extension("551d1e", true, tlv(0x30, ""))}).fault, der::Fault::bad_extension);
  // An empty permitted list.
  EXPECT_EQ(with({extension("551d1e", true, tlv(0x30, tlv(0xa0, "")))}).fault,
            der::Fault::empty_sequence);
  // A subtree with a minimum.
  std::string with_min =
      tlv(0x30, tlv(0xa0, tlv(0x30, tlv(0x82, "example.com") + tlv(0x80, "\x01"))));
  EXPECT_EQ(with({extension("551d1e", true, with_min)}).fault, der::Fault::bad_extension);
  std::string good = tlv(0x30, tlv(0xa1, tlv(0x30, tlv(0x82, "example.com"))));
  EXPECT_EQ(with({extension("551d1e", true, good)}).fault, der::Fault::none);
}

TEST(X509Certificate, AuthorityKeyIdentifierIssuerAndSerialComeTogether) {
  std::string issuer_only = tlv(0x30, tlv(0x80, "abc") + tlv(0xa1, tlv(0x82, "ca.example")));
  EXPECT_EQ(with({extension("551d23", false, issuer_only)}).fault, der::Fault::bad_extension);
  std::string both =
      tlv(0x30, tlv(0x80, "abc") + tlv(0xa1, tlv(0x82, "ca.example")) + tlv(0x82, "\x01"));
  Parsed p = with({extension("551d23", false, both)});
  EXPECT_EQ(p.fault, der::Fault::none);
  EXPECT_TRUE(p.cert.authority_key_id_names_issuer);
}

TEST(X509Certificate, ExtensionsThatMustNotBeCriticalAreRecorded) {
  Parsed p = with({extension("551d23", true, tlv(0x30, tlv(0x80, "abc")))});
  ASSERT_EQ(p.fault, der::Fault::none);
  EXPECT_EQ(test::hex(std::string(as_chars(p.cert.critical_but_must_not_be))), "551d23");
}

TEST(X509Certificate, MalformedAuthorityInfoAccessIsRefused) {
  EXPECT_EQ(
      with({extension("2b06010505070101", false, tlv(0x30, tlv(0x30, tlv(0x06, "\x2b"))))}).fault,
      der::Fault::truncated);
  std::string good =
      tlv(0x30, tlv(0x30, tlv(0x06, unhex("2b06010505073002")) + tlv(0x86, "http://ca.example/")));
  EXPECT_EQ(with({extension("2b06010505070101", false, good)}).fault, der::Fault::none);
}

}  // namespace
}  // namespace mk::x509
