// The Report as bench.json: the same rows as the table, with every run's median,
// min and max as numbers, the unit, the target and its verdict, for tools and for
// comparing one run with another.
#pragma once

#include <string>

#include "report.h"

namespace mk::bench {

std::string report_json(const Report& report);

}  // namespace mk::bench
