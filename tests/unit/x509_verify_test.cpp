// verify_chain over certificates made by openssl (tests/data/x509): each rule of
// path validation, the accepted case beside the refused one, and the sentence a
// user reads.
#include <gtest/gtest.h>

#include "x509_files.h"

namespace mk::x509 {
namespace {

using test::params_for;
using test::Verdict;
using test::verify_files;

const std::vector<std::string> kRoot = {"root"};

TEST(X509Verify, GoodChainIsAcceptedAndGivesTheLeafKey) {
  Verdict v = verify_files({"leaf", "int"}, kRoot);
  EXPECT_EQ(v.err, MK_OK) << v.detail;
  EXPECT_EQ(v.leaf_key.type, crypto::KeyType::ec);
  EXPECT_EQ(v.leaf_key.curve, crypto::Curve::p256);
  crypto::PublicKey expected;
  std::string leaf = test::der_of(test::x509_pem("leaf"));
  ASSERT_EQ(public_key_of(as_bytes(leaf), expected), MK_OK);
  EXPECT_EQ(std::string(as_chars(ByteView(v.leaf_key.point, v.leaf_key.point_len))),
            std::string(as_chars(ByteView(expected.point, expected.point_len))));
}

TEST(X509Verify, IntermediatesInAnyOrderWithExtrasAreAccepted) {
  EXPECT_EQ(verify_files({"leaf", "rsa-root", "int", "root2"}, kRoot).err, MK_OK);
  EXPECT_EQ(verify_files({"leaf", "root", "int"}, kRoot).err, MK_OK);
}

TEST(X509Verify, MissingIntermediateHeldByTheTrustStoreIsFound) {
  EXPECT_EQ(verify_files({"leaf"}, {"root", "int"}).err, MK_OK);
}

TEST(X509Verify, MissingIntermediateIsUnknownIssuer) {
  Verdict v = verify_files({"leaf"}, kRoot);
  EXPECT_EQ(v.err, MK_ERR_CERT_UNKNOWN_ISSUER);
  EXPECT_EQ(v.detail,
            "certificate 'www.example.com' was issued by 'Test Int', which is not a trusted root "
            "and was not sent");
}

TEST(X509Verify, ChainToAnotherRootIsUnknownIssuer) {
  Verdict v = verify_files({"leaf", "int"}, {"root2"});
  EXPECT_EQ(v.err, MK_ERR_CERT_UNKNOWN_ISSUER);
  EXPECT_EQ(v.detail,
            "intermediate 'Test Int' was issued by 'Test Root', which is not a trusted root and "
            "was not sent");
}

TEST(X509Verify, CrossSignedIntermediateLeadsToTheOtherRoot) {
  EXPECT_EQ(verify_files({"leaf", "int", "int-cross"}, {"root2"}).err, MK_OK);
  EXPECT_EQ(verify_files({"leaf", "int-cross", "int"}, kRoot).err, MK_OK);
}

TEST(X509Verify, ReKeyedIntermediateIsPickedAmongCandidates) {
  EXPECT_EQ(verify_files({"leaf-rekeyed", "int", "int-rekeyed"}, kRoot).err, MK_OK);
  EXPECT_EQ(verify_files({"leaf", "int-rekeyed", "int"}, kRoot).err, MK_OK);
}

TEST(X509Verify, ExpiredAlternativeIsSkippedForAValidOne) {
  EXPECT_EQ(verify_files({"leaf", "int-expired-twin", "int"}, kRoot).err, MK_OK);
}

TEST(X509Verify, OnlyAnExpiredIntermediateIsExpired) {
  Verdict v = verify_files({"leaf", "int-expired-twin"}, kRoot);
  EXPECT_EQ(v.err, MK_ERR_CERT_EXPIRED);
  EXPECT_EQ(v.detail, "chain expired on 2021-01-01: intermediate 'Test Int' is no longer valid");
}

TEST(X509Verify, SelfSignedLeafIsNotTrusted) {
  Verdict v = verify_files({"self-signed"}, kRoot);
  EXPECT_EQ(v.err, MK_ERR_CERT_UNKNOWN_ISSUER);
  EXPECT_EQ(v.detail, "certificate 'www.example.com' is self-signed and not trusted");
}

TEST(X509Verify, TrustedRootAsTheLeafIsRefused) {
  Verdict v = verify_files({"self-signed"}, {"self-signed"}, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_UNKNOWN_ISSUER);
  EXPECT_EQ(v.detail,
            "certificate 'www.example.com' is a trusted root; a peer must present a certificate "
            "issued by one");
}

// ---- validity -----------------------------------------------------------------------

TEST(X509Verify, ExpiredLeafIsRefusedWithItsDate) {
  Verdict v = verify_files({"leaf-expired", "int"}, kRoot);
  EXPECT_EQ(v.err, MK_ERR_CERT_EXPIRED);
  EXPECT_EQ(v.detail, "chain expired on 2021-01-01: certificate 'leaf-expired' is no longer valid");
}

TEST(X509Verify, NotYetValidLeafIsRefused) {
  Verdict v = verify_files({"leaf-not-yet-valid", "int"}, kRoot);
  EXPECT_EQ(v.err, MK_ERR_CERT_NOT_YET_VALID);
  EXPECT_EQ(v.detail, "certificate 'leaf-not-yet-valid' is not valid before 2030-01-01");
}

TEST(X509Verify, ValidityBoundsAreInclusive) {
  VerifyParams p = params_for("");
  p.now = 1767225600;  // 2026-01-01 00:00:00, the first second of every notBefore
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, p).err, MK_OK);
  p.now = 1767225599;
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, p).err, MK_ERR_CERT_NOT_YET_VALID);
  p.now = 2082758400;  // 2036-01-01 00:00:00, the last second of every notAfter
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, p).err, MK_OK);
  p.now = 2082758401;
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, p).err, MK_ERR_CERT_EXPIRED);
}

