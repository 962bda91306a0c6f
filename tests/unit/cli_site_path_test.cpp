// Request targets to files under the served directory, and every way out refused.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <string>

#include "site_path.h"

namespace mk::cli {
namespace {

// A scratch tree: <base>/site/{index.html, a.txt, sub/index.html, link-out -> ../secret.txt,
// link-in -> a.txt, empty/}, and <base>/secret.txt outside the site.
class CliSitePath : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/meerkat-site-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    char real[PATH_MAX];
    ASSERT_NE(::realpath(tmpl, real), nullptr);
    base_ = real;
    root_ = base_ + "/site";
    ASSERT_EQ(::mkdir(root_.c_str(), 0755), 0);
    ASSERT_EQ(::mkdir((root_ + "/sub").c_str(), 0755), 0);
    ASSERT_EQ(::mkdir((root_ + "/empty").c_str(), 0755), 0);
    write(root_ + "/index.html");
    write(root_ + "/a.txt");
    write(root_ + "/sub/index.html");
    write(base_ + "/secret.txt");
    ASSERT_EQ(::symlink("../secret.txt", (root_ + "/link-out").c_str()), 0);
    ASSERT_EQ(::symlink("a.txt", (root_ + "/link-in").c_str()), 0);
  }
  void TearDown() override {
    std::string cmd = "rm -rf '" + base_ + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  static void write(const std::string& path) { std::ofstream(path) << "x"; }

  SiteLookup lookup(std::string_view target) { return resolve_site_path(root_, target, file_); }

  std::string base_, root_, file_;
};

TEST_F(CliSitePath, FindsAFileAndIgnoresTheQuery) {
  EXPECT_EQ(lookup("/a.txt?v=2"), SiteLookup::found);
  EXPECT_EQ(file_, root_ + "/a.txt");
}

TEST_F(CliSitePath, DirectoryServesItsIndex) {
  EXPECT_EQ(lookup("/"), SiteLookup::found);
  EXPECT_EQ(file_, root_ + "/index.html");
  EXPECT_EQ(lookup("/sub"), SiteLookup::found);
  EXPECT_EQ(file_, root_ + "/sub/index.html");
}

TEST_F(CliSitePath, DecodesPercentEscapes) {
  EXPECT_EQ(lookup("/%61.txt"), SiteLookup::found);
  EXPECT_EQ(file_, root_ + "/a.txt");
}

TEST_F(CliSitePath, MissingFileIsNotFound) {
  EXPECT_EQ(lookup("/nope.html"), SiteLookup::not_found);
}

TEST_F(CliSitePath, DirectoryWithoutIndexIsNotFound) {
  EXPECT_EQ(lookup("/empty/"), SiteLookup::not_found);
}

TEST_F(CliSitePath, DotDotSegmentIsForbidden) {
  EXPECT_EQ(lookup("/../secret.txt"), SiteLookup::forbidden);
  EXPECT_EQ(lookup("/sub/../../secret.txt"), SiteLookup::forbidden);
}

TEST_F(CliSitePath, EncodedDotDotIsForbidden) {
  EXPECT_EQ(lookup("/%2e%2e/secret.txt"), SiteLookup::forbidden);
  EXPECT_EQ(lookup("/sub%2f..%2f..%2fsecret.txt"), SiteLookup::forbidden);
}

TEST_F(CliSitePath, SymlinkLeavingTheRootIsForbidden) {
  EXPECT_EQ(lookup("/link-out"), SiteLookup::forbidden);
}

TEST_F(CliSitePath, SymlinkInsideTheRootIsFollowed) {
  EXPECT_EQ(lookup("/link-in"), SiteLookup::found);
  EXPECT_EQ(file_, root_ + "/a.txt");
}

TEST_F(CliSitePath, EncodedNulAndBadEscapesAreBadRequests) {
  EXPECT_EQ(lookup("/a.txt%00.html"), SiteLookup::bad_request);
  EXPECT_EQ(lookup("/a%2"), SiteLookup::bad_request);
  EXPECT_EQ(lookup("/a%zz"), SiteLookup::bad_request);
}

TEST(CliPercentDecode, DecodesEscapesAndLeavesPlusAlone) {
  std::string out;
  ASSERT_TRUE(percent_decode("/a%20b+c%2F", out));
  EXPECT_EQ(out, "/a b+c/");
}

}  // namespace
}  // namespace mk::cli
