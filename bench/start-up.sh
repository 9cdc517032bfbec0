#!/usr/bin/env bash
# Start-up: the CPU and wall time a user's command spends before and around its work, with the launcher's
# class-data archives (scripts/record-class-data.sh) and without them (IMAGER_CDS=off), alternating, in the same run.
#   worker  `./imager worker` from start until it is ready (engine up, subscribed on nats-server), then stopped
#   run     `./imager run` for 1 s at 100 rps against nginx on loopback, whole process (start, run, report, exit)
# Prints each run, then the medians and the ratio with/without.
#
# Usage: bench/start-up.sh [repetitions=5]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

REPS=${1:-5}
need nginx nginx-light
need nats-server nats-server
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: sudo apt-get install -y time)"
IMAGER_CDS=on build_if_needed

WORK=$(mktemp -d)
NATS_PID=""
cleanup() {
  [ -z "$NATS_PID" ] || { kill "$NATS_PID" 2>/dev/null; wait "$NATS_PID" 2>/dev/null || true; }
  stop_nginx
  rm -rf "$WORK"
}
trap cleanup EXIT
PORT=$(free_port)
start_nginx "$PORT"
start_nats "$WORK/nats.log"

# worker CDS: prints "cpu-s wall-s" of a worker: CPU from start to exit after a SIGTERM as soon as it is ready,
# wall time from start to that moment.
worker() {
  local t0 log="$WORK/worker.log"
  t0=$(date +%s.%N)
  IMAGER_CDS=$1 /usr/bin/time -f '%U %S %e' -o "$WORK/time" "$ROOT/imager" worker --nats-url "nats://127.0.0.1:$NATS_PORT" \
    --metrics-port 0 >"$log" 2>&1 &
  local timer=$! ready=""
  for _ in $(seq 1 300); do grep -q " ready on " "$log" && { ready=$(date +%s.%N); break; }; sleep 0.02; done
  [ -n "$ready" ] || die "the worker did not start: $(cat "$log")"
  kill -TERM "$(pgrep -P "$timer")"
  wait "$timer" || true
  # the last line: a program ended by a signal has /usr/bin/time write a line about it first
  tail -1 "$WORK/time" | awk -v r="$ready" -v t="$t0" '{printf "%.2f %.2f", $1 + $2, r - t}'
}

# run CDS: prints "cpu-s wall-s" of a whole `./imager run` of 1 s.
run() {
  IMAGER_CDS=$1 /usr/bin/time -f '%U %S %e' -o "$WORK/time" "$ROOT/imager" run --target-url "http://127.0.0.1:$PORT/" \
    -load-calculator step -min-rps 100 -max-rps 100 -step-rps 1 --duration 1s --progress off -listen-port 0 \
    --report-dir "$WORK/report" >"$WORK/run.log" 2>&1 || die "imager run failed: $(cat "$WORK/run.log")"
  awk '{printf "%.2f %.2f", $1 + $2, $3}' "$WORK/time"
}

: >"$WORK/results"
for rep in $(seq 1 "$REPS"); do
  for cds in on off; do
    w=$(worker $cds); r=$(run $cds)
    echo "rep $rep IMAGER_CDS=$cds: worker to ready cpu=${w% *}s wall=${w#* }s; imager run 1 s: cpu=${r% *}s wall=${r#* }s"
    echo "$cds $w $r" >>"$WORK/results"
  done
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
m() { awk -v c="$1" -v k="$2" '$1==c {print $k}' "$WORK/results" | median; }
echo "medians of $REPS:"
for cds in on off; do
  echo "  IMAGER_CDS=$cds: worker to ready cpu=$(m $cds 2)s wall=$(m $cds 3)s; imager run 1 s: cpu=$(m $cds 4)s wall=$(m $cds 5)s"
done
awk -v a="$(m on 2)" -v b="$(m off 2)" -v c="$(m on 4)" -v d="$(m off 4)" \
  'BEGIN {printf "  ratio on/off: worker start-up CPU %.2f, imager run CPU %.2f\n", a/b, c/d}'
