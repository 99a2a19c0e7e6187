#!/usr/bin/env bash
# Issue 17 figures: starts the connector on its embedded defaults (H2, in-JVM Kafka, no Redis) with a 15 s fetch
# timeout and loopback origins allowed (defaults for everything else, admission included), then runs bench/burst.py: 16 concurrent 28 MP uploads (peak RSS, every
# answer), enhance/url from a 1 byte/s origin, a webhook job queued behind a slow-origin job. Heavy: run it once.
#   bench/burst.sh [BURST]        env: PORT (18080), ORIGIN_PORT (18099)
# Measured 2026-12-04, 2 shared cores, defaults (2 slots, 3 GB budget, 100 B/px): 16 x 28 MP (530 KB) -> alive,
# 3 x 200 (10.8-33.5 s), 11 x 503 engine_busy at once, 2 x 503 after the 30 s wait; RSS 943 MB -> peak 5396 MB.
# enhance/url from a 1 byte/s origin: 504 fetch_timeout in 15.2 s. Job behind a slow-origin job: completed in 5.5 s.
# Again later that day (SR x2-x4 models, faster runs), 2 runs each: 16/16 answered, 5 x 200; peak RSS 8044 and
# 7550 MB with glibc's default malloc arenas, 4701 and 4481 MB with MALLOC_ARENA_MAX=2 (now the default here).
set -euo pipefail
# as the launcher and the Docker image run it (see ./enhancer); MALLOC_ARENA_MAX= (empty) measures glibc's default
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX-2}"
[ -n "$MALLOC_ARENA_MAX" ] || unset MALLOC_ARENA_MAX
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-18080}"; ORIGIN_PORT="${ORIGIN_PORT:-18099}"; WORK="$(mktemp -d)"
JAR="$(ls -t "$ROOT"/dam-connector/target/enhancer-dam-connector-*.jar | grep -v -e sources -e plain | head -1)"
[ -f "$JAR" ] || { echo "build first: ./mvnw -o -q -DskipTests -pl dam-connector -am package" >&2; exit 1; }

# A ~530 KB 28 MP JPEG (6480x4320) and a small one for the fast origin, made here: nothing downloaded.
java -Xmx2g "$ROOT/bench/SyntheticJpeg.java" "$WORK/28mp.jpg" 6480 4320 0.17
java "$ROOT/bench/SyntheticJpeg.java" "$WORK/small.jpg" 800 600 0.85
echo "28 MP image: $(stat -c %s "$WORK/28mp.jpg") bytes" >&2

KEY="bench-admin-$(date +%s)-0123456789"; SECRET="bench-webhook-secret-0123456789"
KAFKA_PORT=$((PORT + 100))
ENHANCER_DATA_DIR="$WORK/data" SERVER_PORT="$PORT" MYSQL_HOST= KAFKA_BOOTSTRAP_SERVERS= REDIS_URL= \
ENHANCER_EMBEDDED_KAFKA_PORT="$KAFKA_PORT" ENHANCER_ADMIN_KEY="$KEY" WEBHOOK_SECRET="$SECRET" \
ENHANCER_FETCH_TIMEOUT=15s ENHANCER_ALLOW_PRIVATE_ADDRESSES=true ENHANCER_ALLOWED_ORIGINS="http://127.0.0.1:$ORIGIN_PORT" \
ENHANCER_MODELS_DIR="${ENHANCER_MODELS_DIR:-$ROOT/models}" ENHANCER_JOB_MAX_ATTEMPTS=1 \
  java ${ENHANCER_JAVA_OPTS:-} -jar "$JAR" serve > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/liveness" >/dev/null 2>&1 && break; sleep 1
done
grep -m1 "engine admission" "$WORK/service.log" >&2 || true
BASE="http://127.0.0.1:$PORT" KEY="$KEY" SERVICE_PID="$PID" WEBHOOK_SECRET="$SECRET" IMAGE="$WORK/28mp.jpg" \
SMALL_IMAGE="$WORK/small.jpg" BURST="${1:-16}" ORIGIN_PORT="$ORIGIN_PORT" python3 "$ROOT/bench/burst.py"
