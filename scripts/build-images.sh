#!/usr/bin/env bash
# Builds the operator and host container images as OCI image-layout tarballs with Jib (Maven profile
# `images`): no Docker daemon, no registry. The base image is assembled from this machine's JDK by
# scripts/build-base-image.sh. Each image is built twice and the digests must match (reproducible
# builds); then the tarballs are checked (non-root user, entrypoint) and, as root with unshare,
# started once (`--version`) in a chroot of their layers.
#   operator/target/images/virga-operator.tar   virga/operator:<version>
#   runtime/host/target/images/virga-host.tar   virga/host:<version>
# Load into a cluster with e.g. `ctr -n k8s.io images import FILE` or `kind load image-archive FILE`.
# Needs the modules installed first (mvn -B -q install -DskipTests). NO_PACKAGE=1 uses the compiled
# classes as they are (only the Jib goal runs); SMOKE=0 skips the chroot start.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
MVN=(mvn -B -q -o -Pimages -Dstyle.color=never)
say() { printf '==> %s\n' "$*"; }
fail() { printf 'build-images: %s\n' "$*" >&2; exit 1; }

say "base image from $(java -version 2>&1 | head -1)"
BASE=$(scripts/build-base-image.sh)

jib() { # jib MODULE
  if [ "${NO_PACKAGE:-0}" = 1 ]; then
    "${MVN[@]}" jib:buildTar@image-tar -pl "$1"
  else
    "${MVN[@]}" -DskipTests -Dspotless.check.skip=true package -pl "$1"
  fi
}

check_tar() { # check_tar TAR MAINCLASS -> prints the config JSON path
  local tar=$1 main=$2 dir; dir=$(mktemp -d)
  tar -xf "$tar" -C "$dir"
  [ "$(jq -r '.imageLayoutVersion' "$dir/oci-layout")" = 1.0.0 ] || fail "$tar: not an OCI layout"
  local m c
  m=$(jq -r '.manifests[0].digest' "$dir/index.json" | cut -d: -f2)
  c=$(jq -r '.config.digest' "$dir/blobs/sha256/$m" | cut -d: -f2)
  local cfg=$dir/blobs/sha256/$c
  [ "$(jq -r '.config.User' "$cfg")" = 65532:65532 ] || fail "$tar: user is $(jq -r .config.User "$cfg"), not 65532:65532"
  jq -e --arg m "$main" '.config.Entrypoint | (.[0] == "java") and (.[-1] == $m)' "$cfg" >/dev/null \
    || fail "$tar: entrypoint $(jq -c .config.Entrypoint "$cfg") does not run $main"
  # every blob the manifest names is present and has its digest
  for d in $c $(jq -r '.layers[].digest' "$dir/blobs/sha256/$m" | cut -d: -f2); do
    [ "$(sha256sum "$dir/blobs/sha256/$d" | cut -d' ' -f1)" = "$d" ] || fail "$tar: blob $d is corrupt"
  done
  printf '    user %s, entrypoint %s, %s layers\n' "$(jq -r .config.User "$cfg")" \
    "$(jq -c .config.Entrypoint "$cfg")" "$(jq '.layers | length' "$dir/blobs/sha256/$m")"
  if [ "${SMOKE:-1}" = 1 ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
    local rootfs=$dir/rootfs; mkdir -p "$rootfs"
    for l in $(jq -r '.layers[].digest' "$dir/blobs/sha256/$m" | cut -d: -f2); do
      tar --warning=no-unknown-keyword -xzf "$dir/blobs/sha256/$l" -C "$rootfs"
    done
    mkdir -p "$rootfs/proc"
    local entry; entry=$(jq -r '.config.Entrypoint | map(@sh) | join(" ")' "$cfg")
    # the image's own environment, its user, and nothing from this machine but the kernel
    local env; env=$(jq -r '.config.Env | map(@sh) | join(" ")' "$cfg")
    local out
    out=$(unshare -m sh -c "mount -t proc proc '$rootfs/proc' && exec env -i $env \
      /usr/sbin/chroot --userspec=65532:65532 '$rootfs' $entry --version" 2>&1 || true)
    printf '    runs as 65532 in a chroot: %s\n' "$(printf '%s' "$out" | tail -1)"
    printf '%s' "$out" | tail -1 | grep -q '^virga' || fail "$tar: the image does not start: $out"
  fi
  rm -rf "$dir"
}

build() { # build MODULE NAME MAINCLASS
  local module=$1 name=$2 main=$3 out=$1/target/images
  say "$name: Jib build 1 ($module)"
  jib "$module"
  local first; first=$(cat "$out/$name.digest")
  cp "$out/$name.tar" "$out/$name.first.tar"
  say "$name: Jib build 2 (must give the same digest)"
  NO_PACKAGE=1 jib "$module"
  local second; second=$(cat "$out/$name.digest")
  [ "$first" = "$second" ] || fail "$name is not reproducible: $first then $second"
  cmp -s "$out/$name.tar" "$out/$name.first.tar" || fail "$name: the two tarballs differ"
  rm -f "$out/$name.first.tar"
  say "$name: checking $out/$name.tar"
  check_tar "$out/$name.tar" "$main"
  DIGESTS+=("$(printf '%-16s %s  %s (%s)' "$name" "$second" "$out/$name.tar" "$(du -h "$out/$name.tar" | cut -f1)")")
}

DIGESTS=()
build operator virga-operator virga.operator.OperatorMain
build runtime/host virga-host virga.host.cli.HostCli
say "images (base $BASE):"
printf '  %s\n' "${DIGESTS[@]}"
