/* Meerkat: a compact, sans-IO TLS 1.3 engine with a C API.
 *
 * Two objects:
 *   mk_config  what is shared by many connections: role, certificate chain and key,
 *              trust anchors, ALPN, suites, groups, clock and RNG. Build it once;
 *              it must outlive every connection made from it and must not change
 *              while connections use it.
 *   mk_conn    one TLS connection. It never touches a socket or a clock: the caller
 *              moves bytes. Four flows, as in BearSSL's engine:
 *                ciphertext in   mk_conn_feed()
 *                ciphertext out  mk_conn_output() + mk_conn_output_ack()
 *                plaintext in    mk_conn_write()
 *                plaintext out   mk_conn_read()
 *              Reading can produce output (alerts, KeyUpdate answers), so check
 *              MK_STATE_HAS_OUTPUT after every call.
 *
 * Errors are mk_err codes (meerkat/errors.h). The first error is sticky: once a
 * connection has failed every call returns the same code, and the alert it queued
 * can still be taken with mk_conn_output().
 *
 * Nothing here throws; all functions are safe to call from C.
 */
#ifndef MEERKAT_H
#define MEERKAT_H

#include <stddef.h>
#include <stdint.h>

#include "meerkat/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mk_config mk_config;
typedef struct mk_conn mk_conn;

typedef enum mk_role { MK_ROLE_CLIENT = 0, MK_ROLE_SERVER = 1 } mk_role;

/* Peer verification.
 * Client: MK_VERIFY_PEER (default) checks the server's chain against the CA
 *   certificates and its name against mk_conn_set_server_name(); MK_VERIFY_NONE
 *   skips both (the signature over the handshake is still checked).
 * Server: MK_VERIFY_NONE (default) does not ask for a client certificate;
 *   MK_VERIFY_OPTIONAL asks and verifies one if sent; MK_VERIFY_REQUIRED fails the
 *   handshake without one. */
typedef enum mk_verify_mode {
  MK_VERIFY_NONE = 0,
  MK_VERIFY_PEER = 1,
  MK_VERIFY_OPTIONAL = 2,
  MK_VERIFY_REQUIRED = 3
} mk_verify_mode;

/* TLS code points, for settings and for reporting what was negotiated. */
#define MK_TLS_1_2 0x0303
#define MK_TLS_1_3 0x0304
#define MK_TLS_AES_128_GCM_SHA256 0x1301
#define MK_TLS_AES_256_GCM_SHA384 0x1302
#define MK_TLS_CHACHA20_POLY1305_SHA256 0x1303
#define MK_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 0xc02b
#define MK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 0xc02f
#define MK_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 0xc02c
#define MK_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 0xc030
#define MK_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 0xcca9
#define MK_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 0xcca8
#define MK_GROUP_SECP256R1 0x0017
#define MK_GROUP_SECP384R1 0x0018
#define MK_GROUP_X25519 0x001d

/* Size limits callers may rely on. */
#define MK_MAX_PLAINTEXT 16384 /* largest plaintext in one record */
#define MK_RECORD_OVERHEAD 278 /* header + max padding allowance + tag */

/* ---- library ---------------------------------------------------------- */

/* Allocation hooks. Optional; defaults to malloc/realloc/free. Set before any other
 * call. All of Meerkat's heap use goes through these. */
typedef struct mk_allocator {
  void* (*alloc)(void* user, size_t size);
  void (*free)(void* user, void* ptr, size_t size);
  void* user;
} mk_allocator;
void mk_set_allocator(const mk_allocator* a);

const char* mk_version_string(void);

/* Error names and sentences. Never NULL. */
const char* mk_err_name(int err);  /* "MK_ERR_CERT_EXPIRED" */
const char* mk_err_text(int err);  /* "certificate has expired" */
const char* mk_alert_name(int alert); /* "protocol_version" */

/* ---- configuration ------------------------------------------------------ */

mk_config* mk_config_new(mk_role role);
void mk_config_free(mk_config* cfg);

/* Certificate chain, leaf first, as PEM (one or more blocks) or DER (one
 * certificate). Replaces any earlier chain. */
