# Helpers for the scripts that make test certificates with `openssl ca` (sourced,
# not run). `openssl ca` is used rather than `openssl x509` because the 3.0 CLI can
# pin validity dates only there (-startdate/-enddate).
#
#   ca_init <dir>        openssl ca scaffolding (config, database) in <dir>
#   new_key <type> <out> a PKCS#8 private key; type: p256 p384 rsa1024 rsa2048 rsa4096
#   issue <out.pem> <subject> <key.pem> <ext-section> <md> <issuer.pem|self> <issuer-key.pem> [start end]
#                        a certificate with the extensions of <ext-section> in $CA_EXTFILE,
#                        signed with digest <md> and any extra "-sigopt" values in CA_SIGOPT
#
# Every certificate gets its own serial from one counter (CA_SERIAL).

CA_SERIAL=${CA_SERIAL:-4096}
CA_SIGOPT=()
CA_START=${CA_START:-20260101000000Z}
CA_END=${CA_END:-20360101000000Z}

ca_init() {
  CA_DIR=$1
  mkdir -p "$CA_DIR/newcerts"
  : >"$CA_DIR/index.txt"
  cat >"$CA_DIR/ca.cnf" <<CNF
[ ca ]
default_ca = ca_default

[ ca_default ]
dir = $CA_DIR
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
unique_subject = no
default_md = sha256
policy = policy_any
copy_extensions = none
email_in_dn = no

[ policy_any ]
organizationName = optional
commonName = optional

[ req ]
distinguished_name = req_dn
prompt = no
[ req_dn ]
CN = unused
CNF
}

new_key() {
  case "$1" in
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
            -pkeyopt ec_param_enc:named_curve -out "$2" ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 \
            -pkeyopt ec_param_enc:named_curve -out "$2" ;;
    rsa1024) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$2" ;;
    rsa2048) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" ;;
    rsa4096) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$2" ;;
    *) echo "openssl-ca: unknown key type $1" >&2; exit 1 ;;
  esac 2>/dev/null
}

issue() {
  local out=$1 subj=$2 key=$3 ext=$4 md=$5 issuer=$6 issuer_key=$7
  local start=${8:-$CA_START} end=${9:-$CA_END}
  local csr="$CA_DIR/req.csr"
  openssl req -new -config "$CA_DIR/ca.cnf" -key "$key" -subj "$subj" -out "$csr"
  printf '%X\n' "$CA_SERIAL" >"$CA_DIR/serial"
  CA_SERIAL=$((CA_SERIAL + 1))
  local signer=()
  if [ "$issuer" = self ]; then
    signer=(-selfsign -keyfile "$key")
  else
    signer=(-cert "$issuer" -keyfile "$issuer_key")
  fi
  local opts=()
  for o in "${CA_SIGOPT[@]}"; do opts+=(-sigopt "$o"); done
  openssl ca -batch -config "$CA_DIR/ca.cnf" -notext -preserveDN \
    -md "$md" -startdate "$start" -enddate "$end" \
    -extfile "$CA_EXTFILE" -extensions "$ext" "${opts[@]}" \
    "${signer[@]}" -in "$csr" -out "$out" 2>/dev/null
}
