#!/usr/bin/env bash
# Who takes the event loop's CPU: runs `./imager run` at one rate against the loopback nginx, records the scheduler
# with `perf sched record -a` over a few seconds of steady state, and for every time the loop waited runnable longer
# than a threshold, sums what ran on each CPU meanwhile. A product thread (imager-worker-*, inmem-sub-*, imager-
# coordinator, C1 compiler...) on the loop's CPU while the other sits idle is the kernel's placement preempting the
# loop (docs/BENCHMARKS.md, "Fifth pass"); nginx, nats-server or kernel threads are the machine's share.
#
# Usage: bench/loop-preemption.sh [rate=20000] [record-s=3] [threshold-ms=0.25] [imager run flags...]
#   e.g. bench/loop-preemption.sh 20000 3 0.25 --cpu-pinning off     (the placement without pinning)
#   MODE=dist1 runs the distributed path instead, as bench/end-to-end.sh does: nats-server, one `./imager worker`
#   (whose loop is watched) and `./imager coordinator` with the same load flags (the extra flags go to the worker).
# Needs perf with the sched tracepoints (Debian: linux-perf) and permission to record system-wide (root, or
# kernel.perf_event_paranoid <= -1).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RATE=${1:-20000}
RECORD=${2:-3}
THRESHOLD=${3:-0.25}
shift $(( $# > 3 ? 3 : $# ))
need nginx nginx-light
command -v perf >/dev/null || die "perf is missing (Debian: sudo apt-get install -y linux-perf)"
build_if_needed
WORK=$(mktemp -d)
PORT=$(free_port)
start_nginx "$PORT"
trap 'stop_nginx; rm -rf "$WORK"' EXIT

warmup=3
load=(-load-calculator step -min-rps "$RATE" -max-rps "$RATE" -step-rps 1 --warmup "${warmup}s"
      --duration "$((RECORD + 4))s" --progress off -listen-port 0 --report-dir "$WORK/report")
if [ "${MODE:-local}" = dist1 ]; then
  need nats-server nats-server
  start_nats "$WORK/nats.log"
  "$ROOT/imager" worker --nats-url "nats://127.0.0.1:$NATS_PORT" --metrics-port 0 "$@" >"$WORK/worker.log" 2>&1 &
  WORKER_PID=$!
  trap 'kill $WORKER_PID $NATS_PID 2>/dev/null; wait $WORKER_PID $NATS_PID 2>/dev/null || true; stop_nginx; rm -rf "$WORK"' EXIT
  printf '{"method":"GET","path":"/","queryString":""}\n' >"$WORK/requests.json"
  "$ROOT/imager" coordinator --nats-url "nats://127.0.0.1:$NATS_PORT" --min-workers 1 -target-mode url \
    -target-url "http://127.0.0.1:$PORT" -request-source-type file -request-source-file "$WORK/requests.json" \
    "${load[@]}" >"$WORK/run.log" 2>&1 &
else
  "$ROOT/imager" run --target-url "http://127.0.0.1:$PORT/" "${load[@]}" "$@" >"$WORK/run.log" 2>&1 &
fi
pid=$!
for _ in $(seq 1 600); do grep -q "starting run" "$WORK/run.log" && break; sleep 0.05; done
sleep $((warmup + 1))
perf sched record -a -o "$WORK/sched.data" -- sleep "$RECORD" >"$WORK/perf.log" 2>&1 || die "perf sched record failed: $(cat "$WORK/perf.log")"
wait "$pid" || die "imager run failed: $(tail -5 "$WORK/run.log")"
grep -h -i "pinned\|not pinned\|kept off" "$WORK/run.log" "$WORK"/worker.log 2>/dev/null | sed 's/^.* - /placement: /' || true
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["totals"]
print("run: achieved %.1f%%, send-lag p99 %.2f ms" % (100*t["sent"]/t["planned"], t["sendLagMs"]["p99"]))' \
  "$WORK/report/report.json"
perf sched timehist -i "$WORK/sched.data" --state >"$WORK/timehist.txt" 2>/dev/null
python3 - "$WORK/timehist.txt" "$THRESHOLD" <<'PY'
import bisect, collections, re, sys
# "time [cpu] task[tid/pid] wait sch-delay run state": the task name may hold spaces.
line = re.compile(r'^\s*(\d+\.\d+)\s+\[(\d+)\]\s+(.*?)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\S+)\s*$')
rows = []
for text in open(sys.argv[1]):
    m = line.match(text)
    if m:
        t, cpu, name, wait, delay, run, state = m.groups()
        rows.append((float(t), int(cpu), name, float(wait), float(delay), float(run), state))
threshold = float(sys.argv[2])
loop = [r for r in rows if re.match(r'imager-http-\d', r[2])]   # Netty's loop threads: imager-http-<pool>-<n>
if not loop:
    sys.exit("no event-loop thread (imager-http-N-M) in the recording")
by_cpu = collections.defaultdict(list)
for r in rows:
    by_cpu[r[1]].append(r)
starts = {c: [r[0] for r in v] for c, v in by_cpu.items()}
blame, waits, total = collections.Counter(), 0, 0.0
for i, (t, cpu, name, wait, delay, run, state) in enumerate(loop):
    switched_in = t - run / 1000
    waited = wait if i > 0 and loop[i - 1][6] == 'R' else delay    # preempted: all its wait; woken: the delay
    total += waited
    if waited <= threshold:
        continue
    waits += 1
    begin = switched_in - waited / 1000
    for c, lst in by_cpu.items():
        j = bisect.bisect_right(starts[c], begin)
        while j < len(lst) and lst[j][0] <= switched_in + 1e-6:
            other = lst[j]
            j += 1
            if other[2] == name:
                continue
            who = re.sub(r'\[.*', '', other[2])
            blame[("loop's CPU" if c == cpu else "other CPU", who)] += min(other[5], (other[0] - begin) * 1000)
span = rows[-1][0] - rows[0][0]
print("loop: ran %.0f ms of %.0f; runnable but waiting %.1f ms in all; %d waits > %.2f ms" %
      (sum(r[5] for r in loop), span * 1000, total, waits, threshold))
print("during those waits, ms of CPU by thread:")
for (where, who), ms in blame.most_common(14):
    print("  %-10s %-24s %7.1f" % (where, who, ms))
PY
