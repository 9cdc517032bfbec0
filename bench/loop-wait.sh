#!/usr/bin/env bash
# Where an event loop's time goes: the engine bench's loop and `./imager run`'s loop at one rate, alternating, with
# per-thread CPU and run-queue wait from /proc/<pid>/task/<tid>/{stat,schedstat,status} over 6 s of steady state.
#
# Per run: achieved, send-lag p99 (the engine bench's RESULT line, or report.json for ./imager run), the process's
# cores, and per thread: CPU %, the time it was runnable but not running (run-queue wait, ms per second), time slices,
# voluntary and involuntary context switches per second. A loop that waits on the run queue fires late: compare the
# engine's loop with the product's in the same minute to tell the product's own threads from the machine's load.
#
# Usage: bench/loop-wait.sh [pairs=3] [rate=20000] [kinds="engine run"]
#   JAVA_OPTS replaces the JVM options of both (default: the launcher's); IMAGER=PATH runs another build's launcher
#   (its worker test classes built too, for the engine bench); RENICE=N renices every thread of ./imager run but its
#   event loops by N after start (an experiment: what lower priority for the coordinator's threads would give).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PAIRS=${1:-3}
RATE=${2:-20000}
read -r -a KINDS <<<"${3:-engine run}"
need nginx nginx-light
build_if_needed
IMAGER=${IMAGER:-$ROOT/imager}
BUILD=$(cd "$(dirname "$IMAGER")" && pwd)
OPTS=${JAVA_OPTS--XX:+UseSerialGC -Xmn64m -XX:TieredStopAtLevel=1}
WORK=$(mktemp -d)
PORT=$(free_port)
start_nginx "$PORT"
trap 'stop_nginx; rm -rf "$WORK"' EXIT
URL="http://127.0.0.1:$PORT"

# threads PID FILE: one line per thread: tid name cpu-ticks run-ns wait-ns slices voluntary involuntary
threads() {
  local t c
  : >"$2"
  for t in /proc/"$1"/task/*; do
    c=$(tr ' ' '_' <"$t/comm" 2>/dev/null) || continue
    echo "${t##*/} $c $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null) $(cat "$t/schedstat" 2>/dev/null)" \
      "$(awk '/^voluntary_ctxt/ {v=$2} /^nonvoluntary_ctxt/ {n=$2} END {print v, n}' "$t/status" 2>/dev/null)" >>"$2"
  done
}

report() { # report BEFORE AFTER SECONDS
  python3 - "$@" <<'PY'
import sys
def load(f):
    d = {}
    for line in open(f):
        p = line.split()
        if len(p) >= 8:
            d[p[0]] = (p[1], *map(int, p[2:8]))
    return d
a, b, s = load(sys.argv[1]), load(sys.argv[2]), float(sys.argv[3])
rows = []
for tid, v in b.items():
    u = a.get(tid, (v[0], 0, 0, 0, 0, 0, 0))
    rows.append((v[0], (v[2] - u[2]) / 1e9 / s, (v[3] - u[3]) / 1e6 / s, (v[4] - u[4]) / s, (v[5] - u[5]) / s,
                 (v[6] - u[6]) / s))
rows.sort(key=lambda r: -r[1])
print("    process: %.3f cores" % sum(r[1] for r in rows))
print("    %-26s %6s %10s %9s %8s %8s" % ("thread", "cpu%", "wait ms/s", "slices/s", "vcsw/s", "nvcsw/s"))
for r in rows[:8]:
    if r[1] >= 0.002:
        print("    %-26s %6.1f %10.1f %9.0f %8.0f %8.0f" % (r[0], 100 * r[1], r[2], r[3], r[4], r[5]))
PY
}

echo "target: nginx on $URL; $RATE rps; JAVA_OPTS=$OPTS; $(nproc) cores; $(uptime | sed 's/.*load/load/')"
for i in $(seq 1 "$PAIRS"); do
  for kind in "${KINDS[@]}"; do
    out="$WORK/$kind-$i"
    if [ "$kind" = engine ]; then
      # shellcheck disable=SC2086
      java -XX:+ExitOnOutOfMemoryError $OPTS -cp "$BUILD/worker/target/test-classes:$(ROOT=$BUILD module_jar worker)" \
        dev.imager.worker.bench.EngineBench "$URL" 10 1 "$RATE" >"$out.log" 2>&1 &
      pid=$!; sleep 7.5   # the bench warms up 5 s, then runs 10 s at the rate
    else
      JAVA_OPTS="$OPTS" "$IMAGER" run --target-url "$URL/" -load-calculator step -min-rps "$RATE" -max-rps "$RATE" \
        -step-rps 1 --warmup 3s --duration 10s --progress off -listen-port 0 --report-dir "$out" >"$out.log" 2>&1 &
      pid=$!
      for _ in $(seq 1 600); do grep -q "starting run" "$out.log" && break; sleep 0.05; done
      sleep 4.5
    fi
    jvm=$(pgrep -P "$pid" java || echo "$pid")
    if [ "$kind" = run ] && [ -n "${RENICE:-}" ]; then
      for t in /proc/"$jvm"/task/*; do
        case "$(cat "$t/comm" 2>/dev/null)" in imager-http-*) ;; *) renice -n "$RENICE" -p "${t##*/}" >/dev/null 2>&1 || true ;; esac
      done
    fi
    threads "$jvm" "$out.t0"; sleep 6; threads "$jvm" "$out.t1"
    wait "$pid" || true
    if [ "$kind" = engine ]; then
      line=$(grep RESULT "$out.log" | sed 's/ latP50us=.*connections=/ connections=/;s/ protocols=.*//')
    else
      line=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["totals"]
print("achieved=%.1f%% dropped=%d lagP99ms=%.2f" % (100*t["sent"]/t["planned"], t["dropped"], t["sendLagMs"]["p99"]))' \
        "$out/report.json" 2>/dev/null || echo "no report (log: $out.log)")
    fi
    echo "$kind pair=$i: $line load=$(cut -d' ' -f1 /proc/loadavg)"
    report "$out.t0" "$out.t1" 6
  done
done
