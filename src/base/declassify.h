// Constant-time validation with valgrind's memcheck (the "ctgrind" technique): a
// test marks secret bytes undefined, and memcheck then reports every branch and
// every memory index that depends on them (tests/memcheck/constant_time_test.cpp).
// Where a value derived from secrets becomes public by design (whether a record's
// tag or a Finished matched), declassify() marks it defined, so the branch taken on
// it is not reported. Outside valgrind this is a handful of no-op instructions;
// built without valgrind's header, nothing at all.
#pragma once

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define MK_HAVE_MEMCHECK_H 1
#endif

namespace mk {

inline bool declassify(bool public_result) {
#ifdef MK_HAVE_MEMCHECK_H
  VALGRIND_MAKE_MEM_DEFINED(&public_result, sizeof public_result);
#endif
  return public_result;
}

}  // namespace mk
