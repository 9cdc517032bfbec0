#!/usr/bin/env bash
# Coordinator scale: how much CPU the coordinator needs to plan, publish and account for a high planned rate
# across many workers, over a real nats-server, with simulated workers (one process that beats for N worker
# ids and answers every job with a synthetic result; no HTTP is sent). Peers in the same run: the nats-server
# routing the same messages, and the simulated fleet.
#
# Prints per fleet size: coordinator CPU (cores) over the steady part of the run, nats-server and fleet CPU,
# the round completion delay (a round's planned end to its observation: mean and p99 bucket), and whether
# every planned request was accounted for.
#
# Usage: bench/coordinator-scale.sh [rate=1000000] [seconds=20] [workers...=200 1000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RATE=${1:-1000000}
SECONDS_RUN=${2:-20}
shift $(( $# > 2 ? 2 : $# ))
FLEETS=("$@"); [ ${#FLEETS[@]} -gt 0 ] || FLEETS=(200 1000)

need nats-server nats-server
build_if_needed
COORD_JAR=$(module_jar coordinator)
HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

NATS_DIR=$(mktemp -d)
NATS_PID=""; FLEET_PID=""; COORD_PID=""
cleanup() {
  for p in $COORD_PID $FLEET_PID $NATS_PID; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$NATS_DIR"
}
trap cleanup EXIT
start_nats "$NATS_DIR/log" -sd "$NATS_DIR"
URL="nats://127.0.0.1:$NATS_PORT"
echo "rate ${RATE} rps, ${SECONDS_RUN}s per fleet, nats-server on $URL, $(nproc) cores"

for W in "${FLEETS[@]}"; do
  PREFIX="scale$W"
  java -Xmx1g -cp "$ROOT/coordinator/target/test-classes:$COORD_JAR" dev.imager.coordinator.bench.SimulatedFleet \
    "$URL" "$PREFIX" "$W" >"$NATS_DIR/fleet-$W.log" 2>&1 &
  FLEET_PID=$!
  METRICS_PORT=$(free_port)
  java -Xmx2g ${COORD_JAVA_OPTS:-} -jar "$COORD_JAR" --nats-url "$URL" --subject-prefix "$PREFIX" -target-mode url \
    -target-url http://127.0.0.1:9 -request-source-type random-sum -load-calculator step -min-rps "$RATE" \
    -max-rps "$RATE" --duration "${SECONDS_RUN}s" --min-workers "$W" -listen-port "$METRICS_PORT" \
    >"$NATS_DIR/coord-$W.log" 2>&1 &
  COORD_PID=$!
  # Wait until the run has started (the coordinator waits for the whole fleet's heartbeats first).
  for _ in $(seq 1 300); do grep -q "starting run" "$NATS_DIR/coord-$W.log" && break; sleep 0.1; done
  sleep 4   # skip the start: JIT warm-up and the first rounds
  c0=$(cpu_ticks $COORD_PID); n0=$(cpu_ticks $NATS_PID); f0=$(cpu_ticks $FLEET_PID); s0=$(cpu_sample); t0=$(date +%s.%N)
  sleep $(( SECONDS_RUN - 8 ))
  c1=$(cpu_ticks $COORD_PID); n1=$(cpu_ticks $NATS_PID); f1=$(cpu_ticks $FLEET_PID); s1=$(cpu_sample); t1=$(date +%s.%N)
  metrics=$(curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" || true)
  wait $COORD_PID || true; COORD_PID=""
  kill $FLEET_PID 2>/dev/null || true; wait $FLEET_PID 2>/dev/null || true; FLEET_PID=""
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  cores() { awk -v d="$(( $2 - $1 ))" -v hz="$HZ" -v w="$wall" 'BEGIN{printf "%.2f", d/hz/w}'; }
  delay_mean=$(awk '/^imager_coordinator_round_completion_delay_seconds_sum/{s=$2} /^imager_coordinator_round_completion_delay_seconds_count/{c=$2} END{ if (c>0) printf "%.3f", s/c; else print "n/a"}' <<<"$metrics")
  delay_p99=$(awk '/^imager_coordinator_round_completion_delay_seconds_bucket/{ match($0,/le="[^"]*"/); le=substr($0,RSTART+4,RLENGTH-5); n[++k]=$2; b[k]=le; if (le=="+Inf") tot=$2 } END{ for(i=1;i<=k;i++) if (n[i]>=0.99*tot) { print b[i]; exit } }' <<<"$metrics")
  summary=$(awk '/^  planned /{p=$2} /^    ok /{o=$2} /^  lost \(not reported\)/{l=$4} END{printf "planned=%s ok=%s lost=%s", p, o, l}' "$NATS_DIR/coord-$W.log")
  echo "workers=$W coordinator=$(cores "$c0" "$c1")cores nats-server=$(cores "$n0" "$n1")cores fleet=$(cores "$f0" "$f1")cores" \
       "completion-delay mean=${delay_mean}s p99<=${delay_p99}s steal=$(steal_pct "$s0" "$s1")% ${summary}"
done