int mk_config_set_cert_chain(mk_config* cfg, const uint8_t* data, size_t len);
int mk_config_load_cert_chain_file(mk_config* cfg, const char* path);
/* Private key for the leaf: PKCS#8, SEC1 (EC) or PKCS#1 (RSA), PEM or DER. */
int mk_config_set_private_key(mk_config* cfg, const uint8_t* data, size_t len);
int mk_config_load_private_key_file(mk_config* cfg, const char* path);
/* After a failed certificate, key or CA load: a sentence naming what is wrong and
 * where ("key.pem: private key is encrypted; decrypt it first", "chain.pem: PEM
 * block 2 (CERTIFICATE): DER length runs past the end"). "" after a success. */
const char* mk_config_error_message(const mk_config* cfg);

/* Trust anchors: CA certificates as PEM bundle or one DER certificate; adds. */
int mk_config_add_ca(mk_config* cfg, const uint8_t* data, size_t len);
int mk_config_load_ca_file(mk_config* cfg, const char* path);
void mk_config_set_verify(mk_config* cfg, mk_verify_mode mode);
/* Longest accepted path, counting the leaf and the trust anchor. Default 8. */
void mk_config_set_max_chain_depth(mk_config* cfg, int depth);

/* ALPN protocols in preference order, as a comma-separated list ("h2,http/1.1").
 * Client: offered. Server: chosen by the server's order; a client offering none of
 * them is refused with no_application_protocol. */
int mk_config_set_alpn(mk_config* cfg, const char* comma_list);

/* The protocol versions to speak: MK_TLS_1_2 or MK_TLS_1_3 for each bound.
 * Default: both. TLS 1.2 is the ECDHE handshake with AEAD suites only, and requires
 * the extended master secret (RFC 7627); it never renegotiates or resumes. A client
 * that also offers TLS 1.3 refuses a server that signals a downgrade. */
int mk_config_set_versions(mk_config* cfg, uint16_t min_version, uint16_t max_version);

/* Restrict and order cipher suites / groups (code points above). One list holds
 * both versions' suites; each version negotiates among its own. The client offers
 * them in this order and sends a key share for the first group. The server picks
 * by its own order: the best-ranked group among the client's key shares; when no
 * share is for a group the server accepts, it asks with HelloRetryRequest for its
 * most preferred group among the client's supported_groups. */
int mk_config_set_cipher_suites(mk_config* cfg, const uint16_t* suites, size_t n);
int mk_config_set_groups(mk_config* cfg, const uint16_t* groups, size_t n);

/* Clock for certificate validity, in seconds since 1970 (UTC). Return -1 when the
 * time is unknown: then verification fails with MK_ERR_CERT_NO_TIME instead of
 * silently skipping the check. Default: the system clock. */
typedef int64_t (*mk_time_fn)(void* user);
void mk_config_set_time(mk_config* cfg, mk_time_fn fn, void* user);

/* Handshake deadline: a connection whose handshake has not finished `ms`
 * milliseconds after mk_conn_new() fails with MK_ERR_HANDSHAKE_TIMEOUT (and queues
 * a user_canceled alert and close_notify) at the next mk_conn_check_timeout() or
 * mk_conn_feed(). The engine never waits: the host calls mk_conn_check_timeout()
 * when its timer fires (mk_conn_timeout_ms() says when). 0, the default: no
 * deadline. Elapsed time comes from the monotonic clock below. */
void mk_config_set_handshake_timeout(mk_config* cfg, uint32_t ms);
/* Monotonic milliseconds (any origin, never going back), for the handshake
 * deadline. Default: the system's CLOCK_MONOTONIC. Tests set a fake one. */
typedef uint64_t (*mk_millis_fn)(void* user);
void mk_config_set_monotonic_clock(mk_config* cfg, mk_millis_fn fn, void* user);

/* Random bytes. Return 0 on success. Default: an OS-seeded HMAC-DRBG. Tests set a
 * deterministic one to replay traces. */
