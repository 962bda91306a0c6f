#!/usr/bin/env bash
# Seeds for server_handshake_fuzz from other implementations: the ClientHellos of
# openssl s_client and gnutls-cli, captured over 127.0.0.1 by a listener that
# accepts one connection, reads the first flight and closes. Each becomes an input
# of the target's format (options byte 0, then the flight as one length-prefixed
# chunk) in fuzz/corpus/server_handshake/capture-<name>. Run once by hand; the files
# are committed. Port 18443 (override with PORT=), outside the tests' 20000..32000.
set -euo pipefail

PORT=${PORT:-18443}
OUT=${1:-"$(dirname "$0")/corpus/server_handshake"}
mkdir -p "$OUT"

# The listener for one capture, in the background ($! is its PID).
listen_once() {
  python3 - "$PORT" "$1" <<'PY' &
import socket, struct, sys
port, path = int(sys.argv[1]), sys.argv[2]
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port))
srv.listen(1)
srv.settimeout(10)
conn, _ = srv.accept()
conn.settimeout(5)
data = b""
# Read whole records until the handshake message inside is complete.
def complete(d):
    hs, off = b"", 0
    while off + 5 <= len(d):
        n = struct.unpack(">H", d[off + 3:off + 5])[0]
        if off + 5 + n > len(d):
            return False
        hs += d[off + 5:off + 5 + n]
        off += 5 + n
    return len(hs) >= 4 and len(hs) >= 4 + int.from_bytes(hs[1:4], "big") and off == len(d)
while not complete(data):
    chunk = conn.recv(65536)
    if not chunk:
        break
    data += chunk
conn.close()
with open(path, "wb") as f:
    f.write(b"\x00" + struct.pack(">H", len(data)) + data)
PY
}

capture() {
  local name=$1
  shift
  listen_once "$OUT/capture-$name"
  local pid=$!
  sleep 0.5
  timeout 5 "$@" </dev/null >/dev/null 2>&1 || true
  wait "$pid" || echo "capture-$name: no ClientHello captured" >&2
}

capture openssl-default openssl s_client -connect 127.0.0.1:"$PORT" -servername localhost
capture openssl-tls12 openssl s_client -connect 127.0.0.1:"$PORT" -tls1_2 -servername localhost
capture openssl-p384-alpn openssl s_client -connect 127.0.0.1:"$PORT" -groups P-384:X25519 \
  -alpn h2,http/1.1 -servername localhost
capture openssl-chacha-aes256 openssl s_client -connect 127.0.0.1:"$PORT" -tls1_3 \
  -ciphersuites TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384 -servername localhost
capture gnutls-default gnutls-cli --insecure --port "$PORT" 127.0.0.1
capture gnutls-tls12 gnutls-cli --insecure --priority NORMAL:-VERS-TLS1.3 --port "$PORT" 127.0.0.1
ls -l "$OUT"/capture-*
