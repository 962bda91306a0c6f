#!/usr/bin/env bash
# Generate tests/data/x509: certificates made by `openssl` for the X.509 unit tests,
# one (or a few) per verification rule, in both directions. Re-runnable: every run
# makes fresh keys and replaces the directory. The outputs are committed.
#
# Everything is valid 2026-01-01..2036-01-01 unless it is meant to be expired or
# not yet valid; tests verify at 2027-01-01 (1798761600).
#
# Usage: scripts/make-x509-certs.sh       (from anywhere inside the repository)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=lib/openssl-ca.sh
. "$ROOT/scripts/lib/openssl-ca.sh"
ca_init "$WORK/ca"
CA_EXTFILE="$WORK/ext.cnf"
CA_SERIAL=8192

# section <name> <line>...: one extension section of $CA_EXTFILE
section() {
  printf '[ %s ]\n' "$1"
  shift
  printf '%s\n' "$@" ""
}
IDS=("subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid:always")
CA_TRUE="basicConstraints = critical, CA:TRUE"
CA_KU="keyUsage = critical, keyCertSign, cRLSign"
EE="basicConstraints = critical, CA:FALSE"
DS="keyUsage = critical, digitalSignature"
SERVER="extendedKeyUsage = serverAuth"
WWW="subjectAltName = DNS:www.example.com"
{
  section root "$CA_TRUE" "$CA_KU" "subjectKeyIdentifier = hash"
  section ca "$CA_TRUE" "$CA_KU" "${IDS[@]}"
  section ca_pathlen0 "$CA_TRUE, pathlen:0" "$CA_KU" "${IDS[@]}"
  section ca_not_ca "$EE" "$DS" "${IDS[@]}"
  section ca_no_basic_constraints "$CA_KU" "${IDS[@]}"
  section ca_no_cert_sign "$CA_TRUE" "keyUsage = critical, digitalSignature, cRLSign" "${IDS[@]}"
  section ca_client_only "$CA_TRUE" "$CA_KU" "extendedKeyUsage = clientAuth" "${IDS[@]}"
  section ca_server_eku "$CA_TRUE" "$CA_KU" "$SERVER" "${IDS[@]}"
  section ca_permitted "$CA_TRUE" "$CA_KU" "${IDS[@]}" \
    "nameConstraints = critical, permitted;DNS:example.com, permitted;IP:192.0.2.0/255.255.255.0"
  section ca_excluded "$CA_TRUE" "$CA_KU" "${IDS[@]}" \
    "nameConstraints = critical, excluded;DNS:bad.example.com, excluded;IP:2001:db8:bad::/ffff:ffff:ffff::"
  section server "$EE" "$DS" "$SERVER" "${IDS[@]}" \
    "subjectAltName = DNS:www.example.com, DNS:*.apps.example.com, IP:192.0.2.10, IP:2001:db8::10"
  section server_no_san "$EE" "$DS" "$SERVER" "${IDS[@]}"
  section server_no_eku "$EE" "$DS" "$WWW" "${IDS[@]}"
  section server_any_eku "$EE" "$DS" "extendedKeyUsage = anyExtendedKeyUsage" "$WWW" "${IDS[@]}"
  section server_key_encipherment "$EE" "keyUsage = critical, keyEncipherment" "$SERVER" "$WWW" "${IDS[@]}"
  section server_is_ca "$CA_TRUE" "keyUsage = critical, digitalSignature, keyCertSign" "$SERVER" \
    "$WWW" "${IDS[@]}"
  section server_unknown_critical "$EE" "$DS" "$SERVER" "$WWW" "${IDS[@]}" \
    "1.3.6.1.4.1.55555.1 = critical, ASN1:NULL"
  section server_unknown_noncritical "$EE" "$DS" "$SERVER" "$WWW" "${IDS[@]}" \
    "1.3.6.1.4.1.55555.1 = ASN1:NULL"
  section server_name_constraints "$EE" "$DS" "$SERVER" "$WWW" "${IDS[@]}" \
    "nameConstraints = critical, permitted;DNS:example.com"
  section server_wildcards "$EE" "$DS" "$SERVER" "${IDS[@]}" \
    "subjectAltName = DNS:*.com, DNS:*.co.uk, DNS:w*.example.net, DNS:*.*.example.org, DNS:a.*.example.org"
  section server_bad_name "$EE" "$DS" "$SERVER" "${IDS[@]}" \
    "subjectAltName = DNS:bad.example.com, IP:2001:db8:bad::1"
  section server_outside "$EE" "$DS" "$SERVER" "subjectAltName = DNS:www.evil.test" "${IDS[@]}"
  section server_inside "$EE" "$DS" "$SERVER" "subjectAltName = DNS:www.example.com, IP:192.0.2.10" \
    "${IDS[@]}"
  section server_ip_outside "$EE" "$DS" "$SERVER" \
    "subjectAltName = DNS:www.example.com, IP:198.51.100.1" "${IDS[@]}"
  section client "$EE" "$DS" "extendedKeyUsage = clientAuth" "${IDS[@]}"
} >"$CA_EXTFILE"

