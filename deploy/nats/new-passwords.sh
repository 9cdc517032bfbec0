#!/usr/bin/env bash
# Makes passwords.env next to this script (or the file given): a random password for each of imager's NATS
# identities, read by kustomization.yaml's secretGenerator. Never committed (.gitignore).
#
#   deploy/nats/new-passwords.sh            # once, before the first `kubectl apply -k`; keeps an existing file
#   deploy/nats/new-passwords.sh --rotate   # new passwords; apply again and every pod using them restarts
#
# Each password is 32 letters and digits, starting with a letter: nats-server parses a value it takes from the
# environment as configuration ("4kb" would become a number), and such a value stays a string.
set -euo pipefail

rotate=false
file="$(cd "$(dirname "$0")" && pwd)/passwords.env"
for arg in "$@"; do
  case "$arg" in
    --rotate) rotate=true ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
    *) file="$arg" ;;
  esac
done

if [ -e "$file" ] && [ "$rotate" = false ]; then
  echo "$file exists; keeping it (--rotate makes new passwords)"
  exit 0
fi

password() {
  local chars=""
  # /dev/urandom read in fixed blocks, so no reader is cut off mid-pipe; about 1 byte in 4 is kept.
  while [ "${#chars}" -lt 40 ]; do
    chars+="$(head -c 512 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')"
  done
  local letters="${chars//[0-9]/}"
  printf '%s%s' "${letters:0:1}" "${chars:1:31}"
}

umask 077
tmp="$(mktemp "$file.XXXXXX")"
{
  echo "coordinator-password=$(password)"
  echo "worker-password=$(password)"
  echo "watcher-password=$(password)"
} > "$tmp"
mv "$tmp" "$file"
echo "wrote $file"
