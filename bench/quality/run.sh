#!/usr/bin/env bash
# Cut-out quality bench: the whole pipeline (--preset packshot-white) on ECSSD and eBay composites (true masks),
# GroceryStore hand-held photos (timing, QC) and generated labelled product scenes (true mask, ideal rendering, label
# words); per-image rows and a summary per set, beside the raw U²-Netp map used as alpha. Downloads nothing.
#
#   usage: bench/quality/run.sh [--quick] [--step] [--save DIR] [--set KEY=VALUE ...]
#   --quick: ~2-3 min on one core; --step: the background step alone, in the upload's frame (a fast tuning loop);
#   --save: PNG previews of uploads and outputs; --set: an option over the packshot-white preset (repeatable), e.g.
#   --set format=png to see what the size target costs; --only SET: one set (scenes, ECSSD, eBay, GroceryStore)
#
# Env: BENCH_CPU (core to pin to, default 0), ENHANCER_SHARED_DIR (default ../shared), ENHANCER_MODELS_DIR
# (default models/). Tesseract (scripts/install-ocr.sh) is optional: without it the OCR columns say n/a.
# The table also goes to bench/results/quality-<timestamp>.md (git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="${ENHANCER_SHARED_DIR:-$ROOT/../shared}"
MODELS="${ENHANCER_MODELS_DIR:-$ROOT/models}"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "${BENCH_CPU:-0}"); fi
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
cd "$ROOT"
# Test classes and the test classpath, from this checkout's target/ (nothing is installed to ~/.m2).
./mvnw -q -B -o -pl engine test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/quality-classpath.txt" >/dev/null
CP="$ROOT/engine/target/test-classes:$ROOT/engine/target/classes:$(cat "$OUT/quality-classpath.txt")"
"${PIN[@]}" java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$CP" -Denhancer.shared.dir="$SHARED" -Denhancer.models.dir="$MODELS" \
  io.enhancer.engine.bench.CutOutQualityBench "$@" | tee "$OUT/quality-$(date +%Y%m%d-%H%M%S).md"
