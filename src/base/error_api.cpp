// The C entry points for error names and sentences.
#include "base/error.h"
#include "meerkat/meerkat.h"

extern "C" {

const char* mk_err_name(int err) { return mk::err_name(static_cast<mk::Err>(err)); }
const char* mk_err_text(int err) { return mk::err_text(static_cast<mk::Err>(err)); }
const char* mk_alert_name(int alert) { return mk::alert_name(alert); }
const char* mk_version_string(void) { return "meerkat 0.1.0"; }

}
