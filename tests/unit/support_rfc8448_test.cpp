// The RFC 8448 trace reader: values wrapped over lines and pages, checked counts.
#include <gtest/gtest.h>

#include "rfc8448.h"

namespace mk::test {
namespace {

constexpr const char* kTwoSteps =
    "3.  Simple 1-RTT Handshake\n"
    "\n"
    "   {server}  derive secret \"tls13 c hs traffic\":\n"
    "\n"
    "      PRK (4 octets):  01 02\n"
    "         03 04\n"
    "\n"
    "\n"
    "Thomson                  Expires March 31, 2019                 [Page 3]\n"
    "\f\n"
    "Internet-Draft               TLS 1.3 Traces               September 2018\n"
    "\n"
    "      hash (0 octets):  (empty)\n"
    "\n"
    "   {client}  extract secret \"handshake\" (same as server handshake\n"
    "      secret)\n"
    "\n"
    "   {client}  derive secret \"tls13 c hs traffic\":\n"
    "\n"
    "      PRK (2 octets):  0a 0b\n";

TEST(Rfc8448Trace, JoinsValuesAcrossLinesAndPageBreaks) {
  std::string error;
  auto trace = Rfc8448Trace::parse(kTwoSteps, &error);
  ASSERT_TRUE(trace) << error;
  EXPECT_EQ(to_hex(trace->value(3, "server", "derive secret", "PRK")), "01020304");
}

TEST(Rfc8448Trace, ReadsEmptyValues) {
  auto trace = Rfc8448Trace::parse(kTwoSteps, nullptr);
  ASSERT_TRUE(trace);
  const Bytes* hash = trace->steps()[0].value("hash");
  ASSERT_NE(hash, nullptr);
  EXPECT_TRUE(hash->empty());
}

TEST(Rfc8448Trace, JoinsStepTitlesWrappedOntoTwoLines) {
  auto trace = Rfc8448Trace::parse(kTwoSteps, nullptr);
  ASSERT_TRUE(trace);
  ASSERT_EQ(trace->steps().size(), 3u);
  EXPECT_EQ(trace->steps()[1].action,
            "extract secret \"handshake\" (same as server handshake secret)");
}

TEST(Rfc8448Trace, SelectsStepsByActorSectionAndOrder) {
  auto trace = Rfc8448Trace::parse(kTwoSteps, nullptr);
  ASSERT_TRUE(trace);
  EXPECT_EQ(to_hex(trace->value(3, "client", "derive secret", "PRK")), "0a0b");
  EXPECT_EQ(trace->steps()[2].section, 3);
}

TEST(Rfc8448Trace, RefusesAValueShorterThanItsOctetCount) {
  std::string error;
  auto trace = Rfc8448Trace::parse(
      "3.  Simple\n"
      "   {server}  derive secret:\n"
      "      PRK (3 octets):  01 02\n",
      &error);
  EXPECT_FALSE(trace);
  EXPECT_EQ(error, "line 3: octet count mismatch");
}

}  // namespace
}  // namespace mk::test
