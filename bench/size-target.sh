#!/usr/bin/env bash
# Size-target search bench: the old bisection vs the size-model search on 12 real photos (Kodak24, GroceryStore) on
# 1500x1500 canvases: encodes, thread-CPU ms per image, final size / target and quality chosen, as markdown tables.
#
#   usage: bench/size-target.sh [JPEG|WEBP ...] [TARGET_KIB ...] [--detail]     (default: JPEG 150 300 500)
#
# Env: BENCH_CPU (core to pin to, default 0), ENHANCER_SHARED_DIR (default ../shared). The output also goes to
# bench/results/size-target-<timestamp>.md (git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${ENHANCER_SHARED_DIR:-$ROOT/../shared}"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "${BENCH_CPU:-0}"); fi
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
cd "$ROOT"
./mvnw -q -B -o -pl engine test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/size-target-classpath.txt" >/dev/null
CP="$ROOT/engine/target/test-classes:$ROOT/engine/target/classes:$(cat "$OUT/size-target-classpath.txt")"
{
  echo "machine: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, pinned to core ${BENCH_CPU:-0}"
  "${PIN[@]}" java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" -Denhancer.shared.dir="$SHARED" \
    io.enhancer.engine.codec.SizeTargetBench "$@"
} | tee "$OUT/size-target-$(date +%Y%m%d-%H%M%S).md"
