#!/usr/bin/env bash
# The shipped commands, end to end, against wrk and hey on the same loopback nginx, in the same run.
#
# Per repetition: wrk (-t1 -c32) and hey (-c32) for their closed-loop maximum and their CPU per request, then
# the user-facing imager commands at a ladder of fixed rates, each a fresh process as a user starts it:
#   local  ./imager run --target-url URL -load-calculator step -min-rps R -max-rps R -step-rps 1 ...
#   dist1  nats-server (started once), one `./imager worker` and `./imager coordinator` with the same flags
#   dist2  the same with two `./imager worker` processes
# Per run: achieved (sent / planned), dropped, send-lag p99 and corrected p99 (from report.json), and the CPU of
# all imager processes together per 10k requests sent: whole-process (from /usr/bin/time: JVM start-up, warm-up
# and shutdown included, over every request sent including the warm-up's) and steady-state (from /proc over
# the measured part of the run, after the warm-up, over the requests of the rounds in that window).
# nats-server's CPU is shown on its own, not in the imager figure. Prints every run, then medians and ratios
# to wrk: rate ratio = the highest ladder rate held (>= 99 % achieved, send-lag p99 < 1 ms) / wrk's maximum;
# CPU ratio = imager's CPU per request / wrk's.
#
# Usage: bench/end-to-end.sh [repetitions=3] [warmup-s=3] [duration-s=8] [rates...=20000 40000 60000]
#   MODES="local dist1 dist2" (default) selects the imager variants; JAVA_OPTS, when set, replaces the launcher's
#   JVM options for every imager process (./imager's defaults otherwise); KEEP_DIR=DIR keeps every run's files;
#   IMAGER=PATH runs another build's launcher (e.g. a checkout of an older commit, its jars built) for a before/after.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

