// Finding the bundled demo certificate without --cert.
#include <gtest/gtest.h>

#include <algorithm>

#include "demo_certs.h"

namespace mk::cli {
namespace {

TEST(CliDemoCerts, SearchesTheWorkingDirectoryFirstThenTheSourceTree) {
  std::vector<std::string> dirs = demo_cert_dirs();
  ASSERT_GE(dirs.size(), 2u);
  EXPECT_EQ(dirs[0], "certs/demo");
  EXPECT_EQ(dirs[1], std::string(MEERKAT_SOURCE_DIR) + "/certs/demo");
}

TEST(CliDemoCerts, FindsTheChainAndKeyOfTheSourceTree) {
  std::string chain, key;
  ASSERT_TRUE(find_demo_certs(chain, key));
  EXPECT_TRUE(chain.ends_with("certs/demo/chain.pem")) << chain;
  EXPECT_TRUE(key.ends_with("certs/demo/key.pem")) << key;
}

}  // namespace
}  // namespace mk::cli
