/* Meerkat as the TLS backend of Mongoose (build Mongoose with MG_TLS=MG_TLS_CUSTOM).
 *
 * The backend itself is the nine mg_tls_* functions Mongoose declares in its own
 * header; an application calls only mg_tls_init(), exactly as with Mongoose's
 * other backends. This header adds what those functions cannot express: where
 * the wall-clock time for certificate validity comes from, and a diagnostic.
 *
 * Time policy. Checking a certificate's validity period needs the current date.
 *   - Unix, macOS and Windows: the system clock (time()), unless the application
 *     sets a clock below.
 *   - Anything else (a device): Mongoose's own wall clock, mg_now(), but only once
 *     mg_boot_timestamp_ms is non-zero, i.e. after SNTP (mg_sntp_connect) or the
 *     application has set it. Before that the time is unknown.
 *   - Unknown time is never a silent skip: a handshake that has to verify a peer
 *     certificate fails with "current time is unknown, so validity cannot be
 *     checked" (MK_ERR_CERT_NO_TIME). Connections that verify nothing (no `ca`, or
 *     skip_verification) do not need the time.
 * Build with -DMG_TLS_MEERKAT_DEFAULT_CLOCK=mg_tls_meerkat_mongoose_clock (or
 * =mg_tls_meerkat_system_clock) to choose the default at compile time.
 *
 * Handshake deadline. A handshake that has not finished 30 seconds after
 * mg_tls_init() fails with MG_EV_ERROR "tls: handshake did not finish within 30000
 * ms" (the peer gets user_canceled and close_notify). It is checked whenever
 * Mongoose calls mg_tls_handshake(), which it does when the peer's bytes arrive, so
 * it stops a peer that trickles its handshake; a peer that sends nothing at all is
 * left to the application's idle timer (MG_EV_POLL). Time is mg_millis(). Build with
 * -DMG_TLS_MEERKAT_HANDSHAKE_TIMEOUT_MS=N to change the default.
 */
#ifndef MEERKAT_MONGOOSE_H
#define MEERKAT_MONGOOSE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct mg_mgr;

/* Current time in seconds since 1970-01-01 UTC, or -1 when it is not known. */
typedef int64_t (*mg_tls_meerkat_clock_fn)(void* user);

/* Set the clock every connection of every manager reads when it verifies a
 * certificate; NULL restores the default. It is read at verification time, so it
 * may be set or changed at any point, from the thread that runs mg_mgr_poll(). */
void mg_tls_meerkat_set_clock(mg_tls_meerkat_clock_fn fn, void* user);

/* The two ready-made clocks described above. */
int64_t mg_tls_meerkat_system_clock(void* user);
int64_t mg_tls_meerkat_mongoose_clock(void* user);

/* The handshake deadline in milliseconds (0: none) for configurations parsed after
 * the call: set it before a manager's first mg_tls_init(). */
void mg_tls_meerkat_set_handshake_timeout(uint32_t ms);

/* How many parsed configurations (certificate chain, key and CA set per role) the
 * manager keeps for reuse by its connections. */
size_t mg_tls_meerkat_config_count(struct mg_mgr* mgr);

#ifdef __cplusplus
}
#endif

#endif /* MEERKAT_MONGOOSE_H */
