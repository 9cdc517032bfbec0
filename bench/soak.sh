#!/usr/bin/env bash
# Soak: a long distributed run at a moderate rate while things fail on a schedule, on loopback only: a real
# nats-server, sumservice as the target, three worker processes and the coordinator, each its own JVM as the
# launcher runs them (-XX:+ExitOnOutOfMemoryError, heap capped). On the schedule, a worker is SIGKILLed (and a
# new one started 20 s later) and the nats-server is restarted (killed, started again on the same port 2 s later).
#
# Prints, at the end: the peak RSS of every process against the bound expected for it, and the accounting identity
# (planned = ok + failed + dropped + lost) next to the target's own count of requests it answered.
#
# Usage: bench/soak.sh [seconds=600] [rate=200]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DURATION=${1:-600}
RATE=${2:-200}
HEAP_MB=256
# Expected peak RSS of a JVM with a 256 MB heap: heap + metaspace, code cache, thread stacks, Netty's direct
# buffers. A process above this has a leak to look for.
RSS_BOUND_MB=600

need nats-server nats-server
need python3
build_if_needed
DIR=$(mktemp -d)
# Copies of the jars: a rebuild during the soak must not change what its processes run.
cp "$(module_jar coordinator)" "$DIR/coordinator.jar"; COORD_JAR=$DIR/coordinator.jar
cp "$(module_jar worker)" "$DIR/worker.jar"; WORKER_JAR=$DIR/worker.jar
cp "$(module_jar sumservice)" "$DIR/sumservice.jar"; SUM_JAR=$DIR/sumservice.jar
JAVA=(java "-Xmx${HEAP_MB}m" -XX:+ExitOnOutOfMemoryError -jar)

NATS_PORT=$(free_port)
NATS_BIN=$(command -v nats-server || echo /usr/sbin/nats-server)
PIDS=()
declare -A PEAK_KB NAME_OF

cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

start_nats() {
  "$NATS_BIN" -a 127.0.0.1 -p "$NATS_PORT" -sd "$DIR/nats-store" >>"$DIR/nats.log" 2>&1 &
  NATS_PID=$!; PIDS+=("$NATS_PID"); NAME_OF[$NATS_PID]="nats-server"
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$NATS_PORT") 2>/dev/null && return 0; sleep 0.1; done
  die "nats-server did not start: $(tail -5 "$DIR/nats.log")"
}

start_worker() { # start_worker NAME: sets WORKER_PID (not in a subshell, so the pid is tracked)
  "${JAVA[@]}" "$WORKER_JAR" --nats-url "nats://127.0.0.1:$NATS_PORT" --id "$1" --metrics-port -1 \
    --event-loops 1 >"$DIR/$1.log" 2>&1 &
  WORKER_PID=$!; PIDS+=("$WORKER_PID"); NAME_OF[$WORKER_PID]="worker $1"
}

restart_nats() {
  kill -9 "$NATS_PID"; wait "$NATS_PID" 2>/dev/null || true
  sleep 2; start_nats
}

# The peak resident set of each process, sampled every 2 s.
sample_rss() {
  for p in "${PIDS[@]}"; do
    local kb; kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
    [ -n "$kb" ] || continue
    [ "${PEAK_KB[$p]:-0}" -ge "$kb" ] || PEAK_KB[$p]=$kb
  done
}

start_nats
"${JAVA[@]}" "$SUM_JAR" --host 127.0.0.1 --port 0 >"$DIR/sumservice.log" 2>&1 &
SUM_PID=$!; PIDS+=("$SUM_PID"); NAME_OF[$SUM_PID]="sumservice"
SUM_PORT=""
for _ in $(seq 1 150); do
  SUM_PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$DIR/sumservice.log" | head -1)
  [ -n "$SUM_PORT" ] && break; sleep 0.1
done
[ -n "$SUM_PORT" ] || die "sumservice did not start: $(cat "$DIR/sumservice.log")"
answered() { curl -sf "http://127.0.0.1:$SUM_PORT/metrics" \
  | awk '/^sumservice_requests_total\{path="\/sum",status="200"\}/ {print $2}' | head -1; }