typedef int (*mk_random_fn)(void* user, uint8_t* out, size_t len);
void mk_config_set_random(mk_config* cfg, mk_random_fn fn, void* user);

/* Largest record this side accepts, announced with record_size_limit (RFC 8449):
 * 64..16385 (the TLS 1.3 limit counts the content-type byte). A peer that
 * understands the extension then sends nothing larger, which bounds the receive
 * buffer on small devices. Default 16385 (no limit). */
int mk_config_set_record_size_limit(mk_config* cfg, uint16_t limit);

/* Middlebox compatibility mode (RFC 8446 D.4): the client sends a 32-byte legacy
 * session id and both sides send dummy ChangeCipherSpec records. Default on. */
void mk_config_set_middlebox_compat(mk_config* cfg, int on);

/* Verify a certificate chain outside any handshake, with the config's CA
 * certificates, depth limit and clock (like `openssl verify`). The same code
 * checks peers during handshakes. */
typedef enum mk_purpose { MK_PURPOSE_SERVER = 0, MK_PURPOSE_CLIENT = 1 } mk_purpose;
typedef struct mk_verify_request {
  const uint8_t* leaf; /* the end-entity certificate, PEM or DER */
  size_t leaf_len;
  const uint8_t* untrusted; /* optional PEM bundle of intermediates, any order */
  size_t untrusted_len;
  const char* name; /* DNS name or IP literal to match; NULL: no name check */
  size_t name_len;
  int64_t at;         /* validation time (seconds since 1970 UTC); -1: config clock */
  mk_purpose purpose; /* serverAuth or clientAuth */
} mk_verify_request;
/* MK_OK or an MK_ERR_CERT_* (or config/parse) code. detail, when given, receives a
 * NUL-terminated sentence naming the certificate and the rule at fault. */
int mk_config_verify(const mk_config* cfg, const mk_verify_request* req, char* detail,
                     size_t detail_cap);

/* ---- connection --------------------------------------------------------- */

mk_conn* mk_conn_new(const mk_config* cfg);
void mk_conn_free(mk_conn* c);

/* Client: the server name for SNI and certificate verification. A DNS name or an
 * IP address literal (not sent as SNI). Need not be NUL-terminated. */
int mk_conn_set_server_name(mk_conn* c, const char* name, size_t len);

/* Client: verify the server's chain but not its name. For callers that establish
 * the server's identity some other way, and for Mongoose's documented meaning of an
 * empty `name` with a `ca`. Without this (or a server name) a verifying client does
 * not start (MK_ERR_NO_SERVER_NAME): a missing name is never a silent skip. Call
 * before mk_conn_start(). */
int mk_conn_skip_name_check(mk_conn* c);

/* State bits. */
#define MK_STATE_WANT_INPUT 0x01     /* feed more ciphertext to make progress */
#define MK_STATE_HAS_OUTPUT 0x02     /* ciphertext waiting in mk_conn_output() */
#define MK_STATE_CAN_WRITE 0x04      /* handshake done, plaintext may be written */
#define MK_STATE_HAS_PLAINTEXT 0x08  /* mk_conn_read() will return data */
#define MK_STATE_HANDSHAKE_DONE 0x10
#define MK_STATE_CLOSED 0x20  /* close_notify received or error; no more input */
#define MK_STATE_FAILED 0x40  /* mk_conn_error() is set */
unsigned mk_conn_state(const mk_conn* c);

/* Start the handshake: a client queues its ClientHello. A server does nothing until
 * fed. Calling it again is harmless. */
int mk_conn_start(mk_conn* c);

/* Ciphertext in. Consumes as much of data as can be processed now (complete
 * records are decrypted and handled) and reports it in *used. Returns MK_OK or the
 * sticky error. Plaintext produced is kept until mk_conn_read(). */
int mk_conn_feed(mk_conn* c, const uint8_t* data, size_t len, size_t* used);

/* Ciphertext out: a pointer to queued bytes (valid until the next call on c).
 * Returns the count, 0 when nothing is queued. Acknowledge what was sent. */
size_t mk_conn_output(mk_conn* c, const uint8_t** data);
void mk_conn_output_ack(mk_conn* c, size_t n);

