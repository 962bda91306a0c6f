// Writing the sentence of a Detail.
#pragma once

#include "x509/x509.h"

namespace mk::x509 {

// printf into d->text (truncated to fit); nothing when d is null.
void set_detail(Detail* d, const char* format, ...) __attribute__((format(printf, 2, 3)));

}  // namespace mk::x509
