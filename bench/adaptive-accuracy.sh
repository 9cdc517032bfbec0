#!/usr/bin/env bash
# Adaptive search accuracy: for sumservice targets of known capacity (C requests at a time, S ms each:
# C*1000/S rps), run the adaptive-exponential search in local mode and compare the rate it settles on with
# the true capacity and, in the same run, with wrk's closed-loop maximum on the same target (a closed loop
# saturates the server, so wrk measures the capacity too). Also counts the rounds from the first confirmed
# failure to the first steady round.
#
# Usage: bench/adaptive-accuracy.sh [seconds=60] [capacities as C:S ...=4:20 8:20 8:10]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SECONDS_RUN=${1:-60}
shift || true
CASES=("$@"); [ ${#CASES[@]} -gt 0 ] || CASES=(4:20 8:20 8:10)
LIMIT_MS=100

need wrk wrk
need python3 python3
build_if_needed
SUM_JAR=$(module_jar sumservice)
COORD_JAR=$(module_jar coordinator)
WORK=$(mktemp -d)
SUM_PID=""
trap '[ -n "$SUM_PID" ] && kill $SUM_PID 2>/dev/null; rm -rf "$WORK"' EXIT

echo "adaptive-exponential, p99 limit ${LIMIT_MS} ms, ${SECONDS_RUN}s per target, local mode, 1 s rounds"
for case in "${CASES[@]}"; do
  C=${case%%:*}; S=${case##*:}; CAP=$(( C * 1000 / S ))
  PORT=$(free_port)
  java -jar "$SUM_JAR" --host 127.0.0.1 --port "$PORT" --concurrency "$C" --service-time-ms "$S" >"$WORK/sum.log" 2>&1 &
  SUM_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
  # wrk first: a closed loop with enough connections to keep every slot busy measures the capacity.
  wrk_rps=$(wrk -t1 -c$(( C * 4 )) -d5s "http://127.0.0.1:$PORT/sum?a=1&b=2" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  sleep 2   # let the queue drain
  java -jar "$COORD_JAR" --local-workers 1 -target-mode url -target-url "http://127.0.0.1:$PORT" \
    -request-source-type random-sum -load-calculator adaptive-exponential -min-rps $(( CAP / 4 )) \
    -max-rps $(( CAP * 4 )) -adaptive-max-latency-ms "$LIMIT_MS" --warmup 2s --duration "${SECONDS_RUN}s" \
    -listen-port 0 --progress off --report-dir "$WORK/report-$C-$S" >"$WORK/coord.log" 2>&1 || true
  kill $SUM_PID 2>/dev/null; wait $SUM_PID 2>/dev/null || true; SUM_PID=""
  python3 - "$WORK/report-$C-$S/report.json" "$CAP" "$wrk_rps" <<'PY'
import json, sys
report, cap, wrk = json.load(open(sys.argv[1])), float(sys.argv[2]), float(sys.argv[3])
probes = report["probes"]
first_fail = next((p["round"] for p in probes if p["verdict"] == "FAIL"), None)
first_steady = next((p for p in probes if p["phase"] == "steady"), None)
found = first_steady["rate"] if first_steady else float("nan")
final = report["capacity"]["rps"] if report.get("capacity") else float("nan")
rounds = (first_steady["round"] - first_fail) if (first_steady and first_fail is not None) else None
err = (found - cap) / cap * 100
print(f"capacity {cap:.0f} rps: wrk closed-loop max {wrk:.0f} rps; search settled on {found:.0f} rps "
      f"({err:+.1f}% of capacity, {found / wrk:.2f} of wrk) {rounds} rounds after the first failure; "
      f"held {final:.0f} rps at the end; {len(probes)} probes")
PY
done
