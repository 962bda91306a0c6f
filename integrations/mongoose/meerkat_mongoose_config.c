/* Parsed configurations per manager (mgr->tls_ctx). A server calls mg_tls_init()
 * with the same options on every accept; parsing its chain and key each time would
 * cost a signature-key load and a few kilobytes per connection, so the first
 * connection builds an mk_config and later ones with the same role and option
 * bytes share it. Connections hold a reference; an unused configuration stays
 * cached (up to MKMG_MAX_IDLE_CONFIGS of them) for the next connection. */
#include <stdio.h>

#include "meerkat_mongoose_internal.h"

#define MKMG_MAX_IDLE_CONFIGS 4

struct mkmg_config {
  mkmg_config* next;
  mkmg_config_cache* cache; /* NULL when not cached, or once the cache is gone */
  unsigned refs;
  mk_config* engine;
  mk_role role;
  bool skip_verification;
  size_t ca_len, cert_len, key_len;
  unsigned char bytes[]; /* the option bytes, ca then cert then key: the cache key */
};

struct mkmg_config_cache {
  mkmg_config* head; /* most recently used first */
};

static void wipe(void* p, size_t n) {
  volatile unsigned char* v = (volatile unsigned char*)p;
  while (n-- > 0) *v++ = 0;
}

/* Private keys are compared without an early exit, so that the time a lookup takes
 * does not tell where two keys differ. */
static bool same_secret(const unsigned char* a, const unsigned char* b, size_t n) {
  volatile unsigned char diff = 0;
  size_t i;
  for (i = 0; i < n; i++) diff = (unsigned char)(diff | (a[i] ^ b[i]));
  return diff == 0;
}

static bool same_public(const unsigned char* a, const struct mg_str s) {
  return s.len == 0 || memcmp(a, s.buf, s.len) == 0;
}

static bool matches(const mkmg_config* e, mk_role role, const struct mg_tls_opts* o) {
  const unsigned char* ca = e->bytes;
  const unsigned char* cert = ca + e->ca_len;
  const unsigned char* key = cert + e->cert_len;
  if (e->role != role || e->skip_verification != o->skip_verification) return false;
  if (e->ca_len != o->ca.len || e->cert_len != o->cert.len || e->key_len != o->key.len)
    return false;
  return same_public(ca, o->ca) && same_public(cert, o->cert) &&
         same_secret(key, (const unsigned char*)o->key.buf, o->key.len);
}

static void destroy(mkmg_config* e) {
  mk_config_free(e->engine);
  wipe(e->bytes, e->ca_len + e->cert_len + e->key_len);
  mg_free(e);
}

static void copy_option(unsigned char* to, const struct mg_str s) {
  if (s.len > 0) memcpy(to, s.buf, s.len);
}

static const uint8_t* data_of(const struct mg_str s) {
  return (const uint8_t*)s.buf;
}

