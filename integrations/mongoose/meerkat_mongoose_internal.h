/* Shared between the backend's files; not for applications. */
#ifndef MEERKAT_MONGOOSE_INTERNAL_H
#define MEERKAT_MONGOOSE_INTERNAL_H

#include <string.h>

#include "mongoose.h"

#include "meerkat/meerkat.h"
#include "meerkat_mongoose.h"

#if !defined(MG_TLS) || !defined(MG_TLS_CUSTOM) || MG_TLS != MG_TLS_CUSTOM
#error "Meerkat's backend replaces Mongoose's TLS: build Mongoose and it with MG_TLS=MG_TLS_CUSTOM"
#endif

/* mg_error() keeps 63 characters of a message. */
#define MKMG_ERROR_CAP 64

/* prefix + detail when that fits in cap, else prefix + fallback: a message that names
 * the cause in full when it can, and in short when it must. */
static inline void mkmg_message(char* out, size_t cap, const char* prefix, const char* detail,
                                const char* fallback) {
  const bool fits = detail != NULL && detail[0] != '\0' && strlen(prefix) + strlen(detail) < cap;
  const char* parts[2];
  size_t n = 0, i;
  parts[0] = prefix;
  parts[1] = fits ? detail : fallback;
  if (cap == 0) return;
  for (i = 0; i < 2; i++) {
    const char* p;
    for (p = parts[i]; *p != '\0' && n + 1 < cap; p++) out[n++] = *p;
  }
  out[n] = '\0';
}

/* The clock given to every configuration. It reads the application's choice at
 * call time, so cached configurations follow mg_tls_meerkat_set_clock(). */
int64_t mkmg_clock_now(void* unused);
/* The handshake deadline for configurations parsed from now on, and the clock it is
 * measured on: Mongoose's own monotonic mg_millis(). */
uint32_t mkmg_handshake_timeout_ms(void);
uint64_t mkmg_millis(void* unused);

/* Parsed configurations, reference-counted and shared by the connections of one
 * manager, so that a server parses its chain and key once, not per accept. */
typedef struct mkmg_config mkmg_config;
typedef struct mkmg_config_cache mkmg_config_cache;

mkmg_config_cache* mkmg_config_cache_new(void);
/* Configurations still used by a connection outlive the cache: the last
 * mkmg_config_release() frees them. */
void mkmg_config_cache_free(mkmg_config_cache* cache);
size_t mkmg_config_cache_count(const mkmg_config_cache* cache);

/* The configuration for this role and these options: the cached one built from
 * the same bytes, or a new one (cached when cache is not NULL). NULL on failure,
 * with the reason, at most why_cap - 1 characters, in why. */
mkmg_config* mkmg_config_acquire(mkmg_config_cache* cache, mk_role role,
                                 const struct mg_tls_opts* opts, char* why, size_t why_cap);
void mkmg_config_release(mkmg_config* cfg);
const mk_config* mkmg_config_engine(const mkmg_config* cfg);

#endif /* MEERKAT_MONGOOSE_INTERNAL_H */
