// Matching a requested name against a certificate's names: DNS names with their
// wildcard rules, IP addresses in their text forms, and the public suffix list.
#include <gtest/gtest.h>

#include "bytes_hex.h"
#include "x509/name_match.h"
#include "x509/public_suffix.h"

namespace mk::x509 {
namespace {

std::string ip_hex(const char* text) {
  uint8_t ip[16];
  size_t len = 0;
  if (!parse_ip_address(text, ip, len)) return "invalid";
  return test::to_hex(ByteView(ip, len));
}

std::string ip_text(const std::string& hex) {
  char out[48];
  test::Bytes b = test::from_hex(hex);
  format_ip(b, out, sizeof out);
  return out;
}

TEST(X509NameMatch, Ipv4DottedQuadsAreParsedStrictly) {
  EXPECT_EQ(ip_hex("192.0.2.1"), "c0000201");
  EXPECT_EQ(ip_hex("0.0.0.0"), "00000000");
  EXPECT_EQ(ip_hex("255.255.255.255"), "ffffffff");
  for (const char* bad : {"192.0.2", "192.0.2.1.5", "192.0.2.256", "192.168.001.001", "0xC0.0.2.1",
                          "192.0.2.", ".192.0.2.1", "192..2.1", "1 2.0.2.1"})
    EXPECT_EQ(ip_hex(bad), "invalid") << bad;
}

TEST(X509NameMatch, Ipv6TextFormsAreParsed) {
  EXPECT_EQ(ip_hex("2001:db8::1"), "20010db8000000000000000000000001");
  EXPECT_EQ(ip_hex("2001:DB8:0:0:0:0:0:1"), "20010db8000000000000000000000001");
  EXPECT_EQ(ip_hex("::"), "00000000000000000000000000000000");
  EXPECT_EQ(ip_hex("::1"), "00000000000000000000000000000001");
  EXPECT_EQ(ip_hex("fe80::"), "fe800000000000000000000000000000");
  EXPECT_EQ(ip_hex("::ffff:192.0.2.1"), "00000000000000000000ffffc0000201");
  for (const char* bad :
       {"2001:db8::1::2", "2001:db8:1", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "2001:db8::g",
        "12345::", "1:2:3:4:5:6:7:", "fe80::1%eth0", "1:2:3:4:5:6:7:1.2.3.4"})
    EXPECT_EQ(ip_hex(bad), "invalid") << bad;
}

TEST(X509NameMatch, Ipv6IsFormattedAsRfc5952) {
  EXPECT_EQ(ip_text("20010db8000000000000000000000001"), "2001:db8::1");
  EXPECT_EQ(ip_text("20010db8000000010000000000000001"), "2001:db8:0:1::1");
  EXPECT_EQ(ip_text("20010db8000000000001000000000001"), "2001:db8::1:0:0:1");
  EXPECT_EQ(ip_text("00000000000000000000000000000000"), "::");
  EXPECT_EQ(ip_text("20010db8000100010001000100010001"), "2001:db8:1:1:1:1:1:1");
  EXPECT_EQ(ip_text("c0000201"), "192.0.2.1");
}

TEST(X509NameMatch, ExactNamesMatchIgnoringCaseAndOneTrailingDot) {
  EXPECT_TRUE(dns_name_matches("www.example.com", "www.example.com"));
  EXPECT_TRUE(dns_name_matches("WWW.Example.com", "www.EXAMPLE.com"));
  EXPECT_TRUE(dns_name_matches("www.example.com", "www.example.com."));
  EXPECT_TRUE(dns_name_matches("www.example.com.", "www.example.com"));
  EXPECT_FALSE(dns_name_matches("www.example.com", "example.com"));
  EXPECT_FALSE(dns_name_matches("example.com", "www.example.com"));
  EXPECT_FALSE(dns_name_matches("www.example.com", "www.example.com.."));
}

TEST(X509NameMatch, WildcardCoversExactlyOneLeftMostLabel) {
  EXPECT_TRUE(dns_name_matches("*.example.com", "www.example.com"));
  EXPECT_TRUE(dns_name_matches("*.example.com", "WWW.EXAMPLE.COM"));
  EXPECT_FALSE(dns_name_matches("*.example.com", "example.com"));
  EXPECT_FALSE(dns_name_matches("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(dns_name_matches("*.example.com", ".example.com"));
}

TEST(X509NameMatch, PartialAndNonLeftMostWildcardsNeverMatch) {
  EXPECT_FALSE(dns_name_matches("w*.example.com", "www.example.com"));
  EXPECT_FALSE(dns_name_matches("*w.example.com", "www.example.com"));
  EXPECT_FALSE(dns_name_matches("www.*.com", "www.example.com"));
  EXPECT_FALSE(dns_name_matches("*.*.example.com", "a.b.example.com"));
  EXPECT_FALSE(dns_name_matches("*", "com"));
}

TEST(X509NameMatch, WildcardsOverPublicSuffixesNeverMatch) {
  EXPECT_FALSE(dns_name_matches("*.com", "example.com"));
  EXPECT_FALSE(dns_name_matches("*.co.uk", "example.co.uk"));
  EXPECT_FALSE(dns_name_matches("*.s3.amazonaws.com", "bucket.s3.amazonaws.com"));
  EXPECT_TRUE(dns_name_matches("*.example.co.uk", "www.example.co.uk"));
}

TEST(X509NameMatch, WildcardIsNotAnIpAddress) {
  ReferenceName ref;
  ASSERT_TRUE(parse_reference_name("192.0.2.1", ref));
  EXPECT_TRUE(ref.is_ip);
  EXPECT_FALSE(dns_name_matches("*.0.2.1", "192.0.2.1"));
  EXPECT_FALSE(valid_dns_name("192.0.2.1", false));
}

TEST(X509NameMatch, PublicSuffixListRules) {
  EXPECT_TRUE(is_public_suffix("com"));
  EXPECT_TRUE(is_public_suffix("localhost"));  // every single label
  EXPECT_TRUE(is_public_suffix("co.uk"));
  EXPECT_TRUE(is_public_suffix("s3.amazonaws.com"));
  EXPECT_TRUE(is_public_suffix("anything.ck"));  // *.ck
  EXPECT_FALSE(is_public_suffix("www.ck"));      // !www.ck
  EXPECT_FALSE(is_public_suffix("example.com"));
  EXPECT_FALSE(is_public_suffix("example.co.uk"));
}

TEST(X509NameMatch, DnsNameSyntax) {
  EXPECT_TRUE(valid_dns_name("example.com", false));
  EXPECT_TRUE(valid_dns_name("localhost", false));
  EXPECT_TRUE(valid_dns_name("_service.example.com", false));
  EXPECT_TRUE(valid_dns_name("xn--n3h.example", false));
  EXPECT_TRUE(valid_dns_name("*.example.com", true));
  EXPECT_FALSE(valid_dns_name("*.example.com", false));
  EXPECT_FALSE(valid_dns_name("*.com", true));
  EXPECT_FALSE(valid_dns_name("-a.example.com", false));
  EXPECT_FALSE(valid_dns_name("a-.example.com", false));
  EXPECT_FALSE(valid_dns_name("a..example.com", false));
  EXPECT_FALSE(valid_dns_name("", false));
  EXPECT_FALSE(valid_dns_name(".", false));
  EXPECT_FALSE(valid_dns_name("exa mple.com", false));
  EXPECT_FALSE(valid_dns_name("example.123", false));
  EXPECT_TRUE(valid_dns_name("123.example", false));
  EXPECT_FALSE(valid_dns_name(std::string(64, 'a') + ".com", false));
  EXPECT_TRUE(valid_dns_name(std::string(63, 'a') + ".com", false));
}

TEST(X509NameMatch, ReferenceNamesAreLowerCasedWithoutTrailingDot) {
  ReferenceName ref;
  ASSERT_TRUE(parse_reference_name("WWW.Example.COM.", ref));
  EXPECT_FALSE(ref.is_ip);
  EXPECT_EQ(ref.dns_name(), "www.example.com");
  ASSERT_TRUE(parse_reference_name("2001:db8::1", ref));
  EXPECT_TRUE(ref.is_ip);
  EXPECT_EQ(ref.ip_len, 16u);
  EXPECT_FALSE(parse_reference_name("www..example.com", ref));
  EXPECT_FALSE(parse_reference_name("*.example.com", ref));
}

}  // namespace
}  // namespace mk::x509
