#!/usr/bin/env bash
# Super-resolution bench: luminance PSNR (BT.601 Y, k pixels shaved) of Lanczos and every ONNX model on Set14 and
# Set5 at x2/x3/x4, the gain over Lanczos and ms per output megapixel, one ONNX thread pinned to one core.
#
#   usage: bench/superres.sh [Set14] [Set5]
#
# Env: BENCH_CPU (core to pin to, default 0), ENHANCER_SHARED_DIR (default ../shared), ENHANCER_MODELS_DIR
# (default ../shared/models). The table also goes to bench/results/superres-<timestamp>.md (git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${ENHANCER_SHARED_DIR:-$ROOT/../shared}"
MODELS="${ENHANCER_MODELS_DIR:-$SHARED/models}"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "${BENCH_CPU:-0}"); fi
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
cd "$ROOT"
./mvnw -q -B -pl engine test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/superres-classpath.txt" >/dev/null
CP="$ROOT/engine/target/test-classes:$ROOT/engine/target/classes:$(cat "$OUT/superres-classpath.txt")"
"${PIN[@]}" java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$CP" -Denhancer.shared.dir="$SHARED" -Denhancer.models.dir="$MODELS" \
  io.enhancer.engine.models.superres.SuperResolutionBench "$@" | tee "$OUT/superres-$(date +%Y%m%d-%H%M%S).md"
