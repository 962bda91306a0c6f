#include "stats.h"

#include <algorithm>
#include <utility>

namespace mk::bench {

Summary summarize(std::vector<double> samples) {
  Summary s;
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  size_t n = samples.size();
  s.median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
  s.min = samples.front();
  s.max = samples.back();
  s.runs = static_cast<int>(n);
  return s;
}

Summary scaled(const Summary& s, double factor) {
  Summary out = s;
  out.median = s.median * factor;
  out.min = s.min * factor;
  out.max = s.max * factor;
  if (out.min > out.max) std::swap(out.min, out.max);
  return out;
}

Summary ratio(const Summary& a, const Summary& b) {
  Summary out;
  if (a.empty() || b.empty() || b.median == 0 || b.min == 0 || b.max == 0) return out;
  out.median = a.median / b.median;
  out.min = a.min / b.max;
  out.max = a.max / b.min;
  if (out.min > out.max) std::swap(out.min, out.max);
  out.runs = std::min(a.runs, b.runs);
  return out;
}

}  // namespace mk::bench
