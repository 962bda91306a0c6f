/* Mongoose's nine TLS backend functions on Meerkat's sans-IO C API.
 *
 * Mongoose does the socket I/O: it appends the peer's ciphertext to c->rtls and
 * gives us mg_io_send() for ours. Meerkat does the TLS: ciphertext is fed to it
 * straight from c->rtls (consumed bytes are deleted from there), its queued
 * output is pushed with mg_io_send() until the network pushes back, and whatever
 * was not sent stays queued inside the engine for the next push. The rules this
 * follows, and why, are in docs/mongoose.md and the contract it cites. */
#include <stdio.h>

#include "meerkat_mongoose_internal.h"

/* Per-connection state: the engine's connection, a reference to the shared
 * configuration, and a few facts about what was already reported to Mongoose. */
struct mkmg_tls {
  mk_conn* conn;
  mkmg_config* config;
  /* Plaintext at the front of c->send that is sealed but whose ciphertext is not
   * all sent yet. It is reported as consumed only once it is on the wire, so a
   * draining connection never closes with records still queued. */
  size_t sealed_unreported;
  bool started;
  bool failed; /* mg_error() was called; every later call fails quietly */
  bool close_notify_queued;
};

static struct mkmg_tls* state_of(struct mg_connection* c) {
  return (struct mkmg_tls*)c->tls;
}

static void free_state(struct mkmg_tls* t) {
  mk_conn_free(t->conn);
  mkmg_config_release(t->config);
  mg_free(t);
}

/* ---- pushing ciphertext ------------------------------------------------------ */

enum push_result { PUSH_DONE, PUSH_BLOCKED, PUSH_FAILED };

/* Send queued ciphertext until it is all out or the network pushes back. */
static enum push_result push_output(struct mg_connection* c, struct mkmg_tls* t) {
  for (;;) {
    const uint8_t* data = NULL;
    size_t queued = mk_conn_output(t->conn, &data);
    long sent;
    if (queued == 0) {
      c->is_tls_throttled = 0;
      return PUSH_DONE;
    }
    sent = mg_io_send(c, data, queued);
    if (sent == MG_IO_WAIT || sent == 0) {
      c->is_tls_throttled = 1;
      return PUSH_BLOCKED;
    }
    if (sent < 0) return PUSH_FAILED;
    mk_conn_output_ack(t->conn, (size_t)sent);
  }
}

static size_t queued_output(struct mkmg_tls* t) {
  const uint8_t* data = NULL;
  return mk_conn_output(t->conn, &data);
}

/* ---- failures ---------------------------------------------------------------- */

/* One line that fits mg_error()'s 63 characters and names the cause: the engine's
 * detailed sentence when it fits, else its short one. */
static void describe_failure(const mk_conn* conn, char* out, size_t cap) {
  const int err = mk_conn_error(conn);
  char alert[MKMG_ERROR_CAP];
  if (MK_ERR_CATEGORY(err) == MK_CAT_PEER_ALERT) {
    snprintf(alert, sizeof(alert), "peer sent alert %s", mk_alert_name(err & 0xff));
  } else {
    snprintf(alert, sizeof(alert), "%s", mk_err_text(err));
  }
  mkmg_message(out, cap, "tls: ", mk_conn_error_message(conn), alert);
}

static void fail_with(struct mg_connection* c, struct mkmg_tls* t, const char* message) {
  if (t->failed) return;
  t->failed = true;
  mg_error(c, "%s", message);
}

/* The engine failed: put its alert on the wire if the network takes it, then tell
 * Mongoose why. */
static void fail_from_engine(struct mg_connection* c, struct mkmg_tls* t) {
  char message[MKMG_ERROR_CAP];
  if (t->failed) return;
  (void)push_output(c, t);
  describe_failure(t->conn, message, sizeof(message));
  fail_with(c, t, message);
}

/* ---- receiving --------------------------------------------------------------- */

/* Feed Meerkat from c->rtls until it stops taking bytes: the buffer is empty, or a
 * record's plaintext is waiting to be read, or the peer has closed. */
static int feed_from_rtls(struct mg_connection* c, struct mkmg_tls* t) {
  while (c->rtls.len > 0) {
    size_t used = 0;
    int rc = mk_conn_feed(t->conn, c->rtls.buf, c->rtls.len, &used);
    if (used > 0) mg_iobuf_del(&c->rtls, 0, used);
    if (rc != MK_OK) return rc;
    if (used == 0) break;
  }
  return MK_OK;
}

/* Deliver plaintext into out (cap bytes) from as many records as c->rtls holds, so
 * that several records in one segment reach the application without waiting for
 * more network data. With cap 0, stop as soon as one record's plaintext waits.
 * Returns MK_OK, MK_ERR_CLOSED once everything before the peer's close_notify is
 * delivered, or the engine's error. */
