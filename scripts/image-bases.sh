#!/usr/bin/env bash
# Makes the two base images the image check builds on, from Debian 12's own packages, because registries
# (eclipse-temurin on Docker Hub) may be out of reach: a build stage with openjdk-17-jdk-headless and a runtime
# stage with openjdk-17-jre-headless (plus passwd, for the Dockerfiles' useradd). Prints their references,
# build image first, one a line, for `podman build --build-arg BUILD_IMAGE=... --build-arg RUNTIME_IMAGE=...`.
#
# mmdebstrap writes each root filesystem as a tarball, cached under ~/.cache/imager-ci/images (about a minute
# each to make, seconds to reuse); `podman import` turns it into an image, skipped when podman already has it.
# The cache key is the package list: delete the cache directory to take Debian's newer packages.
# Runs as root (podman's and mmdebstrap's root mode); messages go to stderr.
set -euo pipefail

cache="${XDG_CACHE_HOME:-$HOME/.cache}/imager-ci/images"
mkdir -p "$cache"

# base NAME PACKAGES: the reference of a local image holding bookworm's apt variant plus PACKAGES.
base() {
  local name="$1" packages="$2" key tarball ref
  key="$(printf 'bookworm apt %s' "$packages" | sha256sum | cut -c1-12)"
  tarball="$cache/$name-$key.tar"
  ref="localhost/imager-test-base/$name:$key"
  if ! podman image exists "$ref"; then
    if [ ! -s "$tarball" ]; then
      echo "image-bases: mmdebstrap $name ($packages)" >&2
      rm -f "$cache/$name"-*.tar     # an older package list's tarball
      mmdebstrap --quiet --format=tar --variant=apt --include="$packages" bookworm "$tarball.part" >&2
      mv "$tarball.part" "$tarball"
    fi
    echo "image-bases: podman import $ref" >&2
    podman import --quiet "$tarball" "$ref" >/dev/null
  fi
  echo "$ref"
}

base jdk17 "openjdk-17-jdk-headless,ca-certificates"
base jre17 "openjdk-17-jre-headless,ca-certificates,passwd"
