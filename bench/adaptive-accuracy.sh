#!/usr/bin/env bash
# Adaptive search accuracy, as a new user would run it: for sumservice targets of known capacity (C requests at
# a time, S ms each: C*1000/S rps), measure the closed-loop maximum with wrk, then run the user's command
#   ./imager run -target-url http://127.0.0.1:PORT/sum?a=1&b=2 -load-calculator adaptive-exponential \
#     -min-rps 20 -max-rps 20000 -adaptive-max-latency-ms 100 --duration 90s
# against the same target, in the same run. Per run it prints the probes (rate + first letter of the verdict,
# R for recovery rounds) and:
#   error      the first rate the search held (its first steady round) against wrk's maximum
#   rounds     from the first FAIL to that first steady round
#   held       the rate held at the end of the run, against wrk's maximum (the search keeps judging the held
#              rate, lowers it when it keeps failing and re-probes above it now and then)
#   steal      CPU time the hypervisor took during the search run, and the 1-minute load average after it
# then one summary line per capacity: medians over the runs. Goal: error within +-5 %, rounds <= 12.
# Set KEEP_DIR to a directory to keep every run's report and log there.
#
# Usage: bench/adaptive-accuracy.sh [runs=3] [seconds=90] [capacities as C:S ...=2:20 10:10 25:5]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RUNS=${1:-3}
SECONDS_RUN=${2:-90}
shift 2 || shift $#
CASES=("$@"); [ ${#CASES[@]} -gt 0 ] || CASES=(2:20 10:10 25:5)
LIMIT_MS=100
MIN_RPS=20
MAX_RPS=20000

need wrk wrk
need python3 python3
need curl curl
build_if_needed
SUM_JAR=$(module_jar sumservice)
WORK=$(mktemp -d)
SUM_PID=""
trap '[ -n "$SUM_PID" ] && kill $SUM_PID 2>/dev/null; rm -rf "$WORK"' EXIT

echo "adaptive-exponential: -min-rps $MIN_RPS -max-rps $MAX_RPS -adaptive-max-latency-ms $LIMIT_MS --duration ${SECONDS_RUN}s"
echo "(./imager run: 2 local workers, 1 s rounds); $RUNS run(s) per capacity; wrk -t1 -c4C -d5s after a 3 s warm-up"
RESULTS="$WORK/results.tsv"
: > "$RESULTS"
for case in "${CASES[@]}"; do
  C=${case%%:*}; S=${case##*:}; NOMINAL=$(( C * 1000 / S ))
  for run in $(seq 1 "$RUNS"); do
    PORT=$(free_port)
    java -jar "$SUM_JAR" --host 127.0.0.1 --port "$PORT" --concurrency "$C" --service-time-ms "$S" \
      >"$WORK/sum.log" 2>&1 &
    SUM_PID=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
    URL="http://127.0.0.1:$PORT/sum?a=1&b=2"
    # A closed loop with 4 connections per slot keeps every slot busy: it measures the capacity. The first
    # seconds warm the target's JIT up and are not counted.
    wrk -t1 -c$(( C * 4 )) -d3s "$URL" >/dev/null
    wrk_rps=$(wrk -t1 -c$(( C * 4 )) -d5s "$URL" | awk '/Requests\/sec/ {printf "%.0f", $2}')
    sleep 2   # let the target settle
    REPORT="$WORK/report-$C-$S-$run"
    before=$(cpu_sample)
    "$ROOT/imager" run -target-url "$URL" -load-calculator adaptive-exponential -min-rps "$MIN_RPS" \
      -max-rps "$MAX_RPS" -adaptive-max-latency-ms "$LIMIT_MS" --duration "${SECONDS_RUN}s" -listen-port 0 \
      --progress off --report-dir "$REPORT" >"$WORK/imager.log" 2>&1 || true
    after=$(cpu_sample)
    load=$(cut -d' ' -f1 /proc/loadavg)
    if [ -n "${KEEP_DIR:-}" ]; then
      mkdir -p "$KEEP_DIR" && cp -r "$REPORT" "$KEEP_DIR/" && cp "$WORK/imager.log" "$KEEP_DIR/imager-$C-$S-$run.log"
    fi
    kill "$SUM_PID" 2>/dev/null; wait "$SUM_PID" 2>/dev/null || true; SUM_PID=""
    [ -f "$REPORT/report.json" ] || { tail -20 "$WORK/imager.log" >&2; die "no report from the run"; }
    python3 - "$REPORT/report.json" "$NOMINAL" "$wrk_rps" "$(steal_pct "$before" "$after")" "$load" "$run" \
      >>"$RESULTS" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
nominal, wrk, steal, load, run = float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
probes = report["probes"]
trace = " ".join(f"{p['rate']:g}{'R' if p['phase'] == 'recovery' else p['verdict'][0]}" for p in probes)
first_fail = next((p["round"] for p in probes if p["verdict"] == "FAIL"), None)
first_steady = next((p for p in probes if p["phase"] == "steady"), None)
held = report["capacity"]["rps"] if report.get("capacity") else float("nan")
found = first_steady["rate"] if first_steady else float("nan")
rounds = first_steady["round"] - first_fail if first_steady and first_fail is not None else -1
print("\t".join(str(x) for x in (nominal, run, wrk, found, (found - wrk) / wrk * 100, rounds, held,
                                  (held - wrk) / wrk * 100, steal, load, trace)))
PY
    tail -1 "$RESULTS" | awk -F'\t' '{ printf "capacity %s run %s: wrk %s rps; first steady %s rps (%+.1f%%) %s rounds after the first FAIL; held %s (%+.1f%%) at the end; steal %s%%, load %s\n    %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }'
  done
done

echo
python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
print(f"{'capacity':>9} {'runs':>4} {'wrk max':>8} {'first steady':>12} {'error':>7} {'rounds':>6} {'held at end':>11} {'error':>7} {'steal':>6}")
for nominal in dict.fromkeys(r[0] for r in rows):
    rs = [r for r in rows if r[0] == nominal]
    med = lambda i: statistics.median(float(r[i]) for r in rs)
    print(f"{float(nominal):>9.0f} {len(rs):>4} {med(2):>8.0f} {med(3):>12.0f} {med(4):>+6.1f}% {med(5):>6.0f} "
          f"{med(6):>11.0f} {med(7):>+6.1f}% {med(8):>5.1f}%")
print("medians over the runs; goal: error within +-5 % of wrk's maximum, at most 12 rounds from the first FAIL to steady")
PY
