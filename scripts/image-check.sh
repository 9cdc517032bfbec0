#!/usr/bin/env bash
# Builds the four images from the repository's own Dockerfiles and starts what they hold. Exits non-zero on the
# first failure. Needs podman and mmdebstrap (scripts/install-test-tools.sh installs them) and root (podman's
# image mounts; re-runs itself through sudo otherwise).
#
#  1. Base images from Debian 12's packages (scripts/image-bases.sh), passed as the Dockerfiles' BUILD_IMAGE and
#     RUNTIME_IMAGE build arguments: registries may be out of reach, and the Dockerfiles' defaults
#     (eclipse-temurin) need one.
#  2. `podman build --isolation=chroot` of Dockerfile.coordinator, Dockerfile.worker, Dockerfile.sumservice and
#     Dockerfile.operator,
#     unchanged, from the repository root with its .dockerignore. The default isolation needs cgroups that some
#     machines lack; chroot isolation builds anywhere podman runs as root. The four files share their build
#     stage, so the layer cache compiles the reactor once. The build trusts the host's certificate authorities
#     (the host's /etc/ssl/certs, mounted read-only into each RUN, not into any image): Maven must reach its
#     repository through whatever proxy the host trusts.
#  3. Starts each image's entrypoint with scripts/image-run.sh (a read-only mount of the image and chroot, as
#     the image's user; `podman run` needs rlimits that sandboxed machines refuse), on the host's loopback:
#     - `--help` of all four: exit 0 and a usage text (the operator is only checked this far: it needs an API
#       server);
#     - the worker against a real nats-server, until its /healthz answers 200 (it is 200 only while NATS is
#       connected) and /metrics has the worker's metrics;
#     - sumservice serving /sum, and the coordinator running a 5 s distributed run of 20 requests/s through
#       that worker against it, with thresholds on errors, lost, dropped and sent requests: exit code 0 only
#       when every planned request came back ok.
# The images are tagged localhost/imager/<program>:check-<pid> and untagged at the end; the layers stay in
# podman's cache for the next run.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "image-check: needs root: run as root, or install sudo" >&2; exit 1; }
  exec sudo "$0" "$@"
fi
repo="$(cd "$(dirname "$0")/.." && pwd)"
scripts="$repo/scripts"
tag="check-$$"
programs=(coordinator worker sumservice operator)

work="$(mktemp -d)"
pids=()
images=()
cleanup() {
  local status=$?
  # On failure, what every program printed (the usage texts, the worker's, the coordinator's...).
  if [ "$status" -ne 0 ]; then
    for file in "$work"/*.log; do
      [ -e "$file" ] && { echo "---- ${file##*/}" >&2; tail -n 60 "$file" >&2; }
    done
  fi
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for image in "${images[@]}"; do podman rmi --force "$image" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "image-check: $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

# A TCP port nothing listens on at 127.0.0.1 now (bounded tries), below the kernel's ephemeral range: a port
# from that range may be the local end of some outgoing connection, and binding it then fails.
free_port() {
  local port low
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range
  [ "$low" -gt 11024 ] || low=32768
  for _ in $(seq 1 50); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "no free port found"
}

# wait_until SECONDS PID WHAT COMMAND...: polls COMMAND every 0.2 s until it succeeds; fails after SECONDS or
# as soon as the process PID has ended.
wait_until() {
  local seconds="$1" pid="$2" what="$3" deadline
  shift 3
  deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || fail "$what: the process ended first"
    [ "$SECONDS" -lt "$deadline" ] || fail "$what: not within ${seconds}s"
    sleep 0.2
  done
}

