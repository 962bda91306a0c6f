#include "load_generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace mk::bench {
namespace {

// wrk 4.1's report for a clean run.
const char* kCleanReport =
    "Running 3s test @ https://localhost:20001/small.html\n"
    "  1 threads and 8 connections\n"
    "  Thread Stats   Avg      Stdev     Max   +/- Stdev\n"
    "    Latency   620.12us  101.33us   3.10ms   90.00%\n"
    "    Req/Sec    12.91k   500.10    13.50k    70.00%\n"
    "  38512 requests in 3.00s, 44.21MB read\n"
    "Requests/sec:  12837.33\n"
    "Transfer/sec:     14.74MB\n";

TEST(WrkReport, RequestsPerSecondAndTheRequestCountAreRead) {
  LoadRun run;
  ASSERT_TRUE(parse_wrk_report(kCleanReport, &run));
  EXPECT_DOUBLE_EQ(run.requests_per_second, 12837.33);
  EXPECT_EQ(run.requests, 38512);
  EXPECT_EQ(run.error, "");
}

TEST(WrkReport, ResponsesThatAreNot2xxFailTheRun) {
  LoadRun run;
  ASSERT_TRUE(
      parse_wrk_report(std::string(kCleanReport) + "  Non-2xx or 3xx responses: 7\n", &run));
  EXPECT_EQ(run.error, "7 responses were not 2xx");
}

TEST(WrkReport, SocketErrorsOverOnePercentFailTheRunButAFewAtTheEndDoNot) {
  LoadRun few, many;
  ASSERT_TRUE(parse_wrk_report(
      std::string(kCleanReport) + "  Socket errors: connect 0, read 8, write 0, timeout 0\n",
      &few));
  EXPECT_EQ(few.error, "");
  ASSERT_TRUE(parse_wrk_report(
      std::string(kCleanReport) + "  Socket errors: connect 0, read 400, write 0, timeout 0\n",
      &many));
  EXPECT_EQ(many.error, "Socket errors: connect 0, read 400, write 0, timeout 0");
}

TEST(WrkReport, AReportWithoutFiguresIsRefused) {
  LoadRun run;
  EXPECT_FALSE(parse_wrk_report("unable to connect to localhost:20001 Connection refused\n", &run));
}

TEST(ProcessCpu, ThisProcessHasUsedSomeCpuAndAMissingOneNone) {
  EXPECT_GE(process_cpu_seconds(getpid()), 0);
  EXPECT_LT(process_cpu_seconds(-1), 0);
}

}  // namespace
}  // namespace mk::bench