TEST(X509Verify, UnknownTimeIsRefused) {
  VerifyParams p = params_for("www.example.com");
  p.now = -1;
  Verdict v = verify_files({"leaf", "int"}, kRoot, p);
  EXPECT_EQ(v.err, MK_ERR_CERT_NO_TIME);
  EXPECT_EQ(v.detail, "the current time is unknown, so certificate validity cannot be checked");
}

// ---- CA rules -------------------------------------------------------------------------

TEST(X509Verify, LeafSignedByALeafIsRefusedAsNotACa) {
  Verdict v = verify_files({"leaf-by-leaf", "leaf", "int"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_NOT_CA);
  EXPECT_EQ(v.detail, "intermediate 'www.example.com' is not a CA");
}

TEST(X509Verify, IntermediateWithCaFalseIsRefused) {
  Verdict v = verify_files({"int-not-ca-leaf", "int-not-ca"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_NOT_CA);
  EXPECT_EQ(v.detail, "intermediate 'int-not-ca' is not a CA");
}

TEST(X509Verify, IntermediateWithoutBasicConstraintsIsRefused) {
  Verdict v = verify_files({"int-no-basic-constraints-leaf", "int-no-basic-constraints"}, kRoot,
                           params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_NOT_CA);
  EXPECT_EQ(v.detail, "intermediate 'int-no-basic-constraints' is not a CA");
}

TEST(X509Verify, IntermediateWithoutKeyCertSignIsRefused) {
  Verdict v = verify_files({"int-no-cert-sign-leaf", "int-no-cert-sign"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_KEY_USAGE);
  EXPECT_EQ(v.detail,
            "intermediate 'int-no-cert-sign' key usage does not allow signing certificates (no "
            "keyCertSign)");
}

TEST(X509Verify, PathLengthZeroAllowsLeavesDirectlyBelow) {
  EXPECT_EQ(verify_files({"int-pathlen0-leaf", "int-pathlen0"}, kRoot, params_for("")).err, MK_OK);
}

TEST(X509Verify, PathLengthZeroRefusesAnotherIntermediateBelow) {
  Verdict v = verify_files({"leaf-below-pathlen0", "int-below-pathlen0", "int-pathlen0"}, kRoot,
                           params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_PATH_LENGTH);
  EXPECT_EQ(v.detail,
            "intermediate 'int-pathlen0' allows 0 intermediates below it, the path has 1");
}

TEST(X509Verify, MaxDepthCountsLeafIntermediatesAndRoot) {
  VerifyParams p = params_for("www.example.com");
  p.max_depth = 3;
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, p).err, MK_OK);
  p.max_depth = 2;
  Verdict v = verify_files({"leaf", "int"}, kRoot, p);
  EXPECT_EQ(v.err, MK_ERR_CERT_CHAIN_TOO_LONG);
  EXPECT_EQ(v.detail, "no path within the limit of 2 certificates");
}

// ---- key usage and extended key usage -------------------------------------------------

TEST(X509Verify, LeafWithoutDigitalSignatureIsRefused) {
  Verdict v = verify_files({"leaf-key-encipherment", "int"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_KEY_USAGE);
  EXPECT_EQ(v.detail,
            "certificate 'leaf-key-encipherment' key usage lacks digitalSignature, which TLS 1.3 "
            "needs");
}

TEST(X509Verify, CaCertificateAsLeafIsRefused) {
  Verdict v = verify_files({"leaf-is-ca", "int"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_KEY_USAGE);
  EXPECT_EQ(v.detail, "certificate 'leaf-is-ca' is a CA certificate, not one for a server");
}

TEST(X509Verify, ClientCertificateIsRefusedForAServer) {
  Verdict v = verify_files({"leaf-client", "int"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_EXTENDED_KEY_USAGE);
  EXPECT_EQ(v.detail,
            "certificate 'leaf-client' is not for TLS servers (its extended key usage lacks "
            "serverAuth)");
}

TEST(X509Verify, ClientCertificateIsAcceptedForAClient) {
  VerifyParams p = params_for("");
  p.purpose = Purpose::client_auth;
  EXPECT_EQ(verify_files({"leaf-client", "int"}, kRoot, p).err, MK_OK);
}

TEST(X509Verify, ServerCertificateIsRefusedForAClient) {
  VerifyParams p = params_for("");
  p.purpose = Purpose::client_auth;
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, p).err, MK_ERR_CERT_EXTENDED_KEY_USAGE);
}

TEST(X509Verify, LeafWithoutExtendedKeyUsageIsAccepted) {
  EXPECT_EQ(verify_files({"leaf-no-eku", "int"}, kRoot).err, MK_OK);
}

TEST(X509Verify, AnyExtendedKeyUsageAloneDoesNotMakeAServerCertificate) {
  EXPECT_EQ(verify_files({"leaf-any-eku", "int"}, kRoot).err, MK_ERR_CERT_EXTENDED_KEY_USAGE);
}

TEST(X509Verify, IntermediateExtendedKeyUsageConstrainsTheLeaf) {
  Verdict v = verify_files({"int-client-only-leaf", "int-client-only"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_EXTENDED_KEY_USAGE);
  EXPECT_EQ(v.detail,
            "intermediate 'int-client-only' is not allowed to issue certificates for TLS servers "
            "(extended key usage)");
  EXPECT_EQ(verify_files({"int-server-eku-leaf", "int-server-eku"}, kRoot, params_for("")).err,
            MK_OK);
}

// ---- extensions -------------------------------------------------------------------------

TEST(X509Verify, UnknownCriticalExtensionIsRefused) {
  Verdict v = verify_files({"leaf-unknown-critical", "int"}, kRoot);
  EXPECT_EQ(v.err, MK_ERR_CERT_UNKNOWN_CRITICAL);
  EXPECT_EQ(v.detail,
            "certificate 'leaf-unknown-critical' has a critical extension Meerkat does not know "
            "(OID 1.3.6.1.4.1.55555.1)");
}

TEST(X509Verify, UnknownNonCriticalExtensionIsIgnored) {
  EXPECT_EQ(verify_files({"leaf-unknown-noncritical", "int"}, kRoot).err, MK_OK);
}

TEST(X509Verify, NameConstraintsInALeafAreRefused) {
  Verdict v = verify_files({"leaf-name-constraints", "int"}, kRoot);
  EXPECT_EQ(v.err, MK_ERR_CERT_MALFORMED);
  EXPECT_EQ(v.detail,
            "certificate 'leaf-name-constraints' is not a CA but carries name constraints");
}

// ---- signatures and keys ------------------------------------------------------------------

TEST(X509Verify, RsaPkcs1SignaturesWithSha2AreAccepted) {
  for (const char* leaf : {"rsa-leaf-sha256", "rsa-leaf-sha384", "rsa-leaf-sha512"})
    EXPECT_EQ(verify_files({leaf}, {"rsa-root"}).err, MK_OK) << leaf;
}

TEST(X509Verify, RsaPssSignaturesWithSaltAsLongAsTheHashAreAccepted) {
  EXPECT_EQ(verify_files({"rsa-leaf-pss"}, {"rsa-root"}).err, MK_OK);
  EXPECT_EQ(verify_files({"rsa-leaf-pss-sha384"}, {"rsa-root"}).err, MK_OK);
}

TEST(X509Verify, RsaPssWithAnotherSaltLengthIsUnsupported) {
  Verdict v = verify_files({"rsa-leaf-pss-salt20"}, {"rsa-root"});
  EXPECT_EQ(v.err, MK_ERR_CERT_UNSUPPORTED_SIGNATURE);
  EXPECT_EQ(v.detail,
            "certificate 'www.example.com' is signed with an unsupported algorithm (RSASSA-PSS)");
}

TEST(X509Verify, RsaLeafKeyIsReturned) {
  Verdict v = verify_files({"rsa-leaf-rsa-key"}, {"rsa-root"});
  ASSERT_EQ(v.err, MK_OK) << v.detail;
  EXPECT_EQ(v.leaf_key.type, crypto::KeyType::rsa);
  EXPECT_EQ(v.leaf_key.n_len, 256u);
}

TEST(X509Verify, EcdsaP384WithSha384IsAccepted) {
  Verdict v = verify_files({"p384-leaf"}, {"p384-root"});
  EXPECT_EQ(v.err, MK_OK) << v.detail;
  EXPECT_EQ(v.leaf_key.curve, crypto::Curve::p384);
}

TEST(X509Verify, Sha1SignatureIsWeak) {
  Verdict v = verify_files({"leaf-sha1", "int"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_WEAK_SIGNATURE);
  EXPECT_EQ(v.detail, "certificate 'leaf-sha1' is signed with ecdsa-with-SHA1, which is too weak");
}

TEST(X509Verify, Md5SignatureIsWeak) {
  Verdict v = verify_files({"rsa-leaf-md5"}, {"rsa-root"});
  EXPECT_EQ(v.err, MK_ERR_CERT_WEAK_SIGNATURE);
  EXPECT_EQ(v.detail,
            "certificate 'www.example.com' is signed with md5WithRSAEncryption, which is too weak");
}

TEST(X509Verify, Rsa1024KeyIsWeak) {
  Verdict v = verify_files({"leaf-rsa1024", "int"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_WEAK_KEY);
  EXPECT_EQ(v.detail,
            "certificate 'leaf-rsa1024' has an RSA key of 1024 bits (at least 2048 are needed)");
}

TEST(X509Verify, SignatureByTheWrongKeyIsRefused) {
  // leaf-rekeyed names int's subject but was signed by int-rekeyed's key.
  Verdict v = verify_files({"leaf-rekeyed", "int"}, kRoot);
  EXPECT_EQ(v.err, MK_ERR_CERT_BAD_SIGNATURE);
  EXPECT_EQ(v.detail,
            "certificate 'www.example.com' has a signature that the key of 'Test Int' does not "
            "verify");
}

// ---- names --------------------------------------------------------------------------------

TEST(X509Verify, DnsNameInTheSanMatches) {
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, params_for("www.example.com")).err, MK_OK);
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, params_for("WWW.Example.COM.")).err, MK_OK);
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, params_for("api.apps.example.com")).err, MK_OK);
}

