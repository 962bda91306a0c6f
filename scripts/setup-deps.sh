#!/usr/bin/env bash
# Install the Debian packages Meerkat needs to build, test and benchmark, if missing.
# Safe to run repeatedly: it only calls apt-get when something is absent.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config   # toolchain
  libbearssl-dev                                 # crypto primitives
  publicsuffix                                   # wildcard rules, compiled in (src/x509)
  ca-certificates                                # system CA bundle (trust-store tests, `meerkat get`)
  libgtest-dev                                   # unit tests
  openssl gnutls-bin curl                        # real peers for interop tests
  chromium                                       # a real browser for interop tests
  libssl-dev                                     # OpenSSL side of `make bench`
  wrk nginx                                      # `make bench` over loopback
  python3                                        # test summary
  clang libclang-rt-14-dev llvm                  # libFuzzer targets (fuzz/, `make fuzz`)
  valgrind                                       # memcheck run of the interop tests
  procps iproute2                                # ps/ss used by tests' process checks
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing missing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
