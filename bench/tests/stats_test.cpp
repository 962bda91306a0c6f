#include "stats.h"

#include <gtest/gtest.h>

namespace mk::bench {
namespace {

TEST(Stats, MedianOfAnOddCountIsTheMiddleSample) {
  Summary s = summarize({5, 1, 3});
  EXPECT_EQ(s.median, 3);
  EXPECT_EQ(s.min, 1);
  EXPECT_EQ(s.max, 5);
  EXPECT_EQ(s.runs, 3);
}

TEST(Stats, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  Summary s = summarize({4, 1, 2, 10});
  EXPECT_EQ(s.median, 3);
  EXPECT_EQ(s.min, 1);
  EXPECT_EQ(s.max, 10);
}

TEST(Stats, NoSamplesGiveAnEmptySummary) {
  EXPECT_TRUE(summarize({}).empty());
}

TEST(Stats, ScalingANegativeFactorKeepsMinBelowMax) {
  Summary s = scaled(summarize({1, 2, 4}), -2);
  EXPECT_EQ(s.median, -4);
  EXPECT_EQ(s.min, -8);
  EXPECT_EQ(s.max, -2);
}

TEST(Stats, RatioPairsTheExtremesForItsRange) {
  Summary r = ratio(summarize({10, 12, 14}), summarize({4, 5, 7}));
  EXPECT_DOUBLE_EQ(r.median, 12.0 / 5);
  EXPECT_DOUBLE_EQ(r.min, 10.0 / 7);
  EXPECT_DOUBLE_EQ(r.max, 14.0 / 4);
}

TEST(Stats, RatioWithAnEmptyOrZeroDenominatorIsEmpty) {
  EXPECT_TRUE(ratio(summarize({1}), Summary{}).empty());
  EXPECT_TRUE(ratio(summarize({1}), summarize({0})).empty());
}

}  // namespace
}  // namespace mk::bench