static int read_records(struct mg_connection* c, struct mkmg_tls* t, uint8_t* out, size_t cap,
                        size_t* got) {
  *got = 0;
  for (;;) {
    size_t before;
    int rc;
    if (*got < cap) {
      size_t n = 0;
      rc = mk_conn_read(t->conn, out + *got, cap - *got, &n);
      *got += n;
      if (rc != MK_OK && rc != MK_ERR_WANT_MORE) return rc;
      if (*got == cap) return MK_OK;
    } else if (mk_conn_pending(t->conn) > 0) {
      return MK_OK;
    }
    if (c->rtls.len == 0) break;
    before = c->rtls.len;
    if ((rc = feed_from_rtls(c, t)) != MK_OK) return rc;
    if (c->rtls.len == before && mk_conn_pending(t->conn) == 0) break;
  }
  if (mk_conn_pending(t->conn) == 0 && (mk_conn_state(t->conn) & MK_STATE_CLOSED))
    return mk_conn_error(t->conn) != MK_OK ? mk_conn_error(t->conn) : MK_ERR_CLOSED;
  return MK_OK;
}

/* ---- the nine functions ------------------------------------------------------ */

void mg_tls_ctx_init(struct mg_mgr* mgr) {
  if (mgr == NULL) return;
  /* On allocation failure connections still work, each with its own parsed
   * configuration. */
  mgr->tls_ctx = mkmg_config_cache_new();
}

void mg_tls_ctx_free(struct mg_mgr* mgr) {
  if (mgr == NULL) return;
  mkmg_config_cache_free((mkmg_config_cache*)mgr->tls_ctx);
  mgr->tls_ctx = NULL;
}

void mg_tls_init(struct mg_connection* c, const struct mg_tls_opts* opts) {
  static const struct mg_tls_opts no_options;
  const mk_role role = c->is_client ? MK_ROLE_CLIENT : MK_ROLE_SERVER;
  char why[MKMG_ERROR_CAP] = "";
  struct mkmg_tls* t;

  /* Accepted connections do not inherit a listener's TLS state, so there is
   * nothing to set up on one. */
  if (c->is_listening) return;
  if (opts == NULL) opts = &no_options;
  if (c->tls != NULL) free_state(state_of(c));
  c->tls = NULL;
  c->is_tls_throttled = 0;
  /* Set first: whatever happens below, the core must not treat this as a plaintext
   * connection, even if the application clears is_closing on MG_EV_ERROR. */
  c->is_tls = 1;
  c->is_tls_hs = 1;

  t = (struct mkmg_tls*)mg_calloc(1, sizeof(*t));
  if (t == NULL) {
    mg_error(c, "tls: %s", mk_err_text(MK_ERR_OUT_OF_MEMORY));
    return;
  }
  t->config =
      mkmg_config_acquire((mkmg_config_cache*)c->mgr->tls_ctx, role, opts, why, sizeof(why));
  if (t->config == NULL) {
    mg_free(t);
    mg_error(c, "%s", why);
    return;
  }
  t->conn = mk_conn_new(mkmg_config_engine(t->config));
  if (t->conn == NULL) {
    free_state(t);
    mg_error(c, "tls: %s", mk_err_text(MK_ERR_OUT_OF_MEMORY));
    return;
  }
  if (mk_conn_error(t->conn) != MK_OK) {
    describe_failure(t->conn, why, sizeof(why));
  } else if (role == MK_ROLE_CLIENT && opts->name.len > 0) {
    const int rc = mk_conn_set_server_name(t->conn, opts->name.buf, opts->name.len);
    if (rc != MK_OK) snprintf(why, sizeof(why), "tls: name: %s", mk_err_text(rc));
  } else if (role == MK_ROLE_CLIENT) {
    /* Mongoose documents an empty name as "no hostname check": the chain is still
     * verified against ca. */
    mk_conn_skip_name_check(t->conn);
  }
  if (why[0] != '\0') {
    free_state(t);
    mg_error(c, "%s", why);
    return;
  }
  c->tls = t;
}

void mg_tls_handshake(struct mg_connection* c) {
  struct mkmg_tls* t = state_of(c);
  int rc = MK_OK;
  if (c->is_closing) return;
  if (t == NULL) {
    /* mg_tls_init() failed and the application kept the connection open. */
    if (c->is_tls_hs) mg_error(c, "tls: no TLS state; mg_tls_init failed");
    return;
  }
  if (t->failed || !c->is_tls_hs) return;
  if (!t->started) {
    t->started = true;
    rc = mk_conn_start(t->conn);
  }
  if (rc == MK_OK) rc = feed_from_rtls(c, t);
  /* A peer that trickles its handshake is cut off at the deadline. */
  if (rc == MK_OK) rc = mk_conn_check_timeout(t->conn);
  if (rc != MK_OK || (mk_conn_state(t->conn) & MK_STATE_FAILED)) {
    fail_from_engine(c, t);
    return;
  }
  if (push_output(c, t) == PUSH_FAILED) {
    fail_with(c, t, "tls: handshake: sending to the peer failed");
    return;
  }
  if (mk_conn_state(t->conn) & MK_STATE_HANDSHAKE_DONE) {
    c->is_tls_hs = 0;
    mg_call(c, MG_EV_TLS_HS, NULL);
  }
}

