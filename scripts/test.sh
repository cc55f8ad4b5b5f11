#!/usr/bin/env bash
# Runs the whole test suite: unit tests (*Test), then the integration tiers (*IT, *E2E) that start real
# servers on 127.0.0.1 (kube-apiserver + etcd, nats-server, ...). Prerequisites: scripts/install-prereqs.sh.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl runtime/component -am
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -ntp -Dstyle.color=never verify "$@"
