/* The test host's mongoose.h: what Meerkat's Mongoose backend and our tests use of
 * Mongoose's API, declared under Mongoose's public names so that the backend
 * compiles against it unchanged. Written for these tests from Mongoose's
 * documented interface; it is not Mongoose and contains none of its code. Struct
 * layouts are ours (the backend only uses fields by name); the fields marked
 * "host" exist only here.
 *
 * The functions are implemented by host.cpp, which drives the nine mg_tls_*
 * functions the way Mongoose's socket event loop does, or (Stack::builtin) the
 * way its built-in TCP/IP stack does. */
#ifndef MEERKAT_TEST_MONGOOSE_H
#define MEERKAT_TEST_MONGOOSE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MG_TLS_NONE 0
#define MG_TLS_MBED 1
#define MG_TLS_OPENSSL 2
#define MG_TLS_BUILTIN 3
#define MG_TLS_CUSTOM 4
#define MG_TLS_WOLFSSL 5
#ifndef MG_TLS
#define MG_TLS MG_TLS_CUSTOM
#endif

/* Mongoose's socket path reads at most this much ciphertext into c->rtls at once
 * and grows c->recv in MG_IO_SIZE steps. */
#define MG_IO_SIZE 16384
#define MG_MAX_RECV_SIZE (3UL * 1024UL * 1024UL)

struct mg_str {
  char* buf;
  size_t len;
};

struct mg_iobuf {
  unsigned char* buf;
  size_t size;
  size_t len;
  size_t align;
};

bool mg_iobuf_init(struct mg_iobuf*, size_t size, size_t align);
bool mg_iobuf_resize(struct mg_iobuf*, size_t new_size);
void mg_iobuf_free(struct mg_iobuf*);
size_t mg_iobuf_add(struct mg_iobuf*, size_t ofs, const void* buf, size_t len);
size_t mg_iobuf_del(struct mg_iobuf*, size_t ofs, size_t len);

void* mg_calloc(size_t count, size_t size);
void mg_free(void* ptr);

uint64_t mg_millis(void);
uint64_t mg_now(void);
extern uint64_t mg_boot_timestamp_ms;

struct mg_connection;
typedef void (*mg_event_handler_t)(struct mg_connection*, int ev, void* ev_data);

enum {
  MG_EV_ERROR,
  MG_EV_OPEN,
  MG_EV_POLL,
  MG_EV_RESOLVE,
  MG_EV_CONNECT,
  MG_EV_ACCEPT,
  MG_EV_TLS_HS,
  MG_EV_READ,
  MG_EV_WRITE,
  MG_EV_CLOSE,
  MG_EV_USER = 100
};

struct mg_mgr {
  struct mg_connection* conns;
  unsigned long nextid;
  void* tls_ctx;
  void* host; /* host: the event loop's own state */
};

struct mg_connection {
  struct mg_connection* next;
  struct mg_mgr* mgr;
  void* fd;
  unsigned long id;
  struct mg_iobuf recv;
  struct mg_iobuf send;
  struct mg_iobuf rtls;
  mg_event_handler_t fn;
  void* fn_data;
  mg_event_handler_t pfn;
  void* pfn_data;
  void* tls;
  unsigned is_listening : 1;
  unsigned is_client : 1;
  unsigned is_accepted : 1;
  unsigned is_resolving : 1;
  unsigned is_connecting : 1;
  unsigned is_tls : 1;
  unsigned is_tls_hs : 1;
  unsigned is_udp : 1;
  unsigned is_draining : 1;
  unsigned is_closing : 1;
  unsigned is_full : 1;
  unsigned is_tls_throttled : 1;
  unsigned is_readable : 1;
  unsigned is_writable : 1;
  void* host; /* host: per-connection state of the event loop */
};

void mg_call(struct mg_connection* c, int ev, void* ev_data);
void mg_error(struct mg_connection* c, const char* fmt, ...);

void mg_mgr_init(struct mg_mgr*);
void mg_mgr_free(struct mg_mgr*);
void mg_mgr_poll(struct mg_mgr*, int ms);
struct mg_connection* mg_listen(struct mg_mgr*, const char* url, mg_event_handler_t fn,
                                void* fn_data);
struct mg_connection* mg_connect(struct mg_mgr*, const char* url, mg_event_handler_t fn,
                                 void* fn_data);
bool mg_send(struct mg_connection*, const void* buf, size_t len);

struct mg_tls_opts {
  struct mg_str ca;
  struct mg_str cert;
  struct mg_str key;
  struct mg_str name;
  bool skip_verification;
};

void mg_tls_init(struct mg_connection*, const struct mg_tls_opts* opts);
void mg_tls_free(struct mg_connection*);
long mg_tls_send(struct mg_connection*, const void* buf, size_t len);
long mg_tls_recv(struct mg_connection*, void* buf, size_t len);
size_t mg_tls_pending(struct mg_connection*);
void mg_tls_flush(struct mg_connection*);
void mg_tls_handshake(struct mg_connection*);
void mg_tls_ctx_init(struct mg_mgr*);
void mg_tls_ctx_free(struct mg_mgr*);
#define MG_IS_DER(buf) (((const uint8_t*)(buf))[0] == 0x30)

enum { MG_IO_ERR = -1, MG_IO_WAIT = -2 };
long mg_io_send(struct mg_connection* c, const void* buf, size_t len);
long mg_io_recv(struct mg_connection* c, void* buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* MEERKAT_TEST_MONGOOSE_H */
