# Shared helpers for the benchmark scripts: build, free ports, nginx on loopback, CPU steal.
# Sourced, not run.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"

die() { echo "bench: $*" >&2; exit 1; }

# need TOOL [DEBIAN-PACKAGE]: fails with an install hint when TOOL is not installed.
need() {
  local tool=$1 package=${2:-$1}
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || die "$tool is missing (Debian: sudo apt-get install -y $package)"
}

# Builds the jars and test classes unless they are already there, and records the launcher's class-data archives
# when they are missing or older than their jars (unless IMAGER_CDS=off), so that a bench's first run does not pay
# for the recording.
build_if_needed() {
  if ! ls "$ROOT"/worker/target/imager-worker-*-all.jar >/dev/null 2>&1 \
     || [ ! -d "$ROOT/worker/target/test-classes/dev/imager/worker/bench" ] \
     || ! ls "$ROOT"/coordinator/target/imager-coordinator-*-all.jar >/dev/null 2>&1 \
     || ! ls "$ROOT"/sumservice/target/imager-sumservice-*-all.jar >/dev/null 2>&1 \
     || [ ! -d "$ROOT/coordinator/target/test-classes/dev/imager/coordinator/bench" ]; then
    echo "bench: building (./mvnw -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || die "build failed"
  fi
  [ "${IMAGER_CDS:-on}" = off ] && return
  local m
  for m in coordinator worker sumservice; do
    if ! [ "$ROOT/$m/target/imager-$m.jsa" -nt "$(module_jar "$m")" ]; then
      echo "bench: recording class-data archives (scripts/record-class-data.sh)"
      "$ROOT/scripts/record-class-data.sh" || die "recording the class-data archives failed"
      return
    fi
  done
}

# module_jar MODULE: prints the path of MODULE's fat jar, $ROOT/MODULE/target/imager-MODULE-<version>-all.jar
# (the first in name order if there are several); fails when there is none.
module_jar() {
  local module=$1 jars
  jars=("$ROOT/$module"/target/imager-"$module"-*-all.jar)
  [ -f "${jars[0]}" ] || die "no $module jar in $ROOT/$module/target"
  echo "${jars[0]}"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_nats LOG [nats-server flags...]: starts nats-server on a free loopback port, logging to LOG, and waits until it
# accepts connections; sets NATS_PORT and NATS_PID (the caller stops it).
start_nats() {
  local log=$1; shift
  NATS_PORT=$(free_port)
  "$(command -v nats-server || echo /usr/sbin/nats-server)" -a 127.0.0.1 -p "$NATS_PORT" "$@" >"$log" 2>&1 &
  NATS_PID=$!
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$NATS_PORT") 2>/dev/null && return 0; sleep 0.1; done
  die "nats-server did not start: $(cat "$log")"
}

# Starts nginx answering 200 on 127.0.0.1:$1; sets NGINX_DIR and NGINX_PID.
start_nginx() {
  local port=$1
  NGINX_DIR=$(mktemp -d)
  mkdir -p "$NGINX_DIR/tmp"
  sed "s|__DIR__|$NGINX_DIR|g; s|__PORT__|$port|" "$BENCH_DIR/nginx.conf" > "$NGINX_DIR/nginx.conf"
  run_nginx "http://127.0.0.1:$port/"
}

# run_nginx CURL-ARGS...: starts nginx on $NGINX_DIR/nginx.conf and waits until curl CURL-ARGS gets an answer.
run_nginx() {
  local nginx_bin; nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  "$nginx_bin" -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" >"$NGINX_DIR/out.log" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 1 50); do
    curl -sf "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "nginx did not start: $(cat "$NGINX_DIR/out.log")"
}

# Starts nginx answering 200 over HTTP/2 on 127.0.0.1:$1: h2c with prior knowledge ($2 = h2c) or h2 over TLS with
# a throw-away self-signed certificate ($2 = tls); sets NGINX_DIR and NGINX_PID.
start_nginx_h2() {
  local port=$1 mode=$2 listen check
  NGINX_DIR=$(mktemp -d)
  mkdir -p "$NGINX_DIR/tmp"
  if [ "$mode" = tls ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout "$NGINX_DIR/key.pem" \
      -out "$NGINX_DIR/cert.pem" >/dev/null 2>&1 || die "openssl could not make a certificate"
    listen="listen 127.0.0.1:$port ssl http2; ssl_certificate $NGINX_DIR/cert.pem; ssl_certificate_key $NGINX_DIR/key.pem;"
    check=(-k --http2 "https://127.0.0.1:$port/")
  else
    listen="listen 127.0.0.1:$port http2;"
    check=(--http2-prior-knowledge "http://127.0.0.1:$port/")
  fi
  sed "s|__DIR__|$NGINX_DIR|g; s|__LISTEN__|$listen|" "$BENCH_DIR/nginx-h2.conf" > "$NGINX_DIR/nginx.conf"
  run_nginx "${check[@]}"
}

stop_nginx() {
  [ -n "${NGINX_PID:-}" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  [ -n "${NGINX_DIR:-}" ] && rm -rf "$NGINX_DIR"
  NGINX_PID=""
}

# Total and steal jiffies from /proc/stat, as "total steal".
cpu_sample() {
  awk '/^cpu /{t=0; for(i=2;i<=NF;i++) t+=$i; print t, $9}' /proc/stat
}

# Percentage of CPU time stolen by the hypervisor between two samples.
steal_pct() {
  local a=($1) b=($2)
  awk -v t1="${a[0]}" -v s1="${a[1]}" -v t2="${b[0]}" -v s2="${b[1]}" \
    'BEGIN { d=t2-t1; if (d<=0) { print "0.0" } else { printf "%.1f", 100*(s2-s1)/d } }'
}

# Median of numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END { if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2 }'
}

# ladder_figures STEP-SECONDS < EngineBench output: prints each RESULT line and sets LADDER_SUSTAINED (the highest
# rate completed >= 99% with send-lag p99 < 1 ms) and LADDER_ACHIEVED (the highest rate completed >= 99%).
ladder_figures() {
  local step_seconds=$1 line rate ok lag planned
  LADDER_SUSTAINED=0; LADDER_ACHIEVED=0
  while read -r line; do
    case "$line" in RESULT*) ;; *) continue ;; esac
    echo "  imager: $line"
    rate=$(sed -E 's/.*rate=([0-9]+).*/\1/' <<<"$line")
    ok=$(sed -E 's/.* ok=([0-9]+).*/\1/' <<<"$line")
    lag=$(sed -E 's/.*lagP99us=([0-9]+).*/\1/' <<<"$line")
    planned=$((rate * step_seconds))
    if [ $((ok * 100)) -ge $((planned * 99)) ]; then
      LADDER_ACHIEVED=$rate
      [ "$lag" -lt 1000 ] && LADDER_SUSTAINED=$rate
    fi
  done
}

# ratio A B: A / B with two decimals (0 when B is 0).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b>0 ? a/b : 0) }'; }
