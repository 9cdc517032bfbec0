#!/usr/bin/env bash
# The worker engine over HTTP/2 versus h2load, on the same loopback nginx (h2c with prior knowledge, or h2 over
# TLS with ALPN), in the same run.
#
# For each repetition: h2load's closed-loop maximum (-t1, $H2LOAD_CLIENTS connections x $H2LOAD_STREAMS streams),
# then the imager engine (the real job path, --http-version 2) at a rising ladder of fixed rates. Figures per run:
#   sustained  the highest rate completed >= 99% with send-lag p99 < 1 ms (the strict bar)
#   achieved   the highest rate completed >= 99% (whatever the send lag)
# Prints each run with the CPU steal, then the medians and their ratios to h2load. JVM options: JAVA_OPTS.
#
# Usage: bench/http2.sh [repetitions=3] [seconds-per-step=5] [event-loops=1] [h2c|tls]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

REPS=${1:-3}
STEP_SECONDS=${2:-5}
LOOPS=${3:-1}
MODE=${4:-h2c}
H2LOAD_CLIENTS=${H2LOAD_CLIENTS:-4}
H2LOAD_STREAMS=${H2LOAD_STREAMS:-32}
LADDER=(10000 20000 30000 40000 50000 60000 70000 80000 90000 100000)

need h2load nghttp2-client
need nginx nginx-light
need openssl openssl
build_if_needed
JAR=$(module_jar worker)
CP="$ROOT/worker/target/test-classes:$JAR"
PORT=$(free_port)
start_nginx_h2 "$PORT" "$MODE"
trap stop_nginx EXIT
if [ "$MODE" = tls ]; then URL="https://127.0.0.1:$PORT"; else URL="http://127.0.0.1:$PORT"; fi
echo "target: nginx HTTP/2 ($MODE) on $URL; steps of ${STEP_SECONDS}s; ${LOOPS} event loop(s); ${REPS} repetition(s)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

h2_rates=(); imager_rates=(); achieved_rates=()
for rep in $(seq 1 "$REPS"); do
  before=$(cpu_sample)
  h2_rps=$(h2load -t1 -c"$H2LOAD_CLIENTS" -m"$H2LOAD_STREAMS" -D "$STEP_SECONDS" "$URL/" 2>/dev/null \
    | awk '/^finished in/ {gsub(",", "", $4); printf "%.0f", $4}')
  ladder_figures "$STEP_SECONDS" < <(java -Xmx1g ${JAVA_OPTS:-} -cp "$CP" dev.imager.worker.bench.EngineBench "$URL" \
    "$STEP_SECONDS" "$LOOPS" http=2 "${LADDER[@]}" 2>/dev/null)
  after=$(cpu_sample)
  echo "run $rep: h2load=${h2_rps} rps, imager sustained=${LADDER_SUSTAINED} rps, achieved=${LADDER_ACHIEVED} rps, steal=$(steal_pct "$before" "$after")%, load $(cut -d' ' -f1 /proc/loadavg)"
  h2_rates+=("$h2_rps"); imager_rates+=("$LADDER_SUSTAINED"); achieved_rates+=("$LADDER_ACHIEVED")
done

h=$(median "${h2_rates[@]}"); i=$(median "${imager_rates[@]}"); a=$(median "${achieved_rates[@]}")
echo "median: h2load ${h} rps (closed loop, max, -c${H2LOAD_CLIENTS} -m${H2LOAD_STREAMS})"
echo "        imager ${i} rps sustained (open loop, >= 99% done, send-lag p99 < 1 ms): ratio $(ratio "$i" "$h")"
echo "        imager ${a} rps achieved  (open loop, >= 99% done):                     ratio $(ratio "$a" "$h")"
