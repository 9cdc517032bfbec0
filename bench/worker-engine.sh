#!/usr/bin/env bash
# Worker engine throughput versus wrk, on the same loopback nginx, in the same run.
#
# For each repetition: wrk's closed-loop maximum (-t1 -c32), then the imager engine (one worker, the real
# job path: one round per second split into jobs of 2000 interleaved requests) at a rising ladder of fixed
# rates. Two figures per run:
#   sustained  the highest rate completed >= 99% with send-lag p99 < 1 ms (the strict bar)
#   achieved   the highest rate completed >= 99% (whatever the send lag)
# Prints each run, then the medians and their ratios to wrk. JVM options: JAVA_OPTS (default: the JVM's).
#
# Usage: bench/worker-engine.sh [repetitions=3] [seconds-per-step=5] [event-loops=1]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

REPS=${1:-3}
STEP_SECONDS=${2:-5}
LOOPS=${3:-1}
LADDER=(10000 20000 30000 40000 50000 60000 70000 80000 90000 100000)

need wrk wrk
need nginx nginx-light
build_if_needed
JAR=$(module_jar worker)
CP="$ROOT/worker/target/test-classes:$JAR"
PORT=$(free_port)
start_nginx "$PORT"
trap stop_nginx EXIT
URL="http://127.0.0.1:$PORT"
echo "target: nginx on $URL; steps of ${STEP_SECONDS}s; ${LOOPS} event loop(s); ${REPS} repetition(s)"

wrk_rates=(); imager_rates=(); achieved_rates=()
for rep in $(seq 1 "$REPS"); do
  before=$(cpu_sample)
  wrk_rps=$(wrk -t1 -c32 -d"${STEP_SECONDS}s" "$URL/" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  ladder_figures "$STEP_SECONDS" < <(java -Xmx1g ${JAVA_OPTS:-} -cp "$CP" dev.imager.worker.bench.EngineBench "$URL" \
    "$STEP_SECONDS" "$LOOPS" "${LADDER[@]}" 2>/dev/null)
  after=$(cpu_sample)
  echo "run $rep: wrk=${wrk_rps} rps, imager sustained=${LADDER_SUSTAINED} rps, achieved=${LADDER_ACHIEVED} rps, steal=$(steal_pct "$before" "$after")%"
  wrk_rates+=("$wrk_rps"); imager_rates+=("$LADDER_SUSTAINED"); achieved_rates+=("$LADDER_ACHIEVED")
done

w=$(median "${wrk_rates[@]}"); i=$(median "${imager_rates[@]}"); a=$(median "${achieved_rates[@]}")
echo "median: wrk ${w} rps (closed loop, max)"
echo "        imager ${i} rps sustained (open loop, >= 99% done, send-lag p99 < 1 ms): ratio $(ratio "$i" "$w")"
echo "        imager ${a} rps achieved  (open loop, >= 99% done):                     ratio $(ratio "$a" "$w")"