/* Plaintext out: copies up to cap bytes; *got receives the count. Returns MK_OK,
 * MK_ERR_WANT_MORE when nothing is ready, MK_ERR_CLOSED after close_notify, or the
 * sticky error. */
int mk_conn_read(mk_conn* c, uint8_t* buf, size_t cap, size_t* got);
/* Plaintext out without a copy: a pointer to the decrypted bytes waiting (valid
 * until the next call on c) and their count, 0 when none. Acknowledge what was
 * consumed; the rest stays for the next call (or mk_conn_read). */
size_t mk_conn_read_view(mk_conn* c, const uint8_t** data);
void mk_conn_read_ack(mk_conn* c, size_t n);

/* Decrypted application bytes waiting for mk_conn_read(). An incomplete record
 * held inside the engine is not counted: it cannot progress without more input. */
size_t mk_conn_pending(const mk_conn* c);

/* Plaintext in: seals up to len bytes into records queued for output; *used gets
 * the count taken. Takes less when the output queue is full (MK_ERR_BUFFER_FULL if
 * nothing fits). */
int mk_conn_write(mk_conn* c, const uint8_t* data, size_t len, size_t* used);

/* The transport reached end of file. After the peer's close_notify that is the
 * normal end (MK_OK); otherwise the data may have been cut short by an attacker or
 * a crash, and the connection fails with MK_ERR_TRUNCATED (no alert is sent: nobody
 * is listening). */
int mk_conn_feed_eof(mk_conn* c);

/* Queue close_notify. */
int mk_conn_close(mk_conn* c);
/* Queue a KeyUpdate; request_peer asks the peer to update too. */
int mk_conn_key_update(mk_conn* c, int request_peer);

/* The handshake deadline (mk_config_set_handshake_timeout). check_timeout fails a
 * connection whose handshake is past its deadline with MK_ERR_HANDSHAKE_TIMEOUT; it
 * returns MK_OK while the deadline is ahead, after the handshake, or when there is
 * none, and the sticky error once the connection has failed. timeout_ms gives the
 * milliseconds left until the deadline (0 when it has passed), for the host's poll
 * timeout; -1 when there is nothing to wait for (no deadline, handshake done, or
 * failed). */
int mk_conn_check_timeout(mk_conn* c);
int64_t mk_conn_timeout_ms(const mk_conn* c);

/* The sticky error (MK_OK if none), and a sentence with the details when there
 * are any ("certificate for a.example does not match requested name b.example"),
 * else mk_err_text(). Never NULL. */
int mk_conn_error(const mk_conn* c);
const char* mk_conn_error_message(const mk_conn* c);

/* What was negotiated (0 / NULL before the handshake). */
uint16_t mk_conn_version(const mk_conn* c);    /* 0x0304 */
uint16_t mk_conn_cipher_suite(const mk_conn* c);
uint16_t mk_conn_group(const mk_conn* c);
uint16_t mk_conn_signature_scheme(const mk_conn* c); /* the peer's CertificateVerify */
/* The scheme this side signed its handshake with (0 when it did not sign). */
uint16_t mk_conn_local_signature_scheme(const mk_conn* c);
int mk_conn_hello_retry(const mk_conn* c);     /* 1 if a HelloRetryRequest was used */
/* ALPN protocol chosen, not NUL-terminated; *len 0 when none. */
const char* mk_conn_alpn(const mk_conn* c, size_t* len);
/* Server: the SNI name the client asked for (NUL-terminated, "" when none). */
const char* mk_conn_server_name(const mk_conn* c);
/* Whether the peer presented a certificate that was verified. */
int mk_conn_peer_verified(const mk_conn* c);

const char* mk_cipher_suite_name(uint16_t suite); /* "TLS_AES_128_GCM_SHA256" */
const char* mk_group_name(uint16_t group);        /* "x25519" */
const char* mk_signature_scheme_name(uint16_t s); /* "ecdsa_secp256r1_sha256" */

#ifdef __cplusplus
}
#endif

#endif /* MEERKAT_H */
