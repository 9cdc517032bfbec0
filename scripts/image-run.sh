#!/usr/bin/env bash
# image-run.sh IMAGE [ARG...]
#
# Runs what a container runtime would start from IMAGE: its ENTRYPOINT (and CMD, unless ARGs replace it), as its
# USER, in its WORKDIR, with its ENV and no other environment. Exits with the program's status; SIGTERM and
# SIGINT end the program (both reach it as SIGTERM).
#
# Why not `podman run`: on machines where the OCI runtime may not set rlimits (runc and crun both fail without
# CAP_SYS_RESOURCE, sandboxed virtual machines among them), no container starts. The image's root filesystem
# starts the program as well: `podman image mount` gives it, read-only; a private mount namespace (unshare)
# adds what a runtime adds, /proc, a tmpfs /dev with the standard device nodes, and a writable tmpfs /tmp, as the
# Kubernetes manifests do (a read-only root filesystem with /tmp writable); chroot enters it as the image's
# user. The mount namespace ends with the program, taking those mounts with it. The network is the host's:
# 127.0.0.1 is the host's loopback. Runs as root; the image must have /usr/bin/env (coreutils).
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 IMAGE [ARG...]" >&2
  exit 2
fi
image="$1"
shift

# The image's config, each list NUL-terminated so that no value is split or globbed (head drops the newline
# podman ends its output with).
config_list() {
  podman image inspect --format "{{range .Config.$1}}{{.}}{{printf \"\\x00\"}}{{end}}" "$image" | head -c -1
}
mapfile -d '' entrypoint < <(config_list Entrypoint)
mapfile -d '' cmd < <(config_list Cmd)
mapfile -d '' image_env < <(config_list Env)
user="$(podman image inspect --format '{{.Config.User}}' "$image")"
workdir="$(podman image inspect --format '{{.Config.WorkingDir}}' "$image")"
if [ $# -gt 0 ]; then cmd=("$@"); fi
command=("${entrypoint[@]}" "${cmd[@]}")
if [ ${#command[@]} -eq 0 ]; then
  echo "image-run: $image has neither ENTRYPOINT nor CMD" >&2
  exit 2
fi

root="$(podman image mount "$image")"
trap 'podman image unmount "$image" >/dev/null' EXIT

# The child shell runs in the new mount namespace; it sets up the mounts, then execs chroot, env, the program.
# Not exec'ed itself: the EXIT trap above must still unmount the image, so signals are relayed to the child.
unshare --mount --propagation=private -- sh -c '
  set -e
  root="$1" user="$2" workdir="$3"
  shift 3
  mount -t proc proc "$root/proc"
  mount -t tmpfs -o mode=755,nosuid,size=64k devices "$root/dev"
  for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<NODE
$node
NODE
    mknod -m 666 "$root/dev/$name" c "$major" "$minor"
  done
  mount -t tmpfs -o mode=1777,nosuid,nodev,size=256m scratch "$root/tmp"
  exec chroot --userspec="$user" "$root" /usr/bin/env -i -C "$workdir" "$@"
' image-run "$root" "${user:-0:0}" "${workdir:-/}" "${image_env[@]}" "${command[@]}" &
child=$!
# SIGINT is relayed as SIGTERM: a background job starts with SIGINT ignored, and the JVM keeps it ignored.
trap 'kill -TERM "$child" 2>/dev/null || true' TERM INT
# A relayed signal interrupts wait (status > 128) before the program has ended: then wait for its own status.
status=0
wait "$child" || status=$?
while [ "$status" -gt 128 ] && kill -0 "$child" 2>/dev/null; do
  status=0
  wait "$child" || status=$?
done
exit "$status"
