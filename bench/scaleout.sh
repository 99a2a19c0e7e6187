#!/usr/bin/env bash
# Scale-out benchmark: an external KRaft Kafka broker, MariaDB and Redis on this machine, one `api` JVM and 1, then
# 2 `worker` JVMs of the connector (each its own process). Measures end-to-end throughput (images/min) of a batch
# with the default pipeline, worker CPU-seconds per image (/proc/<pid>/stat), consumer lag sampled every second,
# and the intake rate with wrk (signed POST /webhooks/generic when mounted, else POST /api/v1/import).
# Prints markdown tables; CSVs and wrk's output go to bench/results/scaleout-<timestamp>/ (git-ignored).
#
#   usage: bench/scaleout.sh [IMAGES] [WORKERS]      e.g. bench/scaleout.sh 60 1,2
#
# Needs: MariaDB on 127.0.0.1:3306 (root, no password; a fresh enhancer_scale_* database per run, dropped after),
# Redis on 127.0.0.1:6379, ../shared datasets (GroceryStore natural-val + Kodak24). Installs wrk with apt if missing.
# Env: PARTITIONS (4), MODELS_DIR (none), WRK_DURATION (15s), WRK_CONNECTIONS (16).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGES="${1:-60}"
WORKERS="${2:-1,2}"
OUT="$ROOT/bench/results/scaleout-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
cd "$ROOT"

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian package)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  else sudo apt-get install -y -qq wrk >/dev/null; fi
fi

# The test classpath of dam-connector; the reactor modules from their target/ folders, never from ~/.m2. Compiling in
# the same invocation lets the reactor resolve engine and webhooks to their target/classes (nothing is installed);
# every module writes the file in turn and dam-connector, last in the reactor, leaves its own.
./mvnw -q -B -o -pl dam-connector -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="$ROOT/dam-connector/target/test-classes:$ROOT/dam-connector/target/classes"
for entry in $(tr ':' ' ' < "$OUT/classpath.txt"); do
  case "$entry" in
    */enhancer-engine-*.jar) CP="$CP:$ROOT/engine/target/classes" ;;
    */enhancer-webhooks-*.jar) CP="$CP:$ROOT/webhooks/target/classes" ;;
    *) CP="$CP:$entry" ;;
  esac
done
printf -- '-cp "%s"\n' "$CP" > "$OUT/java.args"

cd "$ROOT/dam-connector"   # so the run's logs land in dam-connector/target/scaleout-logs/
java -Xmx512m @"$OUT/java.args" \
  -Denhancer.shared.dir="$ROOT/../shared" \
  -Dimages="$IMAGES" -Dworkers="$WORKERS" -Dpartitions="${PARTITIONS:-4}" -DmodelsDir="${MODELS_DIR:-}" \
  -DwrkDuration="${WRK_DURATION:-15s}" -DwrkConnections="${WRK_CONNECTIONS:-16}" -Dout="$OUT" \
  io.enhancer.connector.scaleout.ScaleOutBenchmark \
  | grep --line-buffered -v 'NetworkClient - \[AdminClient' | tee "$OUT/report.md"
# (the filter drops the admin client's "could not connect" warnings while the broker it waits for is starting)
echo "results: $OUT" >&2