# ---- 1. base images ------------------------------------------------------------------------------------------
mapfile -t bases < <("$scripts/image-bases.sh")
[ ${#bases[@]} -eq 2 ] || fail "image-bases.sh gave ${#bases[@]} image references, not 2"
log "base images ready in ${SECONDS}s: ${bases[*]}"

# ---- 2. build --------------------------------------------------------------------------------------------------
trust=()
if [ -f /etc/ssl/certs/java/cacerts ]; then trust=(--volume /etc/ssl/certs:/etc/ssl/certs:ro); fi
for program in "${programs[@]}"; do
  image="localhost/imager/$program:$tag"
  started=$SECONDS
  podman build --isolation=chroot --force-rm "${trust[@]}" \
    --build-arg "BUILD_IMAGE=${bases[0]}" --build-arg "RUNTIME_IMAGE=${bases[1]}" \
    -f "$repo/Dockerfile.$program" -t "$image" "$repo" >&2 || fail "podman build of Dockerfile.$program"
  images+=("$image")
  log "built $image in $((SECONDS - started))s"
done

# ---- 3. start what they hold -----------------------------------------------------------------------------------
for program in "${programs[@]}"; do
  help="$work/$program-help.log"
  "$scripts/image-run.sh" "localhost/imager/$program:$tag" --help >"$help" 2>&1 \
    || fail "$program --help exited non-zero"
  grep -q '^Usage: ' "$help" || fail "$program --help printed no usage"
  log "$program --help: ok"
done

nats_port="$(free_port)"
mkdir -p "$work/nats"
nats-server -a 127.0.0.1 -p "$nats_port" -sd "$work/nats" >"$work/nats.log" 2>&1 &
nats_pid=$!
pids+=("$nats_pid")
wait_until 30 "$nats_pid" "nats-server on :$nats_port" bash -c "exec 3<>/dev/tcp/127.0.0.1/$nats_port"
nats_url="nats://127.0.0.1:$nats_port"

metrics_port="$(free_port)"
"$scripts/image-run.sh" "localhost/imager/worker:$tag" --nats-url "$nats_url" --metrics-port "$metrics_port" \
  >"$work/worker.log" 2>&1 &
worker_pid=$!
pids+=("$worker_pid")
wait_until 60 "$worker_pid" "worker /healthz" curl -fsS "http://127.0.0.1:$metrics_port/healthz"
# Read whole before matching: `curl | grep -q` fails under pipefail when grep stops reading early (curl: (23)).
worker_metrics="$(curl -fsS "http://127.0.0.1:$metrics_port/metrics")" || fail "worker /metrics did not answer"
grep -q '^imager_worker_' <<<"$worker_metrics" || fail "worker /metrics has no imager_worker_ series"
log "worker: healthy (NATS connected) and serving metrics"

sum_port="$(free_port)"
"$scripts/image-run.sh" "localhost/imager/sumservice:$tag" --host 127.0.0.1 --port "$sum_port" \
  >"$work/sumservice.log" 2>&1 &
sum_pid=$!
pids+=("$sum_pid")
wait_until 60 "$sum_pid" "sumservice /healthz" curl -fsS "http://127.0.0.1:$sum_port/healthz"
[ "$(curl -fsS "http://127.0.0.1:$sum_port/sum?a=7&b=9")" = '{"a":7,"b":9,"sum":16}' ] \
  || fail "sumservice /sum?a=7&b=9 did not answer 16"
log "sumservice: serving /sum"

coordinator_status=0
"$scripts/image-run.sh" "localhost/imager/coordinator:$tag" --nats-url "$nats_url" --min-workers 1 \
  --worker-wait-timeout 60s -listen-port 0 --progress plain \
  -target-mode url -target-url "http://127.0.0.1:$sum_port" -request-source-type random-sum \
  -load-calculator step -min-rps 20 -max-rps 20 -step-rps 1 --duration 5s \
  --threshold 'requests>=100' --threshold 'error-rate<1%' --threshold 'lost<1' --threshold 'dropped<1' \
  >"$work/coordinator.log" 2>&1 || coordinator_status=$?
[ "$coordinator_status" -eq 0 ] || fail "the coordinator's run through the worker exited $coordinator_status"
# The worker's own count agrees: imager_success (requests answered ok) is at least the 100 planned.
ok="$(curl -fsS "http://127.0.0.1:$metrics_port/metrics" | awk '$1 == "imager_success" { print int($2) }')"
[ "${ok:-0}" -ge 100 ] || fail "the worker's imager_success is ${ok:-missing}, not >= 100"
log "coordinator: a 5 s run of 20 rps through the worker image against the sumservice image passed its thresholds"
log "all four images build and run (${SECONDS}s)"
