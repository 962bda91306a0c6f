#include "report.h"

#include <gtest/gtest.h>

#include "report_json.h"
#include "report_table.h"

namespace mk::bench {
namespace {

Summary fixed_figure(double v) {
  return Summary{v, v, v, 1};
}

TEST(Report, AnEmptyReasonLeavesARowMeasured) {
  Row row = Row::meerkat_only("s", "m", Unit::bytes, fixed_figure(1)).missing_because("");
  EXPECT_EQ(row.meerkat_missing, "");
  EXPECT_EQ(row.openssl_missing, "");
}

TEST(Report, AtMostTargetIsMetAtTheLimitAndMissedAbove) {
  Row row = Row::meerkat_only("s", "overhead", Unit::times, fixed_figure(1.10));
  row.target = Target::at_most(1.10, "<= 1.10x");
  EXPECT_EQ(verdict(row), Verdict::met);
  row.meerkat = fixed_figure(1.11);
  EXPECT_EQ(verdict(row), Verdict::missed);
}

TEST(Report, AtLeastTargetIsMissedBelow) {
  Row row = Row::meerkat_only("s", "bulk", Unit::times, fixed_figure(0.89));
  row.target = Target::at_least(0.90, ">= 0.90x");
  EXPECT_EQ(verdict(row), Verdict::missed);
}

TEST(Report, BelowOpenSslTargetNeedsStrictlyLessThanOpenSsl) {
  Row row = Row::compare("s", "idle", Unit::bytes, fixed_figure(3000), fixed_figure(3000));
  row.target = Target::at_most(4096, "<= 4 KiB and < OpenSSL", true);
  EXPECT_EQ(verdict(row), Verdict::missed);
  row.openssl = fixed_figure(3001);
  EXPECT_EQ(verdict(row), Verdict::met);
}

TEST(Report, ATargetWithoutAFigureIsNotMeasured) {
  Row row = Row::meerkat_only("s", "overhead", Unit::times, {});
  row.target = Target::at_most(1.10, "<= 1.10x");
  EXPECT_EQ(verdict(row), Verdict::unmeasured);
}

TEST(Report, RowsMissingAFigureTheyNeedAreIncomplete) {
  Report report;
  report.add(Row::compare("s", "both", Unit::bytes, fixed_figure(1), fixed_figure(2)));
  report.add(Row::meerkat_only("s", "meerkat only", Unit::bytes, fixed_figure(1)));
  report.add(Row::compare("s", "openssl missing", Unit::bytes, fixed_figure(1), {}));
  report.add(Row::meerkat_only("s", "meerkat missing", Unit::bytes, {}));
  auto incomplete = report.incomplete_rows();
  ASSERT_EQ(incomplete.size(), 2u);
  EXPECT_EQ(incomplete[0]->measure, "openssl missing");
  EXPECT_EQ(incomplete[1]->measure, "meerkat missing");
}

TEST(ReportTable, FiguresShowTheRangeOnlyWhenRunsDisagree) {
  EXPECT_EQ(format_figure(Summary{812, 790, 850, 7}, Unit::microseconds), "812 [790..850]");
  EXPECT_EQ(format_figure(Summary{3912, 3912, 3912, 1}, Unit::bytes), "3,912");
  EXPECT_EQ(format_figure(Summary{1.07, 1.07, 1.07, 3}, Unit::times), "1.07");
  EXPECT_EQ(format_figure(Summary{}, Unit::times), "");
}

TEST(ReportTable, NumbersGetDigitsByMagnitude) {
  EXPECT_EQ(format_number(12345.6, Unit::per_second), "12,346");
  EXPECT_EQ(format_number(123.4, Unit::microseconds), "123");
  EXPECT_EQ(format_number(12.34, Unit::microseconds), "12.3");
  EXPECT_EQ(format_number(1.234, Unit::milliseconds), "1.23");
  EXPECT_EQ(format_number(58.27, Unit::kib), "58.3");
}

TEST(ReportTable, ARowShowsBothFiguresTheirRatioTheTargetAndTheVerdict) {
  Report report;
  report.set_header("title");
  report.add(Row::compare("Part", "idle bytes", Unit::bytes, fixed_figure(1000), fixed_figure(4000))
                 .aim(Target::at_most(4096, "<= 4 KiB", true)));
  EXPECT_EQ(render_table(report),
            "title\n"
            "measure       Meerkat  OpenSSL   M/O  target\n"
            "---------------------------------------------------\n"
            "\n"
            "Part\n"
            "  idle bytes    1,000    4,000  0.25  <= 4 KiB  met\n");
}

TEST(ReportTable, AMissingFigureSaysWhyInANumberedNoteSharedByRowsWithTheSameReason) {
  Report report;
  report.add(Row::compare("Part", "rate", Unit::per_second, {}, fixed_figure(5))
                 .missing_because("no engine"));
  report.add(Row::compare("Part", "cost", Unit::per_second, {}, {})
                 .missing_because("no engine", "wrk not installed"));
  std::string table = render_table(report);
  EXPECT_NE(table.find("\n  rate   n/a [1]     5.00\n"), std::string::npos) << table;
  EXPECT_NE(table.find("\n  cost   n/a [1]  n/a [2]\n"), std::string::npos) << table;
  EXPECT_NE(table.find("\n[1] Meerkat: no engine\n[2] OpenSSL: wrk not installed\n"),
            std::string::npos)
      << table;
}

TEST(ReportJson, ARowCarriesItsFiguresTargetAndVerdict) {
  Report report;
  report.set_header("h");
  report.add(Row::meerkat_only("Part", "overhead", Unit::times, Summary{1.2, 1.1, 1.3, 3})
                 .aim(Target::at_most(1.10, "<= 1.10x")));
  EXPECT_EQ(report_json(report),
            "{\n"
            "  \"header\": \"h\",\n"
            "  \"rows\": [\n"
            "    {\n"
            "      \"section\": \"Part\",\n"
            "      \"measure\": \"overhead\",\n"
            "      \"unit\": \"x\",\n"
            "      \"meerkat\": {\n"
            "        \"median\": 1.2,\n"
            "        \"min\": 1.1,\n"
            "        \"max\": 1.3,\n"
            "        \"runs\": 3\n"
            "      },\n"
            "      \"target\": {\n"
            "        \"kind\": \"at_most\",\n"
            "        \"value\": 1.1,\n"
            "        \"below_openssl\": false,\n"
            "        \"text\": \"<= 1.10x\"\n"
            "      },\n"
            "      \"verdict\": \"MISSED\"\n"
            "    }\n"
            "  ]\n"
            "}\n");
}

}  // namespace
}  // namespace mk::bench
