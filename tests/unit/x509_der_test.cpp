// The strict DER reader: what DER allows, and each thing BER allows that DER does not.
#include <gtest/gtest.h>

#include "bytes_hex.h"
#include "testdata.h"
#include "x509/der.h"

namespace mk::x509::der {
namespace {

using test::Bytes;
using test::from_hex;

// Read one element of the given tag from hex; the fault (none on success).
Fault read_fault(const std::string& hex, uint8_t tag) {
  Bytes b = from_hex(hex);
  Fault f = Fault::none;
  Parser p(b, f);
  p.read(tag);
  p.expect_end();
  return f;
}

TEST(X509Der, ShortAndLongFormLengthsAreRead) {
  Bytes b = from_hex("0403aabbcc");
  Fault f = Fault::none;
  Parser p(b, f);
  EXPECT_EQ(test::to_hex(p.read(kOctetString)), "aabbcc");
  EXPECT_TRUE(p.expect_end());
  Bytes long_form(3 + 200, 0x11);
  long_form[0] = 0x04;
  long_form[1] = 0x81;
  long_form[2] = 200;
  Parser q(long_form, f);
  EXPECT_EQ(q.read(kOctetString).size(), 200u);
  EXPECT_EQ(f, Fault::none);
}

TEST(X509Der, LengthPastTheEndIsRefused) {
  EXPECT_EQ(read_fault("0405aabbcc", kOctetString), Fault::length_past_end);
  EXPECT_STREQ(fault_text(Fault::length_past_end), "DER length runs past the end");
}

TEST(X509Der, NonMinimalLengthsAreRefused) {
  EXPECT_EQ(read_fault("048103aabbcc", kOctetString), Fault::non_minimal_length);
  EXPECT_EQ(read_fault("04820003aabbcc", kOctetString), Fault::non_minimal_length);
}

TEST(X509Der, IndefiniteLengthIsRefused) {
  EXPECT_EQ(read_fault("30800000", kSequence), Fault::indefinite_length);
}

TEST(X509Der, LengthsOfMoreThanFourOctetsAreRefused) {
  EXPECT_EQ(read_fault("0485010000000000", kOctetString), Fault::length_too_large);
}

TEST(X509Der, HighTagNumbersAreRefused) {
  EXPECT_EQ(read_fault("1f2100", 0x1f), Fault::high_tag_number);
}

TEST(X509Der, WrongTagIsRefused) {
  EXPECT_EQ(read_fault("0401aa", kInteger), Fault::unexpected_tag);
  // A constructed OCTET STRING is BER only.
  EXPECT_EQ(read_fault("2403040100", kOctetString), Fault::unexpected_tag);
}

TEST(X509Der, TrailingBytesAreRefused) {
  EXPECT_EQ(read_fault("0401aa00", kOctetString), Fault::trailing_bytes);
}

TEST(X509Der, TruncatedHeaderIsRefused) {
  EXPECT_EQ(read_fault("04", kOctetString), Fault::truncated);
  EXPECT_EQ(read_fault("", kOctetString), Fault::truncated);
}

TEST(X509Der, FirstFaultStopsEveryParserOfTheParse) {
  Bytes b = from_hex(
      "3003"
      "0405aa"
      "0401bb");
  Fault f = Fault::none;
  Parser outer(b, f);
  Parser inner = outer.nested(kSequence);
  inner.read(kOctetString);
  EXPECT_FALSE(outer.ok());
  EXPECT_TRUE(outer.empty());
  EXPECT_EQ(f, Fault::length_past_end);
}

TEST(X509Der, BooleansAreFfOrZeroOnly) {
  Bytes t = from_hex("0101ff"), z = from_hex("010100"), bad = from_hex("010101"),
        wide = from_hex("0102ffff");
  Fault f = Fault::none;
  EXPECT_TRUE(Parser(t, f).boolean());
  EXPECT_FALSE(Parser(z, f).boolean());
  EXPECT_EQ(f, Fault::none);
  Parser(bad, f).boolean();
  EXPECT_EQ(f, Fault::bad_boolean);
  f = Fault::none;
  Parser(wide, f).boolean();
  EXPECT_EQ(f, Fault::bad_boolean);
}

TEST(X509Der, IntegersMustBeMinimal) {
  Fault f = Fault::none;
  Bytes padded = from_hex("02020001"), negative_padded = from_hex("0202ff80"),
        empty = from_hex("0200");
  Parser(padded, f).integer();
  EXPECT_EQ(f, Fault::bad_integer);
  f = Fault::none;
  Parser(negative_padded, f).integer();
  EXPECT_EQ(f, Fault::bad_integer);
  f = Fault::none;
  Parser(empty, f).integer();
  EXPECT_EQ(f, Fault::bad_integer);
  f = Fault::none;
  Bytes sign_octet = from_hex("02020080");
  EXPECT_EQ(test::to_hex(Parser(sign_octet, f).integer()), "0080");
  EXPECT_EQ(f, Fault::none);
}

TEST(X509Der, SmallUnsignedRefusesNegativeAndLarge) {
  Fault f = Fault::none;
  Bytes v = from_hex("020102"), neg = from_hex("0201ff"), big = from_hex("02050080000000");
  EXPECT_EQ(Parser(v, f).small_unsigned(), 2);
  Parser(neg, f).small_unsigned();
  EXPECT_EQ(f, Fault::negative_integer);
  f = Fault::none;
  Parser(big, f).small_unsigned();
  EXPECT_EQ(f, Fault::integer_too_large);
}

TEST(X509Der, PositiveIntegerDropsTheSignOctetAndRefusesZero) {
  Fault f = Fault::none;
  Bytes v = from_hex("02030080ff"), zero = from_hex("020100");
  EXPECT_EQ(test::to_hex(Parser(v, f).positive_integer()), "80ff");
  Parser(zero, f).positive_integer();
  EXPECT_EQ(f, Fault::bad_integer);
}

TEST(X509Der, ObjectIdentifiersMustBeMinimalAndComplete) {
  Fault f = Fault::none;
  Bytes good = from_hex("0603551d13"), padded = from_hex("060455801d13");
  EXPECT_EQ(test::to_hex(Parser(good, f).oid()), "551d13");
  Parser(padded, f).oid();
  EXPECT_EQ(f, Fault::bad_oid);
  f = Fault::none;
  Bytes unfinished = from_hex("0603551d81");
  Parser(unfinished, f).oid();
  EXPECT_EQ(f, Fault::bad_oid);
}

TEST(X509Der, OidTextIsDottedDecimal) {
  char text[64];
  format_oid(from_hex("2b0601040182da1301"), text, sizeof text);
  EXPECT_STREQ(text, "1.3.6.1.4.1.44307.1");
  format_oid(from_hex("551d13"), text, sizeof text);
  EXPECT_STREQ(text, "2.5.29.19");
}

TEST(X509Der, BitStringOctetsNeedZeroUnusedBits) {
  Fault f = Fault::none;
  Bytes good = from_hex("030300abcd"), unused = from_hex("030301abcc");
  EXPECT_EQ(test::to_hex(Parser(good, f).bit_string_octets()), "abcd");
  Parser(unused, f).bit_string_octets();
  EXPECT_EQ(f, Fault::bad_bit_string);
}

TEST(X509Der, NamedBitsAreReadFromTheFirstBit) {
  Fault f = Fault::none;
  Bytes ku = from_hex("03020106");  // keyCertSign (5) and cRLSign (6): 0000011, 1 unused
  EXPECT_EQ(Parser(ku, f).named_bits(), (1u << 5) | (1u << 6));
  Bytes ds = from_hex("03020780");  // digitalSignature alone
  EXPECT_EQ(Parser(ds, f).named_bits(), 1u);
  Bytes two = from_hex("0303070080");  // decipherOnly (8)
  EXPECT_EQ(Parser(two, f).named_bits(), 1u << 8);
  EXPECT_EQ(f, Fault::none);
}

TEST(X509Der, NamedBitsWithSetUnusedBitsAreRefused) {
  Fault f = Fault::none;
  Bytes set_unused = from_hex("03020781");
  Parser(set_unused, f).named_bits();
  EXPECT_EQ(f, Fault::bad_bit_string);
  f = Fault::none;
  Bytes too_many_unused = from_hex("03020880");
  Parser(too_many_unused, f).named_bits();
  EXPECT_EQ(f, Fault::bad_bit_string);
}

TEST(X509Der, NamedBitsWithTrailingZeroBitsAreTolerated) {
  Fault f = Fault::none;
  Bytes trustwave_ku = from_hex("0303070600");  // as a root in Debian's bundle writes it
  EXPECT_EQ(Parser(trustwave_ku, f).named_bits(), (1u << 5) | (1u << 6));
  EXPECT_EQ(f, Fault::none);
}

int64_t time_of(const std::string& hex, Fault& f) {
  Bytes b = from_hex(hex);
  f = Fault::none;
  return Parser(b, f).time();
}

// A UTCTime (tag 17) or GeneralizedTime (tag 18) element holding text.
std::string time_element(uint8_t tag, const std::string& text) {
  char head[8];
  std::snprintf(head, sizeof head, "%02x%02zx", tag, text.size());
  return head + test::hex(text);
}

TEST(X509Der, UtcTimeIsSecondsSince1970) {
  Fault f;
  EXPECT_EQ(time_of(time_element(kUtcTime, "700101000000Z"), f), 0);
  EXPECT_EQ(time_of(time_element(kUtcTime, "240229235959Z"), f), 1709251199);
  EXPECT_EQ(time_of(time_element(kUtcTime, "491231235959Z"), f), 2524607999);
  EXPECT_EQ(time_of(time_element(kUtcTime, "500101000000Z"), f), -631152000);  // 1950
  EXPECT_EQ(f, Fault::none);
}

TEST(X509Der, GeneralizedTimeIsSecondsSince1970) {
  Fault f;
  EXPECT_EQ(time_of(time_element(kGeneralizedTime, "20500101000000Z"), f), 2524608000);
  EXPECT_EQ(time_of(time_element(kGeneralizedTime, "99991231235959Z"), f), 253402300799);
  // Before 2050 RFC 5280 asks CAs for UTCTime, but deployed roots use both.
  EXPECT_EQ(time_of(time_element(kGeneralizedTime, "20111006083956Z"), f), 1317890396);
  EXPECT_EQ(f, Fault::none);
}

TEST(X509Der, InvalidTimesAreRefused) {
  for (const char* text : {"240230000000Z", "230229000000Z", "241301000000Z", "240101240000Z",
                           "240101006000Z", "240101000060Z", "2401010000Z", "240101000000",
                           "240101000000+0000", "2401010000000Z", "24010100000aZ"}) {
    Fault f;
    time_of(time_element(kUtcTime, text), f);
    EXPECT_EQ(f, Fault::bad_time) << text;
  }
  for (const char* text : {"20500101000000.5Z", "20500101000000", "205001010000Z"}) {
    Fault f;
    time_of(time_element(kGeneralizedTime, text), f);
    EXPECT_EQ(f, Fault::bad_time) << text;
  }
}

TEST(X509Der, LeapYearsFollowTheGregorianRules) {
  Fault f;
  EXPECT_EQ(time_of(time_element(kGeneralizedTime, "21000228000000Z"), f) + 86400,
            time_of(time_element(kGeneralizedTime, "21000301000000Z"), f));
  EXPECT_EQ(f, Fault::none);
  time_of(time_element(kGeneralizedTime, "21000229000000Z"), f);
  EXPECT_EQ(f, Fault::bad_time);
  time_of(time_element(kUtcTime, "000229000000Z"), f);  // 2000 is a leap year
  EXPECT_EQ(f, Fault::none);
}

TEST(X509Der, DatesAreFormattedInUtc) {
  char text[40];
  format_date(1704067200, false, text, sizeof text);
  EXPECT_STREQ(text, "2024-01-01");
  format_date(1709251199, true, text, sizeof text);
  EXPECT_STREQ(text, "2024-02-29 23:59:59 UTC");
  format_date(-631152000, false, text, sizeof text);
  EXPECT_STREQ(text, "1950-01-01");
}

}  // namespace
}  // namespace mk::x509::der
