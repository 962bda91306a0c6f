// The process RNG and the implementation report.
#include <gtest/gtest.h>

#include <string>

#include "bytes_hex.h"
#include "crypto/provider.h"

namespace mk::crypto {
namespace {

using test::to_hex;

TEST(CryptoRng, SystemRngFillsAndDoesNotRepeat) {
  uint8_t a[32] = {}, b[32] = {};
  ASSERT_EQ(system_rng().fill(ByteSpan(a)), MK_OK);
  ASSERT_EQ(system_rng().fill(ByteSpan(b)), MK_OK);
  EXPECT_NE(to_hex(ByteView(a)), to_hex(ByteView(b)));
  EXPECT_NE(to_hex(ByteView(a)), std::string(64, '0'));
}

TEST(CryptoImplementation, SummaryNamesTheChosenPrimitives) {
  std::string s = implementation_summary();
  EXPECT_NE(s.find("aes_"), std::string::npos) << s;
  EXPECT_NE(s.find("ghash_"), std::string::npos) << s;
  EXPECT_NE(s.find("rsa_"), std::string::npos) << s;
}

}  // namespace
}  // namespace mk::crypto
