// How many connections `meerkat serve` holds for a given open-file limit: two
// descriptors each (its socket, the file it sends) after 16 kept for the rest.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include "fd_limit.h"

namespace mk::cli {
namespace {

TEST(CliFdLimit, DebiansDefaultSoftLimitHolds504Connections) {
  EXPECT_EQ(max_connections_for(1024), 504u);
}

TEST(CliFdLimit, A20000LimitHolds9992Connections) {
  EXPECT_EQ(max_connections_for(20000), 9992u);
}

TEST(CliFdLimit, ALimitBelowTheReserveStillHoldsOneConnection) {
  EXPECT_EQ(max_connections_for(10), 1u);
  EXPECT_EQ(max_connections_for(0), 1u);
}

TEST(CliFdLimit, RaisingTheSoftLimitReachesTheHardLimit) {
  rlimit before{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &before), 0);
  size_t now = raise_fd_limit();
  rlimit after{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &after), 0);
  EXPECT_EQ(after.rlim_cur, after.rlim_max);
  EXPECT_EQ(now, static_cast<size_t>(after.rlim_cur));
  ::setrlimit(RLIMIT_NOFILE, &before);
}

}  // namespace
}  // namespace mk::cli