D="$WORK/x509"
K="$WORK/keys"
mkdir -p "$D" "$K"

# ---- the main chain: root -> int -> leaf (ECDSA P-256) ------------------------------
new_key p256 "$K/root.key"
new_key p256 "$K/int.key"
new_key p256 "$D/leaf-key.pem"
issue "$D/root.pem" "/O=Meerkat X509 Tests/CN=Test Root" "$K/root.key" root sha256 self ""
issue "$D/int.pem" "/O=Meerkat X509 Tests/CN=Test Int" "$K/int.key" ca sha256 "$D/root.pem" "$K/root.key"

# leaf <name> <ext-section> [md] [start end]: a P-256 leaf under int, with its own key
leaf() {
  local name=$1 ext=$2 md=${3:-sha256}
  new_key p256 "$K/$name.key"
  issue "$D/$name.pem" "/O=Meerkat X509 Tests/CN=$name" "$K/$name.key" "$ext" "$md" \
    "$D/int.pem" "$K/int.key" "${4:-$CA_START}" "${5:-$CA_END}"
}

issue "$D/leaf.pem" "/O=Meerkat X509 Tests/CN=www.example.com" "$D/leaf-key.pem" server sha256 \
  "$D/int.pem" "$K/int.key"
leaf leaf-expired server sha256 20200101000000Z 20210101000000Z
leaf leaf-not-yet-valid server sha256 20300101000000Z 20310101000000Z
leaf leaf-no-san server_no_san
leaf leaf-no-eku server_no_eku
leaf leaf-any-eku server_any_eku
leaf leaf-client client
leaf leaf-key-encipherment server_key_encipherment
leaf leaf-is-ca server_is_ca
leaf leaf-unknown-critical server_unknown_critical
leaf leaf-unknown-noncritical server_unknown_noncritical
leaf leaf-name-constraints server_name_constraints
leaf leaf-wildcards server_wildcards
leaf leaf-sha1 server sha1
new_key rsa1024 "$K/leaf-rsa1024.key"
issue "$D/leaf-rsa1024.pem" "/O=Meerkat X509 Tests/CN=leaf-rsa1024" "$K/leaf-rsa1024.key" server \
  sha256 "$D/int.pem" "$K/int.key"

# A leaf whose issuer is the ordinary leaf (not a CA), and a self-signed leaf.
new_key p256 "$K/leaf-by-leaf.key"
issue "$D/leaf-by-leaf.pem" "/O=Meerkat X509 Tests/CN=leaf-by-leaf" "$K/leaf-by-leaf.key" server \
  sha256 "$D/leaf.pem" "$D/leaf-key.pem"
new_key p256 "$K/self-signed.key"
issue "$D/self-signed.pem" "/O=Meerkat X509 Tests/CN=www.example.com" "$K/self-signed.key" server \
  sha256 self ""

# ---- intermediates that must not issue (each with a leaf below) ---------------------
# sub_ca <name> <ext-section> [start end]: a P-256 CA under root; <name>-leaf under it
sub_ca() {
  local name=$1 ext=$2
  new_key p256 "$K/$name.key"
  issue "$D/$name.pem" "/O=Meerkat X509 Tests/CN=$name" "$K/$name.key" "$ext" sha256 \
    "$D/root.pem" "$K/root.key" "${3:-$CA_START}" "${4:-$CA_END}"
  new_key p256 "$K/$name-leaf.key"
  issue "$D/$name-leaf.pem" "/O=Meerkat X509 Tests/CN=$name-leaf" "$K/$name-leaf.key" server \
    sha256 "$D/$name.pem" "$K/$name.key"
}
sub_ca int-not-ca ca_not_ca
sub_ca int-no-basic-constraints ca_no_basic_constraints
sub_ca int-no-cert-sign ca_no_cert_sign
sub_ca int-client-only ca_client_only
sub_ca int-server-eku ca_server_eku
sub_ca int-pathlen0 ca_pathlen0

