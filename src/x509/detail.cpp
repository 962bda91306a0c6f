#include "x509/detail.h"

#include <cstdarg>
#include <cstdio>

namespace mk::x509 {

void set_detail(Detail* d, const char* format, ...) {
  if (!d) return;
  va_list args;
  va_start(args, format);
  std::vsnprintf(d->text, sizeof d->text, format, args);
  va_end(args);
}

}  // namespace mk::x509