start_worker soak-1; W1=$WORKER_PID; start_worker soak-2; W2=$WORKER_PID; start_worker soak-3
"${JAVA[@]}" "$COORD_JAR" --nats-url "nats://127.0.0.1:$NATS_PORT" -target-mode url \
  -target-url "http://127.0.0.1:$SUM_PORT" -request-source-type random-sum -load-calculator step \
  -min-rps "$RATE" -max-rps "$RATE" --duration "${DURATION}s" --min-workers 3 -listen-port 0 --progress off \
  --report-dir "$DIR/report" >"$DIR/coordinator.log" 2>&1 &
COORD_PID=$!; PIDS+=("$COORD_PID"); NAME_OF[$COORD_PID]="coordinator"
echo "soak: ${DURATION}s at ${RATE} rps; logs and report in $DIR"

# The schedule, in seconds after the start: a worker killed (and replaced), NATS restarted, both twice.
KILL_AT=$((DURATION / 5)); RESTART_AT=$((DURATION * 2 / 5)); KILL2_AT=$((DURATION * 3 / 5)); RESTART2_AT=$((DURATION * 4 / 5))
start=$(date +%s); replaced=0; restarted=0
while kill -0 "$COORD_PID" 2>/dev/null; do
  sample_rss
  t=$(( $(date +%s) - start ))
  if [ $t -ge $KILL_AT ] && [ $replaced -eq 0 ]; then
    echo "soak: t=${t}s SIGKILL worker soak-1"; kill -9 "$W1"; wait "$W1" 2>/dev/null || true; replaced=1
  elif [ $t -ge $((KILL_AT + 20)) ] && [ $replaced -eq 1 ]; then
    start_worker soak-4; replaced=2
  elif [ $t -ge $RESTART_AT ] && [ $restarted -eq 0 ]; then
    echo "soak: t=${t}s restarting nats-server"; restart_nats; restarted=1
  elif [ $t -ge $KILL2_AT ] && [ $replaced -eq 2 ]; then
    echo "soak: t=${t}s SIGKILL worker soak-2"; kill -9 "$W2"; wait "$W2" 2>/dev/null || true; replaced=3
  elif [ $t -ge $((KILL2_AT + 20)) ] && [ $replaced -eq 3 ]; then
    start_worker soak-5; replaced=4
  elif [ $t -ge $RESTART2_AT ] && [ $restarted -eq 1 ]; then
    echo "soak: t=${t}s restarting nats-server"; restart_nats; restarted=2
  fi
  [ $t -le $((DURATION + 120)) ] || die "the coordinator did not end within ${DURATION}s + 120 s"
  sleep 2
done
code=0; wait "$COORD_PID" || code=$?
ANSWERED=$(answered)

echo
echo "peak RSS (bound ${RSS_BOUND_MB} MB each):"
over=0
for p in "${!PEAK_KB[@]}"; do
  mb=$(( PEAK_KB[$p] / 1024 ))
  flag=ok; [ $mb -le $RSS_BOUND_MB ] || { flag=OVER; over=1; }
  printf '  %-18s %5d MB  %s\n' "${NAME_OF[$p]}" "$mb" "$flag"
done | sort

echo
echo "coordinator exit code $code; accounting:"
python3 - "$DIR/report/report.json" "$ANSWERED" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); t = r["totals"]; answered = int(float(sys.argv[2] or 0))
failed = t["http4xx"] + t["http5xx"] + t["timeout"] + t["connectError"] + t["otherError"]
total = t["ok"] + failed + t["dropped"] + t["lost"]
print(f"  planned {t['planned']} = ok {t['ok']} + failed {failed} + dropped {t['dropped']} + lost {t['lost']}"
      f" = {total}: {'holds' if total == t['planned'] else 'BROKEN'}")
gap = answered - t["ok"]
print(f"  target answered {answered}; run counted ok {t['ok']} (sent {t['sent']}): answered but not ok {gap}"
      f" <= lost {t['lost']} + timeout {t['timeout']} (answered after the worker gave up, or by a worker that died):"
      f" {'holds' if 0 <= gap <= t['lost'] + t['timeout'] else 'BROKEN'}")
print(f"  rounds {t['rounds']}, not sent {t['notSentRounds']}; report partial: {r.get('partial')}")
PY
[ $over -eq 0 ] || die "a process went over the RSS bound"
