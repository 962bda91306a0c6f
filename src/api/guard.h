// The C API's boundary rule: no C++ exception crosses it. The engine itself
// throws nothing, but the few standard containers it uses report allocation
// failure by throwing, so every entry point that may reach one runs inside guard().
#pragma once

#include <new>

#include "base/error.h"

namespace mk::api {

template <class Fn>
int guard(Fn&& fn) noexcept {
  try {
    return static_cast<int>(fn());
  } catch (const std::bad_alloc&) {
    return MK_ERR_OUT_OF_MEMORY;
  } catch (...) {
    return MK_ERR_INTERNAL;
  }
}

}  // namespace mk::api
