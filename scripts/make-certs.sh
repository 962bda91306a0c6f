#!/usr/bin/env bash
# Generate the demo certificate chain (certs/demo) and the test certificates
# (tests/data/certs). Re-runnable: every run makes fresh keys and certificates in
# the same file layout, then replaces the old files. The outputs are committed, so
# this only needs to run when the set of certificates changes.
#
# Validity is pinned with `openssl ca -startdate/-enddate` (the 3.0 CLI has no
# -not_before for `x509`), so every certificate is valid 2026-01-01..2036-01-01
# unless it is meant to be expired.
#
# Usage: scripts/make-certs.sh            (from anywhere inside the repository)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Password of every key-encrypted.pem (tests use it to show the key really is encrypted).
KEY_PASSWORD=meerkat-test
START=20260101000000Z
END=20360101000000Z

# ---- openssl ca scaffolding ----------------------------------------------------
# shellcheck source=lib/openssl-ca.sh
. "$ROOT/scripts/lib/openssl-ca.sh"
ca_init "$WORK/ca"
CA_EXTFILE="$WORK/ca/ext.cnf"
CA_START=$START
CA_END=$END

cat >"$WORK/ca/ext.cnf" <<'EOF'
[ root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ intermediate ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ server ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ wrong_name ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ client ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF

# ---- tests/data/certs/<kind> ---------------------------------------------------
TESTS="$WORK/tests"
mkdir -p "$TESTS"

# make_kind <kind> <key-type> <md> <label>
make_kind() {
  local kind=$1 ktype=$2 md=$3 label=$4
  local d="$TESTS/$kind" k="$WORK/keys/$kind"
  mkdir -p "$d" "$k"
  new_key "$ktype" "$k/ca.key"
  new_key "$ktype" "$k/intermediate.key"
  new_key "$ktype" "$d/key.pem"
  issue "$d/ca.pem" "/O=Meerkat Tests/CN=Meerkat Test $label Root CA" "$k/ca.key" root "$md" self ""
  issue "$d/intermediate.pem" "/O=Meerkat Tests/CN=Meerkat Test $label Intermediate CA" \
    "$k/intermediate.key" intermediate "$md" "$d/ca.pem" "$k/ca.key"
  issue "$d/leaf.pem" "/O=Meerkat Tests/CN=localhost" "$d/key.pem" server "$md" \
    "$d/intermediate.pem" "$k/intermediate.key"
  cat "$d/leaf.pem" "$d/intermediate.pem" >"$d/chain.pem"

  # The leaf key in every other encoding the loader accepts (or must refuse).
  case "$ktype" in
    p*)
      openssl ec -in "$d/key.pem" -out "$d/key-sec1.pem" 2>/dev/null
      openssl ec -in "$d/key.pem" -no_public -out "$d/key-sec1-nopub.pem" 2>/dev/null ;;
    rsa*)
      openssl rsa -traditional -in "$d/key.pem" -out "$d/key-pkcs1.pem" 2>/dev/null ;;
  esac
  openssl pkcs8 -topk8 -v2 aes-256-cbc -passout "pass:$KEY_PASSWORD" \
    -in "$d/key.pem" -out "$d/key-encrypted.pem"
  openssl pkcs8 -topk8 -nocrypt -in "$d/key.pem" -outform DER -out "$d/key.der"
}

make_kind ecdsa-p256 p256 sha256 "ECDSA P-256"
make_kind ecdsa-p384 p384 sha384 "ECDSA P-384"
make_kind rsa-2048 rsa2048 sha256 "RSA-2048"
make_kind rsa-4096 rsa4096 sha256 "RSA-4096"

# ---- tests/data/certs/bad --------------------------------------------------------
# Each leaf comes with <name>-key.pem and, when it has an intermediate, <name>-chain.pem
# (leaf first), so a TLS peer can present it.
B="$TESTS/bad"
P="$TESTS/ecdsa-p256"
PK="$WORK/keys/ecdsa-p256"
mkdir -p "$B"