/* Parse the options into a new engine configuration. */
static mkmg_config* build(mk_role role, const struct mg_tls_opts* o, char* why, size_t why_cap) {
  const bool verify_peer = o->ca.len > 0 && !o->skip_verification;
  const char* failed_option = NULL;
  int rc = MK_OK;
  mkmg_config* e;

  if (role == MK_ROLE_SERVER && (o->cert.len == 0 || o->key.len == 0)) {
    snprintf(why, why_cap, "tls: %s", mk_err_text(MK_ERR_NO_KEY));
    return NULL;
  }
  if ((o->cert.len == 0) != (o->key.len == 0)) {
    snprintf(why, why_cap, "tls: cert and key must be given together");
    return NULL;
  }
  e = (mkmg_config*)mg_calloc(1, sizeof(*e) + o->ca.len + o->cert.len + o->key.len);
  if (e == NULL || (e->engine = mk_config_new(role)) == NULL) {
    if (e != NULL) mg_free(e);
    snprintf(why, why_cap, "tls: %s", mk_err_text(MK_ERR_OUT_OF_MEMORY));
    return NULL;
  }
  e->refs = 1;
  e->role = role;
  e->skip_verification = o->skip_verification;
  e->ca_len = o->ca.len;
  e->cert_len = o->cert.len;
  e->key_len = o->key.len;
  copy_option(e->bytes, o->ca);
  copy_option(e->bytes + e->ca_len, o->cert);
  copy_option(e->bytes + e->ca_len + e->cert_len, o->key);

  mk_config_set_time(e->engine, mkmg_clock_now, NULL);
  mk_config_set_monotonic_clock(e->engine, mkmg_millis, NULL);
  mk_config_set_handshake_timeout(e->engine, mkmg_handshake_timeout_ms());
  if (o->cert.len > 0) {
    if ((rc = mk_config_set_cert_chain(e->engine, data_of(o->cert), o->cert.len)) != MK_OK) {
      failed_option = "cert";
    } else if ((rc = mk_config_set_private_key(e->engine, data_of(o->key), o->key.len)) != MK_OK) {
      failed_option = "key";
    }
  }
  if (failed_option == NULL && verify_peer &&
      (rc = mk_config_add_ca(e->engine, data_of(o->ca), o->ca.len)) != MK_OK) {
    failed_option = "ca";
  }
  if (failed_option != NULL) {
    char prefix[16];
    snprintf(prefix, sizeof(prefix), "tls: %s: ", failed_option);
    mkmg_message(why, why_cap, prefix, mk_config_error_message(e->engine), mk_err_text(rc));
    destroy(e);
    return NULL;
  }
  /* Mongoose's meaning of `ca`: a client verifies the server with it, a server
   * demands and verifies a client certificate with it. */
  if (!verify_peer) {
    mk_config_set_verify(e->engine, MK_VERIFY_NONE);
  } else {
    mk_config_set_verify(e->engine, role == MK_ROLE_SERVER ? MK_VERIFY_REQUIRED : MK_VERIFY_PEER);
  }
  return e;
}

/* Free the unused configurations beyond the most recently used few. */
static void trim(mkmg_config_cache* cache) {
  mkmg_config** link = &cache->head;
  unsigned idle = 0;
  while (*link != NULL) {
    mkmg_config* e = *link;
    if (e->refs == 0 && ++idle > MKMG_MAX_IDLE_CONFIGS) {
      *link = e->next;
      destroy(e);
    } else {
      link = &e->next;
    }
  }
}

mkmg_config_cache* mkmg_config_cache_new(void) {
  return (mkmg_config_cache*)mg_calloc(1, sizeof(mkmg_config_cache));
}

void mkmg_config_cache_free(mkmg_config_cache* cache) {
  mkmg_config* e;
  if (cache == NULL) return;
  e = cache->head;
  while (e != NULL) {
    mkmg_config* next = e->next;
    e->next = NULL;
    e->cache = NULL;
    if (e->refs == 0) destroy(e);
    e = next;
  }
  mg_free(cache);
}

size_t mkmg_config_cache_count(const mkmg_config_cache* cache) {
  size_t n = 0;
  const mkmg_config* e;
  for (e = cache != NULL ? cache->head : NULL; e != NULL; e = e->next) n++;
  return n;
}

mkmg_config* mkmg_config_acquire(mkmg_config_cache* cache, mk_role role,
                                 const struct mg_tls_opts* opts, char* why, size_t why_cap) {
  mkmg_config* e;
  if (cache != NULL) {
    mkmg_config** link;
    for (link = &cache->head; (e = *link) != NULL; link = &e->next) {
      if (!matches(e, role, opts)) continue;
      *link = e->next;
      e->next = cache->head;
      cache->head = e;
      e->refs++;
      return e;
    }
  }
  if ((e = build(role, opts, why, why_cap)) == NULL) return NULL;
  if (cache != NULL) {
    e->cache = cache;
    e->next = cache->head;
    cache->head = e;
    trim(cache);
  }
  return e;
}

void mkmg_config_release(mkmg_config* e) {
  if (e == NULL || --e->refs > 0) return;
  if (e->cache == NULL) {
    destroy(e);
  } else {
    trim(e->cache);
  }
}

const mk_config* mkmg_config_engine(const mkmg_config* e) {
  return e->engine;
}

size_t mg_tls_meerkat_config_count(struct mg_mgr* mgr) {
  return mgr != NULL ? mkmg_config_cache_count((const mkmg_config_cache*)mgr->tls_ctx) : 0;
}
