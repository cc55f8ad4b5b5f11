#!/usr/bin/env bash
# Assembles the base image of Virga's container images from this machine's JDK, with no registry:
# a jlink'd Java runtime (/opt/java), the glibc libraries it links against, a non-root user
# (65532, "nonroot", as distroless), /tmp, and the JDK's CA certificates. The result is a
# `docker save`-format tarball that Jib takes as its base (`<from><image>tar://...`), because these
# machines reach no container registry (only Maven Central).
#
# Reproducible: fixed file order, owners and times in the layer tar, fixed JSON; the same JDK gives
# the same bytes (the script builds twice and compares when CHECK=1).
# Usage: scripts/build-base-image.sh [OUT]   (default OUT: target/images/base-jre.tar)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/target/images/base-jre.tar}
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
# the modules the operator and the host need (jdeps --print-module-deps over both jars), plus the EC
# provider for TLS, zipfs, and what JDBC drivers and DNS lookups may load (GSS/SASL auth, JNDI DNS)
MODULES=java.base,java.compiler,java.desktop,java.naming,java.net.http,java.sql,jdk.httpserver,jdk.management,jdk.net,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,java.security.jgss,java.security.sasl,jdk.naming.dns
EPOCH=0

say() { printf '[base-image] %s\n' "$*" >&2; }

build() { # build DIR TAR
  local work=$1 tar=$2 rootfs=$1/rootfs
  rm -rf "$work"; mkdir -p "$rootfs"
  say "jlink $MODULES from $JAVA_HOME"
  "$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods" --add-modules "$MODULES" \
    --strip-debug --no-header-files --no-man-pages --output "$rootfs/opt/java"
  # Debian's JDK links its CA store and security files to /etc; the image has them as files
  for f in cacerts blocked.certs default.policy public_suffix_list.dat; do
    if [ -L "$rootfs/opt/java/lib/security/$f" ] || [ ! -e "$rootfs/opt/java/lib/security/$f" ]; then
      [ -e "$JAVA_HOME/lib/security/$f" ] || continue
      rm -f "$rootfs/opt/java/lib/security/$f"
      cp -L "$JAVA_HOME/lib/security/$f" "$rootfs/opt/java/lib/security/$f"
    fi
  done
  say "glibc and friends (ldd)"
  local libs
  # not the GUI libraries of java.desktop (X11, fonts, images, sound): java.beans is all it is here for
  libs=$(find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
    ! -regex '.*/lib\(awt\|awt_xawt\|fontmanager\|jawt\|splashscreen\|lcms\|javajpeg\|jsound\|mlib_image\)\.so' -print0 \
    | xargs -0 ldd 2>/dev/null | awk '/=>/ {print $3} /^\s*\/lib/ {print $1}' | grep '^/' | sort -u)
  for lib in $libs /lib64/ld-linux-x86-64.so.2; do
    case "$lib" in "$rootfs"*) continue ;; esac
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done
  # glibc's resolver for DNS lookups (Kubernetes service names)
  for lib in /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libnss_files.so.2 \
    /lib/x86_64-linux-gnu/libresolv.so.2; do
    [ -e "$lib" ] && cp -L "$lib" "$rootfs$lib"
  done
  mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/nonroot" "$rootfs/bin"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' >"$rootfs/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  chmod 1777 "$rootfs/tmp"
  ln -s /opt/java/bin/java "$rootfs/bin/java"

  say "layer tar"
  local layer=$work/layer.tar
  # owner 0 everywhere except the home directory; fixed order and times
  tar --sort=name --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner -C "$rootfs" \
    --exclude=./home/nonroot -cf "$layer" .
  tar --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    --mtime="@$EPOCH" --owner=65532 --group=65532 --numeric-owner -C "$rootfs" -rf "$layer" ./home/nonroot
  local diff; diff=$(sha256sum "$layer" | cut -d' ' -f1)
  local jv; jv=$("$rootfs/opt/java/bin/java" -version 2>&1 | head -1 | sed 's/"//g')
  local config
  config=$(jq -cn --arg diff "sha256:$diff" --arg jv "$jv" '{
    architecture: "amd64", os: "linux", created: "1970-01-01T00:00:00Z",
    config: {
      User: "65532:65532", WorkingDir: "/home/nonroot",
      Env: ["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8", "HOME=/home/nonroot"],
      Labels: {"org.opencontainers.image.description": ("Virga base: jlinked " + $jv + ", glibc, user 65532")}
    },
    rootfs: {type: "layers", diff_ids: [$diff]},
    history: [{created: "1970-01-01T00:00:00Z", created_by: "scripts/build-base-image.sh"}]
  }')
  local cid; cid=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
  mkdir -p "$work/image/$diff"
  mv "$layer" "$work/image/$diff/layer.tar"
  printf '%s' "$config" >"$work/image/$cid.json"
  jq -cn --arg c "$cid.json" --arg l "$diff/layer.tar" \
    '[{Config: $c, RepoTags: ["virga/base-jre:17"], Layers: [$l]}]' >"$work/image/manifest.json"
  mkdir -p "$(dirname "$tar")"
  # entries without a leading ./ (Jib refuses "./" as outside its destination)
  tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner -C "$work/image" -cf "$tar" \
    manifest.json "$cid.json" "$diff"
  say "$(basename "$tar"): config sha256:$cid, layer sha256:$diff ($(du -h "$tar" | cut -f1))"
}

WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
build "$WORK/a" "$OUT"
if [ "${CHECK:-0}" = 1 ]; then
  build "$WORK/b" "$WORK/again.tar"
  cmp -s "$OUT" "$WORK/again.tar" || { say "NOT reproducible: two builds differ"; exit 1; }
  say "reproducible: a second build is byte-identical"
fi
echo "$OUT"
