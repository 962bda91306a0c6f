// One load run against `meerkat serve`: start it, warm it up, measure its memory
// and descriptors, put the good and abusive clients on it in one poll loop, wait
// for every connection to close, measure again, stop it.
#pragma once

#include "load_plan.h"
#include "load_result.h"

namespace mk::load {

LoadResult run_load(const LoadPlan& plan);

}  // namespace mk::load