new_key p256 "$B/expired-key.pem"
issue "$B/expired.pem" "/O=Meerkat Tests/CN=localhost" "$B/expired-key.pem" server sha256 \
  "$P/intermediate.pem" "$PK/intermediate.key" 20200101000000Z 20210101000000Z
cat "$B/expired.pem" "$P/intermediate.pem" >"$B/expired-chain.pem"

new_key p256 "$B/wrong-name-key.pem"
issue "$B/wrong-name.pem" "/O=Meerkat Tests/CN=wrong.example" "$B/wrong-name-key.pem" wrong_name \
  sha256 "$P/intermediate.pem" "$PK/intermediate.key"
cat "$B/wrong-name.pem" "$P/intermediate.pem" >"$B/wrong-name-chain.pem"

# An unrelated root, with a localhost leaf signed directly by it.
new_key p256 "$WORK/keys/other-ca.key"
issue "$B/other-ca.pem" "/O=Meerkat Other/CN=Meerkat Other Root CA" "$WORK/keys/other-ca.key" \
  root sha256 self ""
new_key p256 "$B/other-leaf-key.pem"
issue "$B/other-leaf.pem" "/O=Meerkat Other/CN=localhost" "$B/other-leaf-key.pem" server sha256 \
  "$B/other-ca.pem" "$WORK/keys/other-ca.key"

# A localhost leaf whose issuer is the ordinary ecdsa-p256 leaf (not a CA).
new_key p256 "$B/leaf-signed-key.pem"
issue "$B/leaf-signed.pem" "/O=Meerkat Tests/CN=leaf-signed.localhost" "$B/leaf-signed-key.pem" \
  server sha256 "$P/leaf.pem" "$P/key.pem"
cat "$B/leaf-signed.pem" "$P/leaf.pem" "$P/intermediate.pem" >"$B/leaf-signed-chain.pem"

# Client certificates (clientAuth only) for mutual TLS.
new_key p256 "$B/client-key.pem"
issue "$B/client.pem" "/O=Meerkat Tests/CN=Meerkat Test Client" "$B/client-key.pem" client \
  sha256 "$P/intermediate.pem" "$PK/intermediate.key"
cat "$B/client.pem" "$P/intermediate.pem" >"$B/client-chain.pem"
new_key p256 "$B/other-client-key.pem"
issue "$B/other-client.pem" "/O=Meerkat Other/CN=Meerkat Other Client" "$B/other-client-key.pem" \
  client sha256 "$B/other-ca.pem" "$WORK/keys/other-ca.key"

cat "$P/ca.pem" "$P/intermediate.pem" >"$B/ca-and-intermediate.pem"

cat >"$TESTS/README.md" <<EOF
# Test certificates

