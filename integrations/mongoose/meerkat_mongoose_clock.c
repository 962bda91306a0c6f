/* Where certificate validity checks get the date from, and the handshake deadline's
 * clock and length (policies in meerkat_mongoose.h). */
#include "meerkat_mongoose_internal.h"

#include <time.h>

#ifndef MG_TLS_MEERKAT_DEFAULT_CLOCK
#if defined(__unix__) || defined(__APPLE__) || defined(_WIN32)
#define MG_TLS_MEERKAT_DEFAULT_CLOCK mg_tls_meerkat_system_clock
#else
#define MG_TLS_MEERKAT_DEFAULT_CLOCK mg_tls_meerkat_mongoose_clock
#endif
#endif

#ifndef MG_TLS_MEERKAT_HANDSHAKE_TIMEOUT_MS
#define MG_TLS_MEERKAT_HANDSHAKE_TIMEOUT_MS 30000
#endif

static mg_tls_meerkat_clock_fn s_clock = NULL;
static uint32_t s_handshake_timeout_ms = MG_TLS_MEERKAT_HANDSHAKE_TIMEOUT_MS;
static void* s_clock_user = NULL;

void mg_tls_meerkat_set_clock(mg_tls_meerkat_clock_fn fn, void* user) {
  s_clock = fn;
  s_clock_user = fn != NULL ? user : NULL;
}

int64_t mg_tls_meerkat_system_clock(void* user) {
  time_t now = time(NULL);
  (void)user;
  return now == (time_t)-1 ? -1 : (int64_t)now;
}

int64_t mg_tls_meerkat_mongoose_clock(void* user) {
  (void)user;
  /* mg_now() is only a date once SNTP or the application has set the boot
   * timestamp; before that it counts milliseconds since boot. */
  if (mg_boot_timestamp_ms == 0) return -1;
  return (int64_t)(mg_now() / 1000);
}

int64_t mkmg_clock_now(void* unused) {
  (void)unused;
  if (s_clock != NULL) return s_clock(s_clock_user);
  return MG_TLS_MEERKAT_DEFAULT_CLOCK(NULL);
}

void mg_tls_meerkat_set_handshake_timeout(uint32_t ms) {
  s_handshake_timeout_ms = ms;
}

uint32_t mkmg_handshake_timeout_ms(void) {
  return s_handshake_timeout_ms;
}

uint64_t mkmg_millis(void* unused) {
  (void)unused;
  return mg_millis();
}
