// Errors: the C enum mk_err is the engine's error type too, so nothing is
// translated at the API boundary. One table maps each code to its name, alert and
// sentence (see include/meerkat/errors.h).
#pragma once

#include <cstdint>
#include <utility>

#include "meerkat/errors.h"

namespace mk {

using Err = mk_err;

// Alert to send for an error, or -1 when none is sent (usage errors, peer alerts).
int alert_for(Err e);
const char* err_name(Err e);
const char* err_text(Err e);
const char* alert_name(int alert);
// The error that reports "peer sent alert <alert>".
inline Err peer_alert_err(uint8_t alert) { return static_cast<Err>(0x0500 | alert); }

// Result<T>: a value or an Err, without exceptions.
template <class T>
class Result {
 public:
  Result(T v) : v_(std::move(v)), e_(MK_OK) {}  // NOLINT: implicit by design
  Result(Err e) : v_(), e_(e) {}                // NOLINT
  bool ok() const { return e_ == MK_OK; }
  Err err() const { return e_; }
  T& value() { return v_; }
  const T& value() const { return v_; }
  T* operator->() { return &v_; }
  T& operator*() { return v_; }

 private:
  T v_;
  Err e_;
};

}  // namespace mk

// Propagate an error: MK_TRY(expr) returns from the enclosing function if expr != MK_OK.
#define MK_TRY(expr)                       \
  do {                                     \
    ::mk::Err mk_try_e_ = (expr);          \
    if (mk_try_e_ != MK_OK) return mk_try_e_; \
  } while (0)
