#!/usr/bin/env bash
# Installs Directus (npm, many minutes the first time) where DirectusEndToEndTest runs it, so CI can do it in the
# background while the engine and webhooks modules build and test. The test waits for this script (prepare.pid)
# before starting Directus itself. Idempotent: with the install already there it starts and stops Directus once
# (seconds), which also proves PostgreSQL and Directus start on this machine.
#
#   usage: scripts/prepare-directus.sh [DIR]   (default: $ENHANCER_DIRECTUS_IT_DIR or $ENHANCER_TOOLS_DIR/directus-it,
#                                               ENHANCER_TOOLS_DIR defaulting to ~/.cache/enhancer)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPTS="${ENHANCER_SHARED_DIR:-$ROOT/../shared}/dam/directus"
DIR="${1:-${ENHANCER_DIRECTUS_IT_DIR:-${ENHANCER_TOOLS_DIR:-$HOME/.cache/enhancer}/directus-it}}"
mkdir -p "$DIR"
echo $$ > "$DIR/prepare.pid"
rm -f "$DIR/prepare.failed"
trap 'rm -f "$DIR/prepare.pid"' EXIT

# Leave nothing of an earlier run behind (the npm install stays): the test starts from an empty database anyway.
bash "$SCRIPTS/stop-directus.sh" "$DIR" >/dev/null 2>&1 || true
if [ -f "$DIR/directus.env" ]; then
  PGROOT=$(sed -n 's/^PGROOT=//p' "$DIR/directus.env")
  [ -n "$PGROOT" ] && rm -rf "$PGROOT/data"
  rm -rf "$DIR/app/uploads" "$DIR/directus.env"
fi
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 20000 ))
    ss -ltnH "sport = :$port" 2>/dev/null | grep -q . || { echo "$port"; return; }
  done
}
start=$(date +%s)
if DIRECTUS_PORT="$(free_port)" PG_PORT="$(free_port)" \
    bash "$SCRIPTS/start-directus.sh" "$DIR" > "$DIR/prepare.log" 2>&1; then
  echo "Directus ready in $DIR after $(( $(date +%s) - start ))s" >&2
else
  echo "start-directus.sh failed after $(( $(date +%s) - start ))s, see $DIR/prepare.log" | tee "$DIR/prepare.failed" >&2
fi
bash "$SCRIPTS/stop-directus.sh" "$DIR" >> "$DIR/prepare.log" 2>&1 || true