TEST(X509Verify, OtherNameDoesNotMatch) {
  Verdict v = verify_files({"leaf", "int"}, kRoot, params_for("example.org"));
  EXPECT_EQ(v.err, MK_ERR_CERT_NAME_MISMATCH);
  EXPECT_EQ(v.detail, "certificate for www.example.com does not match requested name example.org");
}

TEST(X509Verify, WildcardDoesNotMatchItsBaseOrTwoLabels) {
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, params_for("apps.example.com")).err,
            MK_ERR_CERT_NAME_MISMATCH);
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, params_for("a.b.apps.example.com")).err,
            MK_ERR_CERT_NAME_MISMATCH);
}

TEST(X509Verify, IpAddressesMatchIpSansOnly) {
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, params_for("192.0.2.10")).err, MK_OK);
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, params_for("2001:db8::10")).err, MK_OK);
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, params_for("2001:DB8:0:0:0:0:0:10")).err, MK_OK);
  EXPECT_EQ(verify_files({"leaf", "int"}, kRoot, params_for("192.0.2.11")).err,
            MK_ERR_CERT_NAME_MISMATCH);
}

TEST(X509Verify, CommonNameIsNeverUsed) {
  Verdict v = verify_files({"leaf-no-san", "int"}, kRoot, params_for("leaf-no-san"));
  EXPECT_EQ(v.err, MK_ERR_CERT_NAME_MISMATCH);
  EXPECT_EQ(v.detail,
            "certificate 'leaf-no-san' has no subjectAltName, so it names no host (the common name "
            "is not used); requested name leaf-no-san");
}