Generated by \`scripts/make-certs.sh\`; valid 2026-01-01..2036-01-01 unless meant to be
expired. Test-only keys: they are public, never trust these CAs anywhere.

Per key type: \`ecdsa-p256\`, \`ecdsa-p384\` (ecdsa-with-SHA384), \`rsa-2048\` and \`rsa-4096\`
(sha256WithRSAEncryption):

- \`ca.pem\` root CA, \`intermediate.pem\` intermediate CA (pathlen 0), \`leaf.pem\` server
  certificate for DNS:localhost and IP:127.0.0.1 (serverAuth, digitalSignature),
  \`chain.pem\` leaf + intermediate
- the leaf key as \`key.pem\` (PKCS#8), \`key.der\` (PKCS#8 DER), \`key-encrypted.pem\`
  (encrypted PKCS#8, password \`$KEY_PASSWORD\`), and \`key-sec1.pem\` /
  \`key-sec1-nopub.pem\` (SEC1 with and without the public key) or \`key-pkcs1.pem\` (RSA)

\`bad/\` (each leaf has \`<name>-key.pem\`; \`<name>-chain.pem\` is the leaf + its issuers):

- \`expired\`: localhost leaf valid 2020-01-01..2021-01-01, under the ecdsa-p256 intermediate
- \`wrong-name\`: leaf for DNS:wrong.example, under the ecdsa-p256 intermediate
- \`other-ca.pem\`: an unrelated root; \`other-leaf\`: a localhost leaf signed by it
- \`leaf-signed\`: a leaf (SAN DNS:localhost) signed by ecdsa-p256/leaf.pem, which is not a
  CA; its chain is leaf-signed + that leaf + the intermediate
- \`client\` (under the ecdsa-p256 intermediate) and \`other-client\` (under the other CA):
  clientAuth certificates for mutual TLS
- \`ca-and-intermediate.pem\`: the ecdsa-p256 root and intermediate in one bundle
EOF

# ---- certs/demo ------------------------------------------------------------------
DEMO="$WORK/demo"
mkdir -p "$DEMO" "$WORK/keys/demo"
new_key p256 "$WORK/keys/demo/ca.key"
new_key p256 "$WORK/keys/demo/intermediate.key"
new_key p256 "$DEMO/key.pem"
issue "$DEMO/ca.pem" "/O=Meerkat Demo/CN=Meerkat Demo Root CA" "$WORK/keys/demo/ca.key" root \
  sha256 self ""
issue "$DEMO/intermediate.pem" "/O=Meerkat Demo/CN=Meerkat Demo Intermediate CA" \
  "$WORK/keys/demo/intermediate.key" intermediate sha256 "$DEMO/ca.pem" "$WORK/keys/demo/ca.key"
issue "$DEMO/leaf.pem" "/O=Meerkat Demo/CN=localhost" "$DEMO/key.pem" server sha256 \
  "$DEMO/intermediate.pem" "$WORK/keys/demo/intermediate.key"
cat "$DEMO/leaf.pem" "$DEMO/intermediate.pem" >"$DEMO/chain.pem"
cat >"$DEMO/README.md" <<'EOF'
# Demo certificates: DEMO ONLY

These files let `make run` serve HTTPS on localhost out of the box. The private key
(`key.pem`) is published in this repository, so anyone can impersonate this
certificate: never trust `ca.pem` outside a throwaway test, and never use these
files to protect anything.

- `ca.pem`: demo root CA (ECDSA P-256)
- `intermediate.pem`: demo intermediate CA
- `leaf.pem`: server certificate for `DNS:localhost` and `IP:127.0.0.1` (serverAuth)
- `chain.pem`: leaf + intermediate, leaf first (what the server sends)
- `key.pem`: the leaf's private key (PKCS#8 PEM)

Valid 2026-01-01 to 2036-01-01. Regenerate with `scripts/make-certs.sh`.

Try it: `make run`, then `curl --cacert certs/demo/ca.pem https://localhost:8443/`.
EOF

# ---- sanity check, then replace the committed files ------------------------------
for kind in ecdsa-p256 ecdsa-p384 rsa-2048 rsa-4096; do
  openssl verify -attime 1796256000 -CAfile "$TESTS/$kind/ca.pem" \
    -untrusted "$TESTS/$kind/intermediate.pem" "$TESTS/$kind/leaf.pem" >/dev/null
done
openssl verify -attime 1796256000 -CAfile "$DEMO/ca.pem" -untrusted "$DEMO/intermediate.pem" \
  "$DEMO/leaf.pem" >/dev/null

rm -rf "$ROOT/tests/data/certs" "$ROOT/certs/demo"
mkdir -p "$ROOT/tests/data" "$ROOT/certs"
cp -r "$TESTS" "$ROOT/tests/data/certs"
cp -r "$DEMO" "$ROOT/certs/demo"
chmod 644 "$ROOT"/tests/data/certs/*/* "$ROOT"/certs/demo/*
echo "make-certs: wrote certs/demo and tests/data/certs"