# int-pathlen0 -> int-below-pathlen0 -> leaf: one intermediate too many for pathlen 0.
new_key p256 "$K/int-below-pathlen0.key"
issue "$D/int-below-pathlen0.pem" "/O=Meerkat X509 Tests/CN=int-below-pathlen0" \
  "$K/int-below-pathlen0.key" ca sha256 "$D/int-pathlen0.pem" "$K/int-pathlen0.key"
new_key p256 "$K/leaf-below-pathlen0.key"
issue "$D/leaf-below-pathlen0.pem" "/O=Meerkat X509 Tests/CN=leaf-below-pathlen0" \
  "$K/leaf-below-pathlen0.key" server sha256 "$D/int-below-pathlen0.pem" "$K/int-below-pathlen0.key"

# ---- name constraints --------------------------------------------------------------
# nc_leaf <ca> <name> <ext-section>: a leaf under one of the constrained CAs
nc_leaf() {
  new_key p256 "$K/$2.key"
  issue "$D/$2.pem" "/O=Meerkat X509 Tests/CN=$2" "$K/$2.key" "$3" sha256 "$D/$1.pem" "$K/$1.key"
}
sub_ca int-permitted ca_permitted
nc_leaf int-permitted permitted-inside server_inside
nc_leaf int-permitted permitted-dns-outside server_outside
nc_leaf int-permitted permitted-ip-outside server_ip_outside
sub_ca int-excluded ca_excluded
nc_leaf int-excluded excluded-bad server_bad_name

# ---- alternatives: the same CA expired, re-keyed, or cross-signed ------------------
# The same subject and key as int, but expired: a path through it fails, int works.
issue "$D/int-expired-twin.pem" "/O=Meerkat X509 Tests/CN=Test Int" "$K/int.key" ca sha256 \
  "$D/root.pem" "$K/root.key" 20200101000000Z 20210101000000Z
# int re-keyed: same subject, new key; a leaf signed by the new key.
new_key p256 "$K/int-rekeyed.key"
issue "$D/int-rekeyed.pem" "/O=Meerkat X509 Tests/CN=Test Int" "$K/int-rekeyed.key" ca sha256 \
  "$D/root.pem" "$K/root.key"
new_key p256 "$K/leaf-rekeyed.key"
issue "$D/leaf-rekeyed.pem" "/O=Meerkat X509 Tests/CN=www.example.com" "$K/leaf-rekeyed.key" \
  server sha256 "$D/int-rekeyed.pem" "$K/int-rekeyed.key"
# A second root, and int (same subject and key) cross-signed by it.
new_key p256 "$K/root2.key"
issue "$D/root2.pem" "/O=Meerkat X509 Tests/CN=Test Root 2" "$K/root2.key" root sha256 self ""
issue "$D/int-cross.pem" "/O=Meerkat X509 Tests/CN=Test Int" "$K/int.key" ca sha256 \
  "$D/root2.pem" "$K/root2.key"

# ---- other algorithms: RSA (PKCS#1 v1.5 and PSS) and P-384 ---------------------------
new_key rsa2048 "$K/rsa-root.key"
issue "$D/rsa-root.pem" "/O=Meerkat X509 Tests/CN=Test RSA Root" "$K/rsa-root.key" root sha256 self ""
# rsa_leaf <name> <md> [sigopts...]: a P-256 leaf signed by the RSA root
rsa_leaf() {
  local name=$1 md=$2
  shift 2
  CA_SIGOPT=("$@")
  new_key p256 "$K/$name.key"
  issue "$D/$name.pem" "/O=Meerkat X509 Tests/CN=www.example.com" "$K/$name.key" server "$md" \
    "$D/rsa-root.pem" "$K/rsa-root.key"
  CA_SIGOPT=()
}
rsa_leaf rsa-leaf-sha256 sha256
rsa_leaf rsa-leaf-sha384 sha384
rsa_leaf rsa-leaf-sha512 sha512
rsa_leaf rsa-leaf-md5 md5
rsa_leaf rsa-leaf-pss sha256 rsa_padding_mode:pss rsa_pss_saltlen:digest
rsa_leaf rsa-leaf-pss-sha384 sha384 rsa_padding_mode:pss rsa_pss_saltlen:digest
rsa_leaf rsa-leaf-pss-salt20 sha256 rsa_padding_mode:pss rsa_pss_saltlen:20
new_key rsa2048 "$K/rsa-leaf-key.key"
issue "$D/rsa-leaf-rsa-key.pem" "/O=Meerkat X509 Tests/CN=www.example.com" "$K/rsa-leaf-key.key" \
  server sha256 "$D/rsa-root.pem" "$K/rsa-root.key"

