/* The same minimal TLS 1.3 server as min_server_meerkat.c, on libssl + libcrypto,
 * built at -Os for the code size row of `make bench` (which only measures it).
 *
 * usage: min_server_openssl CHAIN.pem KEY.pem PORT */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "loopback_listener.h"

static const char kResponse[] = "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n";

static void serve(int fd, SSL_CTX* ctx) {
  SSL* ssl = SSL_new(ctx);
  if (!ssl) return;
  SSL_set_fd(ssl, fd);
  if (SSL_accept(ssl) == 1) {
    char request[1024];
    if (SSL_read(ssl, request, sizeof request) > 0) {
      SSL_write(ssl, kResponse, sizeof kResponse - 1);
    }
    SSL_shutdown(ssl);
  } else {
    ERR_print_errors_fp(stderr);
  }
  SSL_free(ssl);
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s CHAIN.pem KEY.pem PORT\n", argv[0]);
    return 2;
  }
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (!ctx || !SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
      SSL_CTX_use_certificate_chain_file(ctx, argv[1]) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, argv[2], SSL_FILETYPE_PEM) != 1) {
    ERR_print_errors_fp(stderr);
    return 1;
  }
  int listener = listen_on_loopback(argv[3]);
  if (listener < 0) return 1;
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    if (fd < 0) continue;
    serve(fd, ctx);
    close(fd);
  }
}
