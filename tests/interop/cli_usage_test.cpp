// The CLI's command line: help for each command, and usage errors (exit 2).
#include <gtest/gtest.h>

#include "interop.h"

namespace mk::test {
namespace {

TEST(CliUsage, HelpForEachCommandDescribesItsOptions) {
  struct {
    const char* command;
    const char* usage_line;
    const char* an_option;
  } cases[] = {
      {"serve", "usage: meerkat serve [--port N]", "--handshake-timeout"},
      {"get", "usage: meerkat get URL", "--servername NAME"},
      {"verify", "usage: meerkat verify --ca CA.pem", "--max-depth N"},
  };
  for (const auto& c : cases) {
    Finished f = run({kCli, c.command, "--help"});
    EXPECT_EQ(f.status, 0) << c.command;
    EXPECT_TRUE(f.out.starts_with(c.usage_line)) << f.out;
    EXPECT_NE(f.out.find(c.an_option), std::string::npos) << f.out;
  }
}

TEST(CliUsage, TopLevelHelpListsTheCommands) {
  Finished f = run({kCli, "--help"});
  EXPECT_EQ(f.status, 0);
  EXPECT_NE(f.out.find("  serve "), std::string::npos);
  EXPECT_NE(f.out.find("  get "), std::string::npos);
  EXPECT_NE(f.out.find("  verify "), std::string::npos);
}

TEST(CliUsage, UnknownCommandIsAUsageError) {
  Finished f = run({kCli, "fetch"});
  EXPECT_EQ(f.status, 2);
  EXPECT_TRUE(f.err.starts_with("meerkat: unknown command fetch\n")) << f.err;
}

TEST(CliUsage, UnknownOptionIsAUsageError) {
  Finished f = run({kCli, "get", "https://localhost/", "--colour"});
  EXPECT_EQ(f.status, 2);
  EXPECT_EQ(f.err, "meerkat get: unknown option --colour\n(see meerkat get --help)\n");
}

TEST(CliUsage, NonHttpsUrlIsAUsageError) {
  Finished f = run({kCli, "get", "http://localhost/"});
  EXPECT_EQ(f.status, 2);
  EXPECT_EQ(f.err, "meerkat get: URL must start with https://\n(see meerkat get --help)\n");
}

TEST(CliUsage, UnknownGroupIsNamed) {
  Finished f = run({kCli, "get", "https://localhost/", "--groups", "x448"});
  EXPECT_EQ(f.status, 2);
  EXPECT_EQ(f.err, "meerkat get: unknown group x448\n(see meerkat get --help)\n");
}

TEST(CliUsage, ServeRefusesAMissingDirectory) {
  Finished f = run({kCli, "serve", "--dir", "/nonexistent/site"});
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.err, "meerkat serve: cannot serve /nonexistent/site: not a directory\n");
}

}  // namespace
}  // namespace mk::test
