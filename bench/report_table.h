// The Report as the one table `make bench` prints: per row the Meerkat figure, the
// OpenSSL figure, their ratio, and the target with its verdict.
#pragma once

#include <string>

#include "report.h"

namespace mk::bench {

// "1,234", "56.7", "0.93": digits that suit the unit and magnitude.
std::string format_number(double v, Unit unit);
// "812 [790..850]"; just the median when the runs agree or there was one.
std::string format_figure(const Summary& s, Unit unit);

std::string render_table(const Report& report);

}  // namespace mk::bench
