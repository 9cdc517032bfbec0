#!/usr/bin/env bash
# record-class-data.sh: records the class-data archives the launcher starts imager's JVMs with.
#
# A JVM spends most of its start-up loading, parsing and verifying classes: about 1 CPU-second for a worker, as
# much for the coordinator, on every start (each `./imager run`, each worker joining a run). Application class-data
# sharing (JDK 13+: -XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile) maps classes already parsed and verified
# from a file instead, a third less CPU at start-up (docs/BENCHMARKS.md). This records one archive per program from
# a short training run on loopback, through the launcher itself so that the JVM options are the ones it uses:
#   sumservice   the demo target, which the training runs load
#   coordinator  `./imager run` for 2 s against it (local mode: the coordinator with its in-process workers)
#   worker       one `./imager worker` taking a 2 s distributed run's jobs, when nats-server is on the PATH;
#                otherwise its start-up only (its HTTP engine up, waiting for a broker that is not there)
# Each archive goes to <program>/target/imager-<program>.jsa; the launcher uses it while it is newer than the
# program's jar (a rebuilt jar needs a new recording: ./imager build does both). About 15 s.
#
# Usage: scripts/record-class-data.sh        (./imager build runs it; IMAGER_CDS=off makes the launcher skip both)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGER="$ROOT/imager"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/imager-class-data.XXXXXX")"
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

die() { echo "record-class-data: $*" >&2; exit 1; }

# wait_for_line FILE PATTERN PID: until FILE has a line matching PATTERN (sed -E), printing the first group; fails
# when PID ends first or after 30 s.
wait_for_line() {
  local value
  for _ in $(seq 1 300); do
    value=$(sed -n -E "s/$2/\\1/p" "$1" | head -1)
    [ -n "$value" ] && { echo "$value"; return 0; }
    kill -0 "$3" 2>/dev/null || { cat "$1" >&2; die "$(basename "$1" .log) ended before it was ready"; }
    sleep 0.1
  done
  cat "$1" >&2
  die "$(basename "$1" .log) was not ready after 30 s"
}

# stop PID: SIGTERM and wait; the JVM writes its archive as it exits.
stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# The programs' own archives are not used while recording: each run records afresh from its jar.
export IMAGER_CDS=off

IMAGER_CDS_RECORD="$WORK/sumservice.jsa" "$IMAGER" sumservice --host 127.0.0.1 --port 0 --concurrency 64 \
  --service-time-ms 1 >"$WORK/sumservice.log" 2>&1 &
SUMSERVICE=$!; PIDS+=($SUMSERVICE)
port=$(wait_for_line "$WORK/sumservice.log" '.*listening on 127\.0\.0\.1:([0-9]+).*' $SUMSERVICE)
target="http://127.0.0.1:$port"
load=(-load-calculator step -min-rps 500 -max-rps 500 -step-rps 1 --warmup 1s --duration 2s -listen-port 0)

IMAGER_CDS_RECORD="$WORK/coordinator.jsa" "$IMAGER" run --target-url "$target/sum?a=1&b=2" "${load[@]}" \
  --report-dir "$WORK/report-run" >"$WORK/run.log" 2>&1 || { cat "$WORK/run.log" >&2; die "the local run failed"; }

if nats=$(command -v nats-server || { [ -x /usr/sbin/nats-server ] && echo /usr/sbin/nats-server; }); then
  "$nats" -a 127.0.0.1 -p -1 >"$WORK/nats.log" 2>&1 &
  NATS=$!; PIDS+=($NATS)
  nats_url="nats://127.0.0.1:$(wait_for_line "$WORK/nats.log" '.*client connections on 127\.0\.0\.1:([0-9]+).*' $NATS)"
  IMAGER_CDS_RECORD="$WORK/worker.jsa" "$IMAGER" worker --nats-url "$nats_url" --subject-prefix training \
    --metrics-port 0 >"$WORK/worker.log" 2>&1 &
  WORKER=$!; PIDS+=($WORKER)
  "$IMAGER" coordinator --nats-url "$nats_url" --subject-prefix training --min-workers 1 -target-mode url \
    -target-url "$target" -request-source-type random-sum "${load[@]}" --report-dir "$WORK/report-coordinator" \
    >"$WORK/coordinator.log" 2>&1 || { cat "$WORK/coordinator.log" "$WORK/worker.log" >&2; die "the distributed run failed"; }
else
  # No broker: the worker starts its engine, finds no broker and keeps trying; its start-up classes are the archive.
  IMAGER_CDS_RECORD="$WORK/worker.jsa" "$IMAGER" worker --nats-url nats://127.0.0.1:1 --metrics-port 0 \
    >"$WORK/worker.log" 2>&1 &
  WORKER=$!; PIDS+=($WORKER)
  wait_for_line "$WORK/worker.log" '.*(not reachable yet).*' $WORKER >/dev/null
fi
stop "$WORKER"
stop "$SUMSERVICE"

for program in sumservice coordinator worker; do
  [ -s "$WORK/$program.jsa" ] || { cat "$WORK"/*.log >&2; die "no archive was written for $program"; }
  # A temporary name in the same directory, then a rename: a launcher starting meanwhile sees the old archive or
  # the new one, never half of one.
  cp "$WORK/$program.jsa" "$ROOT/$program/target/imager-$program.jsa.$$"
  mv -f "$ROOT/$program/target/imager-$program.jsa.$$" "$ROOT/$program/target/imager-$program.jsa"
done
echo "record-class-data: class-data archives recorded for sumservice, coordinator and worker" >&2