REPS=${1:-3}
WARMUP=${2:-3}
DURATION=${3:-8}
shift $(( $# > 3 ? 3 : $# ))
RATES=("$@"); [ ${#RATES[@]} -gt 0 ] || RATES=(20000 40000 60000)
read -r -a MODE_LIST <<<"${MODES:-local dist1 dist2}"
CLOSED_SECONDS=5

need wrk wrk
need hey hey
need nginx nginx-light
need nats-server nats-server
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: sudo apt-get install -y time)"
build_if_needed
HZ=$(getconf CLK_TCK)
IMAGER=${IMAGER:-$ROOT/imager}

WORK=${KEEP_DIR:-$(mktemp -d)}
mkdir -p "$WORK"
NATS_PID=""; PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}" $NATS_PID; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}" $NATS_PID; do wait "$p" 2>/dev/null || true; done
  stop_nginx
  [ -n "${KEEP_DIR:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(free_port)
start_nginx "$PORT"
URL="http://127.0.0.1:$PORT/"
REQUESTS="$WORK/requests.json"
printf '{"method":"GET","path":"/","queryString":""}\n' > "$REQUESTS"

if [[ " ${MODE_LIST[*]} " == *" dist"* ]]; then
  start_nats "$WORK/nats.log"
fi
NATS_URL="nats://127.0.0.1:${NATS_PORT:-0}"

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
sum_ticks() { local s=0 p; for p in "$@"; do s=$((s + $(ticks "$p"))); done; echo $s; }
# child_of PID: the process /usr/bin/time started (the launcher execs java, so it is the JVM).
child_of() { local c=""; for _ in $(seq 1 50); do c=$(pgrep -P "$1" | head -1) && [ -n "$c" ] && break; sleep 0.05; done; echo "$c"; }
time_cpu() { tail -1 "$1" | awk '{printf "%.2f", $1 + $2}'; }
load1() { awk '{print $1}' /proc/loadavg; }

# closed TOOL: runs wrk or hey for CLOSED_SECONDS; prints "rps cpu-s-per-10k".
closed() {
  local out="$WORK/$1.out" t="$WORK/$1.time"
  if [ "$1" = wrk ]; then
    /usr/bin/time -f '%U %S' -o "$t" wrk -t1 -c32 -d"${CLOSED_SECONDS}s" "$URL" >"$out"
    awk -v cpu="$(time_cpu "$t")" '/Requests\/sec/ {r=$2} / requests in / {n=$1}
      END {printf "%.0f %.3f", r, (n>0 ? cpu*10000/n : 0)}' "$out"
  else
    /usr/bin/time -f '%U %S' -o "$t" hey -z "${CLOSED_SECONDS}s" -c 32 "$URL" >"$out"
    awk -v cpu="$(time_cpu "$t")" '/Requests\/sec:/ {r=$2} /\[[0-9]+\][ \t]+[0-9]+ responses/ {n+=$2}
      END {printf "%.0f %.3f", r, (n>0 ? cpu*10000/n : 0)}' "$out"
  fi
}

# figures REPORT-DIR STEADY-FROM STEADY-TO (epoch seconds): prints
# "achieved% dropped lag-p99-ms corrected-p99-ms sent-all sent-steady".
figures() {
  python3 - "$1/report.json" "$2" "$3" <<'EOF'
import json, sys, datetime
r = json.load(open(sys.argv[1])); a, b = float(sys.argv[2]), float(sys.argv[3])
t = r["totals"]; s = r["settings"]
start = datetime.datetime.fromisoformat(r["startedAt"].replace("Z", "+00:00")).timestamp()
length = float(s["roundSeconds"]); steady = 0.0
for x in r["rounds"]:
    lo = start + x["t"]; hi = lo + length
    overlap = max(0.0, min(hi, b) - max(lo, a))
    steady += x["sent"] * overlap / length
sent_all = sum(x["sent"] for x in r["rounds"])
achieved = 100.0 * t["sent"] / t["planned"] if t["planned"] else 0.0
print("%.1f %d %.2f %.2f %d %.0f" % (achieved, t["dropped"], t["sendLagMs"]["p99"], t["latencyMs"]["p99"],
                                     sent_all, steady))
EOF
}

# imager_run MODE RATE REP: one run; prints its result line and appends "MODE RATE figures..." to $WORK/results.
imager_run() {
  local mode=$1 rate=$2 rep=$3 dir="$WORK/$1-$2-$3" workers=0 w
  mkdir -p "$dir"
  local flags=(-load-calculator step -min-rps "$rate" -max-rps "$rate" -step-rps 1 --warmup "${WARMUP}s"
               --duration "${DURATION}s" --progress off -listen-port 0 --report-dir "$dir/report")
  local wpids=() tpids=() nats0 nats1
  case "$mode" in dist1) workers=1 ;; dist2) workers=2 ;; esac
  local s0; s0=$(cpu_sample)
  for w in $(seq 1 $workers); do
    /usr/bin/time -f '%U %S' -o "$dir/worker-$w.time" "$IMAGER" worker \
      --nats-url "$NATS_URL" --subject-prefix "e2e$rep$rate" --metrics-port 0 >"$dir/worker-$w.log" 2>&1 &
    tpids+=($!); PIDS+=($!)
  done
  for p in "${tpids[@]}"; do wpids+=("$(child_of "$p")"); done
  if [ "$mode" = local ]; then
    /usr/bin/time -f '%U %S' -o "$dir/coordinator.time" "$IMAGER" run \
      --target-url "$URL" "${flags[@]}" >"$dir/coordinator.log" 2>&1 &
  else
    /usr/bin/time -f '%U %S' -o "$dir/coordinator.time" "$IMAGER" coordinator \
      --nats-url "$NATS_URL" --subject-prefix "e2e$rep$rate" --min-workers "$workers" -target-mode url \
      -target-url "http://127.0.0.1:$PORT" -request-source-type file -request-source-file "$REQUESTS" \
      "${flags[@]}" >"$dir/coordinator.log" 2>&1 &
  fi
  local ctime=$!; PIDS+=($ctime)
  local cpid; cpid=$(child_of "$ctime")
  for _ in $(seq 1 600); do grep -q "starting run" "$dir/coordinator.log" && break; sleep 0.05; done
  sleep $((WARMUP + 1))
  local a0 a1 ta tb
  a0=$(sum_ticks "$cpid" "${wpids[@]}"); nats0=$(ticks "${NATS_PID:-0}"); ta=$(date +%s.%N)
  sleep $((DURATION - 2))
  a1=$(sum_ticks "$cpid" "${wpids[@]}"); nats1=$(ticks "${NATS_PID:-0}"); tb=$(date +%s.%N)
  wait "$ctime" || echo "  ($mode $rate rep $rep: coordinator exit status $?, log in $dir)" >&2
  for p in "${wpids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${tpids[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
  local s1; s1=$(cpu_sample)
  [ -f "$dir/report/report.json" ] || { echo "  $mode $rate rep $rep: no report (log: $dir/coordinator.log)"; return; }
  local f; f=($(figures "$dir/report" "$ta" "$tb"))
  local whole; whole=$(time_cpu "$dir/coordinator.time")
  for w in $(seq 1 $workers); do whole=$(awk -v a="$whole" -v b="$(time_cpu "$dir/worker-$w.time")" 'BEGIN{print a+b}'); done
  local whole10k steady10k nats_cores
  whole10k=$(awk -v c="$whole" -v n="${f[4]}" 'BEGIN{printf "%.3f", (n>0 ? c*10000/n : 0)}')
  steady10k=$(awk -v d="$((a1 - a0))" -v hz="$HZ" -v n="${f[5]}" 'BEGIN{printf "%.3f", (n>0 ? d/hz*10000/n : 0)}')
  nats_cores=$(awk -v d="$((nats1 - nats0))" -v hz="$HZ" -v a="$ta" -v b="$tb" 'BEGIN{printf "%.2f", d/hz/(b-a)}')
  echo "  $mode rate=$rate rep=$rep: achieved=${f[0]}% dropped=${f[1]} lag-p99=${f[2]}ms corrected-p99=${f[3]}ms" \
       "cpu/10k whole=${whole10k}s steady=${steady10k}s$([ "$mode" = local ] || echo " nats=${nats_cores}cores")" \
       "load=$(load1) steal=$(steal_pct "$s0" "$s1")%"
  echo "$mode $rate ${f[0]} ${f[1]} ${f[2]} ${f[3]} $whole10k $steady10k" >> "$WORK/results"
}

echo "target: nginx on $URL; ${REPS} repetition(s); warm-up ${WARMUP}s, duration ${DURATION}s; rates ${RATES[*]};" \
     "modes ${MODE_LIST[*]}; JAVA_OPTS=${JAVA_OPTS-<launcher default>}; $(nproc) cores; $(uptime | sed 's/.*load/load/')"
: > "$WORK/results"
for rep in $(seq 1 "$REPS"); do
  s0=$(cpu_sample)
  read -r wrk_rps wrk_cpu <<<"$(closed wrk)"
  read -r hey_rps hey_cpu <<<"$(closed hey)"
  echo "rep $rep: wrk ${wrk_rps} rps (${wrk_cpu} CPU-s/10k), hey ${hey_rps} rps (${hey_cpu} CPU-s/10k)," \
       "load=$(load1) steal=$(steal_pct "$s0" "$(cpu_sample)")%"
  echo "wrk 0 $wrk_rps $wrk_cpu" >> "$WORK/results"
  echo "hey 0 $hey_rps $hey_cpu" >> "$WORK/results"
  for mode in "${MODE_LIST[@]}"; do
    for rate in "${RATES[@]}"; do imager_run "$mode" "$rate" "$rep"; done
  done
done

col() { awk -v m="$1" -v r="$2" -v c="$3" '$1==m && $2==r {print $c}' "$WORK/results"; }
med() { local v; v=$(col "$@"); [ -n "$v" ] && median_real $v || echo "-"; }
median_real() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END { if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
wrk_rps=$(med wrk 0 3); wrk_cpu=$(med wrk 0 4); hey_rps=$(med hey 0 3); hey_cpu=$(med hey 0 4)
echo
echo "medians of ${REPS}: wrk ${wrk_rps} rps, ${wrk_cpu} CPU-s/10k; hey ${hey_rps} rps (ratio $(ratio "$hey_rps" "$wrk_rps")), ${hey_cpu} CPU-s/10k (ratio $(ratio "$hey_cpu" "$wrk_cpu"))"
printf '%-6s %7s %9s %8s %9s %11s %11s %12s %10s %10s\n' mode rate achieved dropped lag-p99 corr-p99 \
  "whole/10k" "steady/10k" "whole/wrk" "steady/wrk"
for mode in "${MODE_LIST[@]}"; do
  held=0
  for rate in "${RATES[@]}"; do
    ach=$(med "$mode" "$rate" 3); [ "$ach" = - ] && continue
    lag=$(med "$mode" "$rate" 5); whole=$(med "$mode" "$rate" 7); steady=$(med "$mode" "$rate" 8)
    printf '%-6s %7s %8s%% %8s %7sms %9sms %10ss %11ss %10s %10s\n' "$mode" "$rate" "$ach" "$(med "$mode" "$rate" 4)" \
      "$lag" "$(med "$mode" "$rate" 6)" "$whole" "$steady" "$(ratio "$whole" "$wrk_cpu")" "$(ratio "$steady" "$wrk_cpu")"
    awk -v a="$ach" -v l="$lag" 'BEGIN{exit !(a >= 99 && l < 1)}' && held=$rate
  done
  echo "$mode: highest rate held (>= 99% achieved, send-lag p99 < 1 ms): $held rps, ratio to wrk $(ratio "$held" "$wrk_rps")"
done
