// The CLI's option parser: what each subcommand accepts and how it refuses the rest.
#include <gtest/gtest.h>

#include <vector>

#include "args.h"

namespace mk::cli {
namespace {

constexpr OptionSpec kSpecs[] = {
    {"--port", "", true},
    {"--output", "-o", true},
    {"--verbose", "-v", false},
};

bool parse(Args& args, std::vector<const char*> argv) {
  return args.parse(kSpecs, argv);
}

TEST(CliArgs, ReadsValueFromNextArgument) {
  Args a;
  ASSERT_TRUE(parse(a, {"--port", "8443"}));
  EXPECT_EQ(a.value("--port"), "8443");
}

TEST(CliArgs, ReadsValueAfterEqualsSign) {
  Args a;
  ASSERT_TRUE(parse(a, {"--port=9000"}));
  EXPECT_EQ(a.value("--port"), "9000");
}

TEST(CliArgs, ShortNameSetsTheLongOption) {
  Args a;
  ASSERT_TRUE(parse(a, {"-o", "out.html", "-v"}));
  EXPECT_EQ(a.value("--output"), "out.html");
  EXPECT_TRUE(a.has("--verbose"));
}

TEST(CliArgs, AbsentOptionGivesTheFallback) {
  Args a;
  ASSERT_TRUE(parse(a, {}));
  EXPECT_FALSE(a.has("--port"));
  EXPECT_EQ(a.value("--port", "8443"), "8443");
}

TEST(CliArgs, KeepsPositionalArgumentsInOrder) {
  Args a;
  ASSERT_TRUE(parse(a, {"first", "-v", "second"}));
  EXPECT_EQ(a.positional(), (std::vector<std::string>{"first", "second"}));
}

TEST(CliArgs, DoubleDashEndsOptions) {
  Args a;
  ASSERT_TRUE(parse(a, {"--", "-v"}));
  EXPECT_FALSE(a.has("--verbose"));
  EXPECT_EQ(a.positional(), (std::vector<std::string>{"-v"}));
}

TEST(CliArgs, RefusesUnknownOption) {
  Args a;
  EXPECT_FALSE(parse(a, {"--colour"}));
  EXPECT_EQ(a.error(), "unknown option --colour");
}

TEST(CliArgs, RefusesOptionMissingItsValue) {
  Args a;
  EXPECT_FALSE(parse(a, {"--port"}));
  EXPECT_EQ(a.error(), "option --port needs a value");
}

TEST(CliArgs, RefusesValueOnAFlag) {
  Args a;
  EXPECT_FALSE(parse(a, {"--verbose=yes"}));
  EXPECT_EQ(a.error(), "option --verbose takes no value");
}

TEST(CliArgs, RefusesRepeatedOption) {
  Args a;
  EXPECT_FALSE(parse(a, {"--port", "1", "--port", "2"}));
  EXPECT_EQ(a.error(), "option --port given twice");
}

TEST(CliArgs, ParseIntAcceptsValueInRange) {
  int64_t v = 0;
  EXPECT_TRUE(parse_int("8443", 1, 65535, v));
  EXPECT_EQ(v, 8443);
}

TEST(CliArgs, ParseIntRefusesOutOfRangeAndJunk) {
  int64_t v = 7;
  EXPECT_FALSE(parse_int("65536", 1, 65535, v));
  EXPECT_FALSE(parse_int("12ab", 1, 65535, v));
  EXPECT_FALSE(parse_int("", 1, 65535, v));
  EXPECT_FALSE(parse_int(" 1", 1, 65535, v));
  EXPECT_EQ(v, 7);
}

TEST(CliArgs, SplitListAcceptsCommasColonsAndSpaces) {
  EXPECT_EQ(split_list("a, b:c,,"), (std::vector<std::string>{"a", "b", "c"}));
}

}  // namespace
}  // namespace mk::cli