new_key p384 "$K/p384-root.key"
new_key p384 "$K/p384-leaf.key"
issue "$D/p384-root.pem" "/O=Meerkat X509 Tests/CN=Test P-384 Root" "$K/p384-root.key" root \
  sha384 self ""
issue "$D/p384-leaf.pem" "/O=Meerkat X509 Tests/CN=www.example.com" "$K/p384-leaf.key" server \
  sha384 "$D/p384-root.pem" "$K/p384-root.key"

# ---- private keys the loader must refuse ------------------------------------------
openssl genpkey -algorithm ed25519 -out "$D/key-ed25519.pem" 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out "$D/key-p521.pem" 2>/dev/null
new_key rsa1024 "$D/key-rsa1024.pem"
# The leaf key as a traditional SEC1 PEM with RFC 1421 encryption headers.
openssl ec -aes128 -passout pass:meerkat-test -in "$D/leaf-key.pem" \
  -out "$D/key-sec1-encrypted.pem" 2>/dev/null

# ---- sanity check with OpenSSL, then replace the committed files --------------------
AT=1798761600
openssl verify -attime $AT -x509_strict -CAfile "$D/root.pem" -untrusted "$D/int.pem" \
  "$D/leaf.pem" >/dev/null
openssl verify -attime $AT -CAfile "$D/rsa-root.pem" "$D/rsa-leaf-pss.pem" >/dev/null
openssl verify -attime $AT -CAfile "$D/p384-root.pem" "$D/p384-leaf.pem" >/dev/null

cat >"$D/README.md" <<'MD'
# X.509 unit-test certificates

Generated by `scripts/make-x509-certs.sh`; tests verify at 2027-01-01 (1798761600).
Test-only keys; never trust these CAs anywhere. Unless named otherwise a certificate
is ECDSA P-256, valid 2026-01-01..2036-01-01, and a leaf has the profile of `leaf.pem`.

- `root.pem` -> `int.pem` -> `leaf.pem` (`leaf-key.pem`): the good chain. The leaf names
  DNS www.example.com and *.apps.example.com, IP 192.0.2.10 and 2001:db8::10.
- Leaves under `int.pem`, each breaking (or testing) one rule: `leaf-expired`,
  `leaf-not-yet-valid`, `leaf-no-san`, `leaf-no-eku`, `leaf-any-eku`, `leaf-client`
  (clientAuth), `leaf-key-encipherment`, `leaf-is-ca`, `leaf-unknown-critical`,
  `leaf-unknown-noncritical`, `leaf-name-constraints`, `leaf-wildcards` (*.com, *.co.uk,
  w*.example.net, *.*.example.org, a.*.example.org), `leaf-sha1` (ecdsa-with-SHA1),
  `leaf-rsa1024`.
- `leaf-by-leaf.pem`: signed by `leaf.pem`, which is not a CA. `self-signed.pem`.
- CAs under `root.pem`, each with `<name>-leaf.pem`: `int-not-ca`,
  `int-no-basic-constraints`, `int-no-cert-sign`, `int-client-only` (EKU clientAuth),
  `int-server-eku`, `int-pathlen0` (and `int-below-pathlen0` -> `leaf-below-pathlen0`
  under it), `int-permitted` (DNS example.com, IP 192.0.2.0/24; leaves
  `permitted-inside`, `permitted-dns-outside`, `permitted-ip-outside`), `int-excluded`
  (DNS bad.example.com, IP 2001:db8:bad::/48; leaf `excluded-bad`).
- `int-expired-twin.pem` (int's subject and key, expired), `int-rekeyed.pem` (int's
  subject, new key) with `leaf-rekeyed.pem`, `root2.pem` and `int-cross.pem` (int
  cross-signed by root2).
- `rsa-root.pem` (RSA-2048) signing P-256 leaves: `rsa-leaf-sha256`, `-sha384`,
  `-sha512`, `-md5`, `-pss` (SHA-256, salt 32), `-pss-sha384`, `-pss-salt20`; and
  `rsa-leaf-rsa-key.pem` (an RSA-2048 leaf key). `p384-root.pem` -> `p384-leaf.pem`
  (ecdsa-with-SHA384).
- Keys the loader refuses: `key-ed25519.pem`, `key-p521.pem`, `key-rsa1024.pem`, and
  `key-sec1-encrypted.pem` (leaf-key.pem encrypted the RFC 1421 way, password
  meerkat-test).
MD

rm -rf "$ROOT/tests/data/x509"
mkdir -p "$ROOT/tests/data"
cp -r "$D" "$ROOT/tests/data/x509"
chmod 644 "$ROOT"/tests/data/x509/*
echo "make-x509-certs: wrote tests/data/x509"
