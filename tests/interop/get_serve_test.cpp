// Meerkat against itself: `meerkat get` fetching from `meerkat serve`.
#include <gtest/gtest.h>

#include <random>

#include "interop.h"

namespace mk::test {
namespace {

class GetFromMeerkatServe : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.start(site_.dir.path(), {})) << server_.proc().output();
  }
  Finished get(const std::string& path, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {kCli, "get", server_.url(path), "--ca",
                                     source_path("certs/demo/ca.pem")};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run(argv);
  }
  Site site_;
  MeerkatServer server_;
};

TEST_F(GetFromMeerkatServe, PrintsThePage) {
  Finished f = get("/");
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out, kIndexHtml);
  EXPECT_EQ(f.err, "");
}

TEST_F(GetFromMeerkatServe, WritesALargeBodyToTheOutputFile) {
  std::mt19937 rng(7);
  std::string big(2 * 1024 * 1024 + 3, '\0');
  for (char& c : big) c = static_cast<char>(rng());
  site_.dir.write("big.bin", big);
  TempDir out;
  Finished f = get("/big.bin", {"-o", out.path() + "/big.bin"});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out, "");
  EXPECT_TRUE(read_file(out.path() + "/big.bin") == big);
}

TEST_F(GetFromMeerkatServe, MissingFileExitsWithTheStatus) {
  Finished f = get("/nope.html");
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.out, "404 Not Found\n");
  EXPECT_EQ(f.err, "server answered 404 Not Found\n");
}

TEST_F(GetFromMeerkatServe, IpAddressUrlIsVerifiedAgainstTheIpSan) {
  Finished f = run({kCli, "get", "https://127.0.0.1:" + std::to_string(server_.port()) + "/",
                    "--ca", source_path("certs/demo/ca.pem")});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out, kIndexHtml);
}

}  // namespace
}  // namespace mk::test
