// Name constraints on their own: each name form, permitted and excluded, and
// wildcards, which must stay inside a permitted subtree and out of every excluded one.
#include <gtest/gtest.h>

#include "der_builder.h"
#include "testdata.h"
#include "x509/name_constraints.h"

namespace mk::x509 {
namespace {

using test::tlv;

// GeneralSubtrees content with one subtree per name encoding.
std::string subtrees(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += tlv(0x30, n);
  return out;
}
std::string dns(const std::string& s) {
  return tlv(0x82, s);
}
std::string ip(const std::string& hex) {
  return tlv(0x87, test::unhex(hex));
}
std::string email(const std::string& s) {
  return tlv(0x81, s);
}
std::string uri(const std::string& s) {
  return tlv(0x86, s);
}
// A Name with one CN, or O then CN.
std::string name(const std::string& o, const std::string& cn) {
  auto rdn = [](const char* oid_hex, const std::string& v) {
    return tlv(0x31, tlv(0x30, tlv(0x06, test::unhex(oid_hex)) + tlv(0x0c, v)));
  };
  return tlv(0x30, (o.empty() ? "" : rdn("55040a", o)) + rdn("550403", cn));
}
std::string directory(const std::string& name_der) {
  return tlv(0xa4, name_der);
}

struct Case {
  std::string permitted, excluded, san, subject = tlv(0x30, "");
};

// check_name_constraints for a CA with these subtrees over a certificate with these names.
Err check(const Case& c, std::string* why = nullptr) {
  Certificate ca, cert;
  ca.has_name_constraints = true;
  ca.has_permitted = !c.permitted.empty();
  ca.permitted = as_bytes(c.permitted);
  ca.has_excluded = !c.excluded.empty();
  ca.excluded = as_bytes(c.excluded);
  cert.subject = as_bytes(c.subject);
  cert.has_san = !c.san.empty();
  cert.san = as_bytes(c.san);
  size_t budget = 1000;
  char text[160] = {};
  Err e = check_name_constraints(ca, cert, budget, text, sizeof text);
  if (why) *why = text;
  return e;
}

TEST(X509NameConstraints, DnsSubtreeCoversTheNameAndItsSubdomains) {
  std::string p = subtrees({dns("example.com")});
  EXPECT_EQ(check({p, "", dns("example.com")}), MK_OK);
  EXPECT_EQ(check({p, "", dns("www.EXAMPLE.com")}), MK_OK);
  EXPECT_EQ(check({p, "", dns("a.b.example.com")}), MK_OK);
  std::string why;
  EXPECT_EQ(check({p, "", dns("badexample.com")}, &why), MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(why, "does not permit the DNS name badexample.com");
}

TEST(X509NameConstraints, LeadingDotCoversSubdomainsOnly) {
  std::string p = subtrees({dns(".example.com")});
  EXPECT_EQ(check({p, "", dns("www.example.com")}), MK_OK);
  EXPECT_EQ(check({p, "", dns("example.com")}), MK_ERR_CERT_NAME_CONSTRAINTS);
}

TEST(X509NameConstraints, ExcludedSubtreeWins) {
  std::string p = subtrees({dns("example.com")});
  std::string x = subtrees({dns("bad.example.com")});
  EXPECT_EQ(check({p, x, dns("good.example.com")}), MK_OK);
  std::string why;
  EXPECT_EQ(check({p, x, dns("www.bad.example.com")}, &why), MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(why, "excludes the DNS name www.bad.example.com");
}

TEST(X509NameConstraints, WildcardMustLieWhollyInsidePermitted) {
  EXPECT_EQ(check({subtrees({dns("example.com")}), "", dns("*.example.com")}), MK_OK);
  EXPECT_EQ(check({subtrees({dns("foo.example.com")}), "", dns("*.example.com")}),
            MK_ERR_CERT_NAME_CONSTRAINTS);
}

TEST(X509NameConstraints, WildcardThatCouldNameAnExcludedHostIsRefused) {
  EXPECT_EQ(check({"", subtrees({dns("bar.example.com")}), dns("*.example.com")}),
            MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(check({"", subtrees({dns("example.com")}), dns("*.example.com")}),
            MK_ERR_CERT_NAME_CONSTRAINTS);
  // Two labels below the wildcard's base: no single label reaches it.
  EXPECT_EQ(check({"", subtrees({dns("a.bar.example.com")}), dns("*.example.com")}), MK_OK);
}

TEST(X509NameConstraints, InvalidDnsNamesAreRefusedWhenDnsIsConstrained) {
  std::string why;
  EXPECT_EQ(check({subtrees({dns("example.com")}), "", dns("-x.example.com")}, &why),
            MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(why, "constrains DNS names, and '-x.example.com' is not a valid one");
}

TEST(X509NameConstraints, WildcardConstraintIsInvalid) {
  std::string why;
  EXPECT_EQ(check({subtrees({dns("*.example.com")}), "", dns("www.example.com")}, &why),
            MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(why, "has an invalid DNS name constraint *.example.com");
}

TEST(X509NameConstraints, IpSubtreesUseTheirMask) {
  std::string p = subtrees({ip("c0000200ffffff00")});  // 192.0.2.0/24
  EXPECT_EQ(check({p, "", ip("c00002fe")}), MK_OK);
  EXPECT_EQ(check({p, "", ip("c0000301")}), MK_ERR_CERT_NAME_CONSTRAINTS);
  // An IPv6 address is outside IPv4-only permitted subtrees.
  EXPECT_EQ(check({p, "", ip("20010db8000000000000000000000001")}), MK_ERR_CERT_NAME_CONSTRAINTS);
  std::string x =
      subtrees({ip("20010db80bad0000000000000000000"
                   "0ffffffffffff00000000000000000000")});
  EXPECT_EQ(check({"", x, ip("20010db80bad00000000000000000001")}), MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(check({"", x, ip("20010db80bae00000000000000000001")}), MK_OK);
}

TEST(X509NameConstraints, IpConstraintNeedsAContiguousMask) {
  std::string why;
  EXPECT_EQ(check({subtrees({ip("c0000200ff00ff00")}), "", ip("c0000201")}, &why),
            MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(why, "has an invalid IP address constraint of 8 octets");
  EXPECT_EQ(check({subtrees({ip("c0000200ffffff")}), "", ip("c0000201")}),
            MK_ERR_CERT_NAME_CONSTRAINTS);
}

TEST(X509NameConstraints, NamesOfAnotherFormAreUnconstrained) {
  EXPECT_EQ(check({subtrees({dns("example.com")}), "", ip("c0000201")}), MK_OK);
  EXPECT_EQ(check({"", subtrees({ip("c0000200ffffff00")}), dns("www.example.com")}), MK_OK);
}

TEST(X509NameConstraints, DirectoryNamesMatchByLeadingRdns) {
  std::string p = subtrees({directory(
      tlv(0x30, tlv(0x31, tlv(0x30, tlv(0x06, test::unhex("55040a")) + tlv(0x0c, "Example")))))});
  EXPECT_EQ(check({p, "", "", name("Example", "host")}), MK_OK);
  std::string why;
  EXPECT_EQ(check({p, "", "", name("Other", "host")}, &why), MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(why, "does not permit the directory name (directory name)");
  EXPECT_EQ(check({p, "", "", name("", "host")}), MK_ERR_CERT_NAME_CONSTRAINTS);
  // An empty subject is no name at all.
  EXPECT_EQ(check({p, "", dns("www.example.com")}), MK_OK);
}

TEST(X509NameConstraints, EmailSubtrees) {
  EXPECT_EQ(check({subtrees({email("example.com")}), "", email("a@example.com")}), MK_OK);
  EXPECT_EQ(check({subtrees({email("example.com")}), "", email("a@sub.example.com")}),
            MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(check({subtrees({email(".example.com")}), "", email("a@sub.example.com")}), MK_OK);
  EXPECT_EQ(check({subtrees({email("a@example.com")}), "", email("a@EXAMPLE.com")}), MK_OK);
  EXPECT_EQ(check({subtrees({email("a@example.com")}), "", email("b@example.com")}),
            MK_ERR_CERT_NAME_CONSTRAINTS);
}

TEST(X509NameConstraints, FormsMeerkatDoesNotEvaluateRefuseSuchNames) {
  std::string p = subtrees({uri("https://example.com")});
  std::string why;
  EXPECT_EQ(check({p, "", uri("https://example.com/x")}, &why), MK_ERR_CERT_NAME_CONSTRAINTS);
  EXPECT_EQ(why,
            "constrains URIs, which Meerkat does not evaluate, and the URI https://example.com/x "
            "is one");
  // Without such names the constraint does not matter.
  EXPECT_EQ(check({p, "", dns("www.example.com")}), MK_OK);
}

TEST(X509NameConstraints, BudgetBoundsTheWork) {
  std::vector<std::string> many;
  for (int i = 0; i < 40; ++i) many.push_back(dns("n" + std::to_string(i) + ".example.com"));
  std::string p = subtrees(many);
  std::string san;
  for (int i = 0; i < 40; ++i) san += dns("x" + std::to_string(i) + ".other.com");
  Certificate ca, cert;
  ca.has_name_constraints = ca.has_permitted = true;
  ca.permitted = as_bytes(p);
  cert.subject = as_bytes(std::string("\x30\x00", 2));
  std::string empty_subject("\x30\x00", 2);
  cert.subject = as_bytes(empty_subject);
  cert.has_san = true;
  cert.san = as_bytes(san);
  size_t budget = 100;
  char why[160];
  EXPECT_EQ(check_name_constraints(ca, cert, budget, why, sizeof why),
            MK_ERR_CERT_NAME_CONSTRAINTS);
  budget = 10;
  EXPECT_EQ(check_name_constraints(ca, cert, budget, why, sizeof why), MK_ERR_CERT_TOO_COMPLEX);
}

}  // namespace
}  // namespace mk::x509