TEST(X509Verify, WildcardsOverPublicSuffixesOrInsideLabelsNeverMatch) {
  for (const char* name : {"example.com", "example.co.uk", "www.example.net", "wx.example.net",
                           "a.b.example.org", "a.b.c.example.org"})
    EXPECT_EQ(verify_files({"leaf-wildcards", "int"}, kRoot, params_for(name)).err,
              MK_ERR_CERT_NAME_MISMATCH)
        << name;
}

TEST(X509Verify, EmptyNameSkipsTheNameCheck) {
  EXPECT_EQ(verify_files({"leaf-no-san", "int"}, kRoot, params_for("")).err, MK_OK);
}

TEST(X509Verify, InvalidRequestedNameIsRefused) {
  Verdict v = verify_files({"leaf", "int"}, kRoot, params_for("www..example.com"));
  EXPECT_EQ(v.err, MK_ERR_CERT_NAME_MISMATCH);
  EXPECT_EQ(v.detail,
            "requested name 'www..example.com' is neither a valid DNS name nor an IP address");
}

// ---- name constraints ---------------------------------------------------------------------

TEST(X509Verify, NamesInsidePermittedSubtreesAreAccepted) {
  EXPECT_EQ(verify_files({"permitted-inside", "int-permitted"}, kRoot).err, MK_OK);
}

