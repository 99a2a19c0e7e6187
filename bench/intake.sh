#!/usr/bin/env bash
# Issue 16 figures: webhook intake throughput on the embedded defaults (H2 file database, in-JVM Kafka, no Redis).
# Starts the connector itself, sends signed distinct generic webhooks over 16 keep-alive HTTP/1.1 connections for
# 15 s (bench/IntakeLoad.java, after a 5 s warm-up), prints deliveries/s, p50/p95/p99 and errors, then KILLS the
# service (SIGKILL, right after the last answer: nothing accepted may be lost) and checks its database: every
# delivery answered 2xx recorded exactly once (webhook event, image, queued job), nothing recorded that was not.
# The workers' Kafka listener is not started (SPRING_KAFKA_LISTENER_AUTO_STARTUP=false): this measures the intake,
# not the enhancement of thousands of made-up images on the same two cores.
#   bench/intake.sh                 env: PORT (18180), CONNECTIONS (16), DURATION (15), WARMUP (5), JFR=1 (profile the
#                                   measured run and print the hottest frames), ENHANCER_JAVA_OPTS, JAR (another build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-18180}"; CONNECTIONS="${CONNECTIONS:-16}"; DURATION="${DURATION:-15}"; WARMUP="${WARMUP:-5}"
WORK="$(mktemp -d)"
JAR="${JAR:-$(ls -t "$ROOT"/dam-connector/target/enhancer-dam-connector-*.jar | grep -v -e sources -e plain | head -1)}"
[ -f "$JAR" ] || { echo "build first: ./mvnw -o -q -DskipTests -pl dam-connector -am package" >&2; exit 1; }
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX-2}"

SECRET="bench-webhook-secret-0123456789"; KEY="bench-admin-$(date +%s)-0123456789"; RUN="bench$(date +%s)"
ENHANCER_DATA_DIR="$WORK/data" SERVER_PORT="$PORT" MYSQL_HOST= KAFKA_BOOTSTRAP_SERVERS= REDIS_URL= \
ENHANCER_EMBEDDED_KAFKA_PORT=$((PORT + 100)) ENHANCER_ADMIN_KEY="$KEY" WEBHOOK_SECRET="$SECRET" \
SPRING_KAFKA_LISTENER_AUTO_STARTUP=false ENHANCER_MODELS_DIR="${ENHANCER_MODELS_DIR:-$ROOT/models}" \
  java ${ENHANCER_JAVA_OPTS:-} -jar "$JAR" serve > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill -9 $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/liveness" >/dev/null 2>&1 && break
  kill -0 $PID 2>/dev/null || { grep -m5 -e ERROR -e "Caused by" "$WORK/service.log" >&2; exit 1; }
  sleep 1
done

# The load client is compiled once (the source launcher would compile it on every run, on the measured cores).
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" "$ROOT/bench/IntakeLoad.java"
python3 - "$JAR" "$WORK" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as jar:
    name = next(n for n in jar.namelist() if n.startswith("BOOT-INF/lib/h2-") and n.endswith(".jar"))
    open(sys.argv[2] + "/h2.jar", "wb").write(jar.read(name))
EOF

echo "warm-up ${WARMUP} s:" >&2
java -cp "$WORK/classes" IntakeLoad load 127.0.0.1 "$PORT" "$SECRET" "$CONNECTIONS" "$WARMUP" "$RUN-w" "$WORK/warm.ids"
echo "load before the measured run: $(uptime)"
[ -n "${JFR:-}" ] && jcmd $PID JFR.start name=intake settings=profile filename="$WORK/intake.jfr" >/dev/null
# With JFR the recording is stopped first (a killed JVM leaves none), so the kill comes a moment later.
export SERVICE_PID=$PID
if [ -n "${JFR:-}" ]; then
  java -cp "$WORK/classes" IntakeLoad load 127.0.0.1 "$PORT" "$SECRET" "$CONNECTIONS" "$DURATION" "$RUN-m" \
    "$WORK/measured.ids"
  jcmd $PID JFR.stop name=intake >/dev/null
  kill -9 $PID
else
  java -cp "$WORK/classes" IntakeLoad load 127.0.0.1 "$PORT" "$SECRET" "$CONNECTIONS" "$DURATION" "$RUN-m" \
    "$WORK/measured.ids" $PID
fi
wait $PID 2>/dev/null || true
echo "load after the measured run:  $(uptime)"
cat "$WORK/warm.ids" "$WORK/measured.ids" > "$WORK/all.ids"
H2_URL="jdbc:h2:file:$WORK/data/db/enhancer;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
STATUS=0
java -cp "$WORK/classes:$WORK/h2.jar" IntakeLoad check "$H2_URL" "$RUN" "$WORK/all.ids" || STATUS=$?

if [ -n "${JFR:-}" ]; then
  echo "hottest frames while measured (JFR execution samples):"
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/intake.jfr" | python3 "$ROOT/bench/jfr_hot.py"
  cp "$WORK/intake.jfr" "${JFR_FILE:-/tmp/intake-$RUN.jfr}"; echo "recording kept as ${JFR_FILE:-/tmp/intake-$RUN.jfr}"
fi
exit $STATUS
