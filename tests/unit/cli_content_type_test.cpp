// Content-Type by file name extension.
#include <gtest/gtest.h>

#include "content_type.h"

namespace mk::cli {
namespace {

TEST(CliContentType, HtmlIsUtf8Html) {
  EXPECT_EQ(content_type_for("/srv/site/index.html"), "text/html; charset=utf-8");
}

TEST(CliContentType, ExtensionMatchesCaseInsensitively) {
  EXPECT_EQ(content_type_for("/srv/LOGO.PNG"), "image/png");
}

TEST(CliContentType, UnknownOrMissingExtensionIsOctetStream) {
  EXPECT_EQ(content_type_for("/srv/data.bin"), "application/octet-stream");
  EXPECT_EQ(content_type_for("/srv/Makefile"), "application/octet-stream");
  EXPECT_EQ(content_type_for("/srv/.bashrc"), "application/octet-stream");
  EXPECT_EQ(content_type_for("/srv.d/README"), "application/octet-stream");
}

}  // namespace
}  // namespace mk::cli
