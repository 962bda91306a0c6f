/* The socket side both minimal servers share, so the code size rows compare only
 * what each TLS library brings: a listening TCP socket on 127.0.0.1. */
#ifndef MEERKAT_BENCH_LOOPBACK_LISTENER_H
#define MEERKAT_BENCH_LOOPBACK_LISTENER_H

/* A socket listening on 127.0.0.1:port (given as text), or -1 with a message on
 * stderr. */
int listen_on_loopback(const char* port);

#endif