TEST(X509Verify, DnsNameOutsidePermittedSubtreesIsRefused) {
  Verdict v = verify_files({"permitted-dns-outside", "int-permitted"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(v.detail,
            "name constraints of intermediate 'int-permitted' reject certificate "
            "'permitted-dns-outside': it does not permit the DNS name www.evil.test");
}

TEST(X509Verify, IpAddressOutsidePermittedSubtreesIsRefused) {
  Verdict v = verify_files({"permitted-ip-outside", "int-permitted"}, kRoot);
  EXPECT_EQ(v.err, MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(v.detail,
            "name constraints of intermediate 'int-permitted' reject certificate "
            "'permitted-ip-outside': it does not permit the IP address 198.51.100.1");
}

TEST(X509Verify, ExcludedNamesAreRefusedAndOthersAccepted) {
  Verdict v = verify_files({"excluded-bad", "int-excluded"}, kRoot, params_for(""));
  EXPECT_EQ(v.err, MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(v.detail,
            "name constraints of intermediate 'int-excluded' reject certificate 'excluded-bad': it "
            "excludes the DNS name bad.example.com");
  EXPECT_EQ(verify_files({"int-excluded-leaf", "int-excluded"}, kRoot).err, MK_OK);
}

// ---- input shape --------------------------------------------------------------------------

TEST(X509Verify, EmptyChainIsRefused) {
  TrustStore store;
  ASSERT_EQ(store.add(as_bytes(test::x509_pem("root"))), MK_OK);
  crypto::PublicKey key;
  Detail d;
  EXPECT_EQ(verify_chain({}, store, params_for(""), key, &d), MK_ERR_CERT_EMPTY_CHAIN);
  EXPECT_STREQ(d.text, "the peer sent no certificate");
}

TEST(X509Verify, EmptyTrustStoreIsRefused) {
  TrustStore store;
  std::string der = test::der_of(test::x509_pem("leaf"));
  ByteView chain[] = {as_bytes(der)};
  crypto::PublicKey key;
  EXPECT_EQ(verify_chain(chain, store, params_for(""), key, nullptr), MK_ERR_NO_TRUST_ANCHORS);
}

TEST(X509Verify, MalformedLeafIsRefused) {
  TrustStore store;
  ASSERT_EQ(store.add(as_bytes(test::x509_pem("root"))), MK_OK);
  std::string der = test::der_of(test::x509_pem("leaf"));
  der.pop_back();
  ByteView chain[] = {as_bytes(der)};
  crypto::PublicKey key;
  Detail d;
  EXPECT_EQ(verify_chain(chain, store, params_for(""), key, &d), MK_ERR_CERT_MALFORMED);
  EXPECT_STREQ(d.text, "the peer's certificate is malformed: DER length runs past the end");
}

TEST(X509Verify, MalformedExtraCertificatesAreIgnored) {
  TrustStore store;
  ASSERT_EQ(store.add(as_bytes(test::x509_pem("root"))), MK_OK);
  std::string leaf = test::der_of(test::x509_pem("leaf"));
  std::string intermediate = test::der_of(test::x509_pem("int"));
  std::string junk = "\x30\x03\x02\x01";
  ByteView chain[] = {as_bytes(leaf), as_bytes(junk), as_bytes(intermediate)};
  crypto::PublicKey key;
  EXPECT_EQ(verify_chain(chain, store, params_for("www.example.com"), key, nullptr), MK_OK);
}

}  // namespace
}  // namespace mk::x509
