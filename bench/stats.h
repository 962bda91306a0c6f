// A figure from repeated runs: the median run, with the fastest and slowest beside
// it so a reader sees how much the machine wandered while it was measured.
#pragma once

#include <vector>

namespace mk::bench {

struct Summary {
  double median = 0;
  double min = 0;
  double max = 0;
  int runs = 0;  // 0: nothing was measured
  bool empty() const { return runs == 0; }
};

// Median (the mean of the middle two for an even count), min and max of samples.
Summary summarize(std::vector<double> samples);

// The same figure scaled, e.g. seconds to microseconds (min and max stay in order
// for positive factors; for negative ones they swap).
Summary scaled(const Summary& s, double factor);

// a / b run by run is not available once summarised, so a ratio of two figures is
// the ratio of their medians, with the extreme pairings as its range.
Summary ratio(const Summary& a, const Summary& b);

}  // namespace mk::bench