long mg_tls_recv(struct mg_connection* c, void* buf, size_t len) {
  struct mkmg_tls* t = state_of(c);
  /* The built-in TCP/IP stack calls with no room to have the next record
   * decrypted, so that mg_tls_pending() tells it how much room to make. */
  const bool has_room = buf != NULL && len > 0;
  size_t got = 0;
  int rc;

  if (t == NULL || t->failed) return MG_IO_ERR;
  if (c->is_tls_hs) return MG_IO_WAIT;
  rc = read_records(c, t, has_room ? (uint8_t*)buf : NULL, has_room ? len : 0, &got);
  /* Reading may have queued output: a KeyUpdate answer, an alert. */
  if (push_output(c, t) == PUSH_FAILED) {
    if (got > 0) return (long)got;
    fail_with(c, t, "tls: sending to the peer failed");
    return MG_IO_ERR;
  }
  if (rc == MK_ERR_CLOSED) {
    /* close_notify: the peer sends nothing more. Drop whatever follows it and let
     * the core finish sending and close; mg_tls_flush() answers with our own
     * close_notify. */
    mg_iobuf_del(&c->rtls, 0, c->rtls.len);
    c->is_draining = 1;
  } else if (rc != MK_OK) {
    /* Deliver what was read before the failure; the next call reports it. */
    if (got > 0) return (long)got;
    fail_from_engine(c, t);
    return MG_IO_ERR;
  }
  if (!has_room) return 0;
  return got > 0 ? (long)got : MG_IO_WAIT;
}

long mg_tls_send(struct mg_connection* c, const void* buf, size_t len) {
  struct mkmg_tls* t = state_of(c);
  const uint8_t* in = (const uint8_t*)buf;
  size_t reported = 0;

  if (t == NULL || t->failed) return MG_IO_ERR;
  if (push_output(c, t) == PUSH_FAILED) {
    fail_with(c, t, "tls: sending to the peer failed");
    return MG_IO_ERR;
  }
  if (c->is_tls_throttled) return MG_IO_WAIT;
  if (t->sealed_unreported > 0) {
    /* Their ciphertext is out now. c->send still starts with those bytes: the core
     * deletes only what we report, whatever it appended or moved meanwhile. */
    reported = t->sealed_unreported < len ? t->sealed_unreported : len;
    t->sealed_unreported = 0;
  }
  if (!(mk_conn_state(t->conn) & MK_STATE_CAN_WRITE))
    return reported > 0 ? (long)reported : MG_IO_WAIT;
  /* Seal one record at a time, so the engine never queues more than one record of
   * ciphertext; stop when the network pushes back. */
  while (reported < len) {
    size_t chunk = len - reported, used = 0;
    int rc;
    if (chunk > MK_MAX_PLAINTEXT) chunk = MK_MAX_PLAINTEXT;
    rc = mk_conn_write(t->conn, in + reported, chunk, &used);
    if (rc == MK_ERR_BUFFER_FULL || (rc == MK_OK && used == 0)) break;
    if (rc != MK_OK) {
      if (reported > 0) return (long)reported;
      fail_from_engine(c, t);
      return MG_IO_ERR;
    }
    switch (push_output(c, t)) {
      case PUSH_DONE:
        reported += used;
        continue;
      case PUSH_BLOCKED:
        t->sealed_unreported = used;
        break;
      case PUSH_FAILED:
        fail_with(c, t, "tls: sending to the peer failed");
        return MG_IO_ERR;
    }
    break;
  }
  /* 0 would close the connection on Mongoose's socket path: say "later" instead. */
  return reported > 0 ? (long)reported : MG_IO_WAIT;
}

size_t mg_tls_pending(struct mg_connection* c) {
  struct mkmg_tls* t = state_of(c);
  size_t n;
  if (t == NULL) return 0;
  n = mk_conn_pending(t->conn);
  /* During the handshake Mongoose's socket path neither watches for writability
   * nor calls mg_tls_flush(), so an unsent flight tail is counted here: the poll
   * loop then comes back within a millisecond and mg_tls_handshake() pushes it. */
  if (c->is_tls_hs && !t->failed) n += queued_output(t);
  return n;
}

void mg_tls_flush(struct mg_connection* c) {
  struct mkmg_tls* t = state_of(c);
  if (t == NULL || t->failed) return;
  if (push_output(c, t) == PUSH_FAILED) {
    c->is_closing = 1; /* as the core does for a broken socket: no error event */
    return;
  }
  /* Mongoose closes a draining connection right after this call once c->send is
   * empty: the last chance to tell the peer the data is complete. */
  if (c->is_draining && !c->is_tls_hs && c->send.len == 0 && !t->close_notify_queued &&
      t->sealed_unreported == 0) {
    t->close_notify_queued = true;
    if (mk_conn_close(t->conn) == MK_OK) (void)push_output(c, t);
  }
}

void mg_tls_free(struct mg_connection* c) {
  struct mkmg_tls* t = state_of(c);
  /* The socket is already closed: no I/O here, not even a close_notify. */
  if (t != NULL) free_state(t);
  c->tls = NULL;
}
