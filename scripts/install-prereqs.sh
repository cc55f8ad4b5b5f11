#!/usr/bin/env bash
# Installs everything the build and the test suite need, idempotently (a second run does nothing new):
#   Debian   JDK tooling, servers the integration tests start (etcd, nats-server, redis, docker-registry, postgresql),
#            guest toolchains (clang/lld/wasi-libc, Rust 1.63 for wasm32-wasi, wabt), wrk for load tests
#   source   kube-apiserver + kube-controller-manager 1.20.2 built from Debian's source package into
#            $KUBE_CACHE (outside the repo; skipped when already built), laid out for fabric8 kube-api-test
#   npm      jco, componentize-js, componentize-qjs, preview2-shim (guests/tools/node_modules)
#   helm     v3.18.0 from an npm package, into $HELM_DIR
# Usage: scripts/install-prereqs.sh            (root, or sudo available)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export KUBE_CACHE=${KUBE_CACHE:-$HOME/.cache/kube-debian}
export HELM_DIR=${HELM_DIR:-$HOME/.cache/helm}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

step() { printf '\n==> %s\n' "$*"; }

DEBS=(etcd-server nats-server redis-server docker-registry apache2-utils postgresql clang lld wasi-libc libclang-rt-dev-wasm32
      rustc libstd-rust-dev-wasm32 wrk wabt openssl python3 golang-go make rsync jq
      golang-github-modern-go-reflect2-dev)
# kubectl: the machine image may ship its own; Debian's kubernetes-client (1.20.2) only where none exists
command -v kubectl >/dev/null 2>&1 || DEBS+=(kubernetes-client)
missing=()
for p in "${DEBS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts these as system services on install; the tests start their own on free ports.
  for s in nats-server redis-server docker-registry etcd postgresql; do $SUDO systemctl disable --now "$s" >/dev/null 2>&1 || true; done
  for s in nats-server redis-server docker-registry etcd postgres; do pkill -x "$s" >/dev/null 2>&1 || true; done
else
  step "Debian packages: all present"
fi

step "kube-apiserver 1.20.2 from Debian sources (cache: $KUBE_CACHE)"
WORK="$KUBE_CACHE/build" OUT="$KUBE_CACHE/bin" "$HERE/build-kube-apiserver-from-debian.sh"
BIN="$KUBE_CACHE/bin" KUBE_API_TEST_DIR="$KUBE_CACHE/kube-api-test" "$HERE/setup-kube-api-test-dir.sh" >/dev/null
rm -rf "$KUBE_CACHE/build/src"   # 1+ GB of sources are not needed once the binaries exist

step "npm guest tools (guests/tools)"
if [ ! -x "$ROOT/guests/tools/node_modules/.bin/jco" ] || [ ! -x "$ROOT/guests/tools/node_modules/.bin/componentize-qjs" ]; then
  (cd "$ROOT/guests/tools" && npm install --no-audit --no-fund --loglevel=error)
fi
"$ROOT/guests/tools/node_modules/.bin/jco" --version

step "helm (into $HELM_DIR)"
DEST="$HELM_DIR" "$HERE/install-helm.sh"
echo
echo "prerequisites ready: KUBE_API_TEST_DIR=$KUBE_CACHE/kube-api-test  helm=$HELM_DIR/helm"
