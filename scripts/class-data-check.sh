#!/usr/bin/env bash
# class-data-check.sh: records the class-data archives from the built jars (scripts/record-class-data.sh, its real
# training runs) and checks that the launcher starts each program with its archive, and without it when told
# (IMAGER_CDS=off) or when the archive is older than the jar. The test command runs it after the Maven build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

fail() { echo "class-data-check: FAILED: $*" >&2; exit 1; }

scripts/record-class-data.sh

# shared_classes PROGRAM: how many classes PROGRAM's JVM took from the application archive, started through the
# launcher with --help (the JVM logs each class it loads and where from; JAVA_OPTS replaces the launcher's options).
shared_classes() {
  JAVA_OPTS="-Xlog:class+load=info" ./imager "$1" --help | grep -c "source: shared objects file (top)" || true
}

for program in coordinator worker sumservice; do
  archive="$program/target/imager-$program.jsa"
  [ -s "$archive" ] || fail "no archive at $archive"
  n=$(shared_classes "$program")
  [ "$n" -ge 50 ] || fail "./imager $program took $n classes from $archive (expected at least 50)"
  off=$(IMAGER_CDS=off shared_classes "$program")
  [ "$off" -eq 0 ] || fail "IMAGER_CDS=off: ./imager $program still took $off classes from its archive"
  # An archive older than its jar (the jar rebuilt since) is not used; made newer again, it is.
  touch -d '2000-01-01' "$archive"
  stale=$(shared_classes "$program")
  touch "$archive"
  [ "$stale" -eq 0 ] || fail "./imager $program took $stale classes from an archive older than its jar"
  echo "class-data-check: ./imager $program: $n classes from its archive; none when off or stale"
done
