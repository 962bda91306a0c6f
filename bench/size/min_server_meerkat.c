/* The smallest useful TLS 1.3 server on Meerkat's C API, built at -Os for the code
 * size row of `make bench` (which only measures it). One connection at a time on
 * 127.0.0.1: handshake, read a request, answer with a fixed response, close.
 *
 * usage: min_server_meerkat CHAIN.pem KEY.pem PORT */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "loopback_listener.h"
#include "meerkat/meerkat.h"

static const char kResponse[] = "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n";

/* Send everything the connection has queued. 0 when the socket failed. */
static int flush(int fd, mk_conn* c) {
  const uint8_t* out;
  size_t n;
  while ((n = mk_conn_output(c, &out)) > 0) {
    ssize_t sent = send(fd, out, n, MSG_NOSIGNAL);
    if (sent <= 0) return 0;
    mk_conn_output_ack(c, (size_t)sent);
  }
  return 1;
}

static void serve(int fd, const mk_config* cfg) {
  mk_conn* c = mk_conn_new(cfg);
  uint8_t in[4096];
  size_t have = 0;
  int answered = 0;
  while (c && flush(fd, c)) {
    unsigned state = mk_conn_state(c);
    if (answered || (state & (MK_STATE_CLOSED | MK_STATE_FAILED))) break;
    if (state & MK_STATE_HAS_PLAINTEXT) {
      uint8_t request[1024];
      size_t got, used;
      mk_conn_read(c, request, sizeof request, &got);
      mk_conn_write(c, (const uint8_t*)kResponse, sizeof kResponse - 1, &used);
      mk_conn_close(c);
      answered = 1;
      continue;
    }
    ssize_t r = recv(fd, in + have, sizeof in - have, 0);
    if (r <= 0) break;
    have += (size_t)r;
    size_t used = 0;
    int err = mk_conn_feed(c, in, have, &used);
    memmove(in, in + used, have - used);
    have -= used;
    if (err != MK_OK) {
      fprintf(stderr, "tls: %s\n", mk_conn_error_message(c));
      flush(fd, c); /* the alert */
      break;
    }
  }
  mk_conn_free(c);
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s CHAIN.pem KEY.pem PORT\n", argv[0]);
    return 2;
  }
  mk_config* cfg = mk_config_new(MK_ROLE_SERVER);
  int err = mk_config_set_versions(cfg, MK_TLS_1_3, MK_TLS_1_3);
  if (err == MK_OK) err = mk_config_load_cert_chain_file(cfg, argv[1]);
  if (err == MK_OK) err = mk_config_load_private_key_file(cfg, argv[2]);
  if (err != MK_OK) {
    fprintf(stderr, "config: %s\n", mk_err_text(err));
    return 1;
  }
  int listener = listen_on_loopback(argv[3]);
  if (listener < 0) return 1;
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    if (fd < 0) continue;
    serve(fd, cfg);
    close(fd);
  }
}
