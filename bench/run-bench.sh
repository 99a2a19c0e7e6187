#!/usr/bin/env bash
# Benchmark: our pipeline in process (per-step ms, images/s, peak RSS) and, on the same images in the same run,
# the closest ImageMagick and libvips command lines; prints markdown tables with the time ratio.
#
#   usage: bench/run-bench.sh [IMAGES_DIR] [COUNT]
#
# Default images: COUNT (20) photos from ../shared: half GroceryStore in-store photos (348 px), half Kodak24
# (500-768 px); plus 3 Kodak photos resized to ~2 MP for the "full pipeline on a 2 MP photo" figure.
# Comparisons:
#   (a) standardise+optimize: enhancer --mode optimize --keep-background --canvas 1500x1500 --target-kb 300
#       vs  convert IN -resize 1275x1275 -background white -gravity center -extent 1500x1500 -quality 85 OUT.jpg
#       vs  vipsthumbnail IN --size 1275x1275 + vips gravity centre 1500 1500 (white), Q 85
#   (b) full pipeline: enhancer --mode full --target-kb 500 vs ../shared/bench/peers/run-peers.sh imagemagick/vips
#       (trim, auto-level, denoise, Lanczos, unsharp, pad, JPEG quality search to 500 KB)
# Everything runs pinned to one core (taskset, BENCH_CPU=0) so figures compare per core.
# Env: BENCH_CPU, ENHANCER_SHARED_DIR. Results also go to bench/results/<timestamp>/ (git-ignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${ENHANCER_SHARED_DIR:-$ROOT/../shared}"
COUNT="${2:-20}"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "${BENCH_CPU:-0}"); fi
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
RESULTS="$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)"; mkdir -p "$RESULTS"
IM=/usr/bin/convert     # not plain 'convert': a stand-in may shadow it on PATH
TIME=/usr/bin/time

need_apt() {  # need_apt FILE PACKAGE
  [ -x "$1" ] && return 0
  echo "[setup] installing Debian package $2" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "$2" >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "$2" >/dev/null; }
}
need_apt "$IM" imagemagick
need_apt /usr/bin/vips libvips-tools
need_apt "$TIME" time

# ---------- images (copied to a temp folder, never into the repository) ----------
mkdir -p "$TMP/in" "$TMP/in2mp"
take() {  # take DIR N: every k-th .jpg/.jpeg/.png of DIR
  local dir="$1" n="$2" files k i
  mapfile -t files < <(find "$dir" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) | sort)
  [ ${#files[@]} -gt 0 ] || { echo "no images in $dir" >&2; exit 1; }
  k=$(( ${#files[@]} / n )); [ "$k" -ge 1 ] || k=1
  for ((i = 0; i < n && i * k < ${#files[@]}; i++)); do cp "${files[i * k]}" "$TMP/in/"; done
}
if [ -n "${1:-}" ]; then
  take "$1" "$COUNT"
else
  take "$SHARED/datasets/products-GroceryStore/natural-val" $((COUNT / 2))
  take "$SHARED/datasets/denoise-Kodak24" $((COUNT - COUNT / 2))
  for f in kodim03 kodim08 kodim19; do   # ~2 MP photos: Kodak enlarged (Lanczos) to 2 MP, JPEG q95
    src="$SHARED/datasets/denoise-Kodak24/$f.png"; [ -f "$src" ] || continue
    factor=$(awk -v w="$(vipsheader -f width "$src")" -v h="$(vipsheader -f height "$src")" 'BEGIN{printf "%.4f", sqrt(2e6/(w*h))}')
    vips resize "$src" "$TMP/in2mp/$f.jpg[Q=95]" "$factor" --kernel lanczos3
  done
fi
mapfile -t FILES < <(find "$TMP/in" -maxdepth 1 -type f | sort)
N=${#FILES[@]}
MP=$(for f in "${FILES[@]}"; do vipsheader -f width "$f"; vipsheader -f height "$f"; done \
  | awk 'NR%2{w=$1;next}{s+=w*$1}END{printf "%.2f", s/NR*2/1e6}')
echo "bench: $N images (mean $MP MP), pinned to: ${PIN[*]:-no pinning}; results in $RESULTS"

# ---------- ours ----------
"$ROOT/enhancer" build
"${PIN[@]}" "$ROOT/enhancer" bench "$TMP/in" --out "$TMP/ours" --tsv "$TMP/ours.tsv" | tee "$RESULTS/enhancer-steps.md"
if [ "$(find "$TMP/in2mp" -type f | wc -l)" -gt 0 ]; then
  "${PIN[@]}" "$ROOT/enhancer" bench "$TMP/in2mp" --scenario full --warmup 1 --tsv "$TMP/ours2mp.tsv" \
    | tee "$RESULTS/enhancer-steps-2mp.md"
fi
# End to end through the command line (JVM start included), same options as (a).
"$TIME" -f "%e,%M" -o "$TMP/cli.time" "${PIN[@]}" "$ROOT/enhancer" batch "$TMP/in" "$TMP/cli" --threads 1 \
  --mode optimize --keep-background --canvas 1500x1500 --target-kb 300 >/dev/null || true

# ---------- peers (a): per-image command lines, timed as a whole loop; %M = largest child's peak RSS ----------
mkdir -p "$TMP/im" "$TMP/vips"
"$TIME" -f "%e,%M" -o "$TMP/im.time" "${PIN[@]}" bash -c '
  for f in "${@:2}"; do n=$(basename "${f%.*}")
    '"$IM"' "$f" -resize 1275x1275 -background white -gravity center -extent 1500x1500 -quality 85 "$1/$n.jpg"
  done' _ "$TMP/im" "${FILES[@]}"
"$TIME" -f "%e,%M" -o "$TMP/vips.time" "${PIN[@]}" bash -c '
  for f in "${@:2}"; do n=$(basename "${f%.*}")
    vipsthumbnail "$f" --size 1275x1275 -o "$1/$n.v"
    vips gravity "$1/$n.v" "$1/$n.jpg[Q=85,strip]" centre 1500 1500 --extend background --background 255
    rm -f "$1/$n.v"
  done' _ "$TMP/vips" "${FILES[@]}"

# ---------- peers (b): run-peers.sh (its own timing of the loop; /usr/bin/time for peak RSS) ----------
PEERS="$SHARED/bench/peers/run-peers.sh"
for p in imagemagick vips; do
  if [ -x "$PEERS" ] || [ -f "$PEERS" ]; then
    SIDE=1500 TARGET_BYTES=512000 "$TIME" -f "%e,%M" -o "$TMP/full-$p.time" "${PIN[@]}" \
      bash "$PEERS" "$TMP/in" "$TMP/peers" "$p" > "$TMP/full-$p.log" 2>&1 || echo "run-peers $p failed (see log)" >&2
    cat "$TMP/full-$p.log" >> "$RESULTS/peers.log"
  fi
done

# ---------- tables ----------
ours() { awk -F'\t' -v s="$1" -v c="$2" '$1==s{print $c}' "$3"; }   # ours SCENARIO COLUMN FILE
row() {  # row COMPARISON TOOL SECONDS RSS_KB OUR_SECONDS [IMAGES]
  awk -v c="$1" -v t="$2" -v s="$3" -v m="$4" -v o="$5" -v n="${6:-$N}" 'BEGIN{
    if (s == "" || s <= 0) { printf "| %s | %s | n/a | | | | |\n", c, t; exit }
    printf "| %s | %s | %.2f | %.1f | %.2f | %s | %.2fx |\n", c, t, s, 1000*s/n, n/s, (m>0? sprintf("%.0f", m/1024) : "n/a"), s/o }'
}
timefile() { [ -s "$1" ] && tail -n1 "$1" | cut -d, -f"$2" || echo ""; }
peerwall() { sed -n 's/.* wall *\([0-9.]*\) s.*/\1/p' "$1" 2>/dev/null | head -n1; }

OPT_S=$(ours optimize 3 "$TMP/ours.tsv"); OPT_RSS=$(ours optimize 4 "$TMP/ours.tsv")
FULL_S=$(ours full 3 "$TMP/ours.tsv"); FULL_RSS=$(ours full 4 "$TMP/ours.tsv")
{
  echo
  echo "## Peers on the same $N images (mean $MP MP), one core"
  echo
  echo "| comparison | tool | wall s | ms/image | images/s | peak RSS MB | time ÷ enhancer |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  row "(a) standardise+optimize" "**enhancer** (in process)" "$OPT_S" "$OPT_RSS" "$OPT_S"
  row "(a) standardise+optimize" "enhancer CLI (JVM start included)" "$(timefile "$TMP/cli.time" 1)" "$(timefile "$TMP/cli.time" 2)" "$OPT_S"
  row "(a) standardise+optimize" "ImageMagick convert -resize -extent -quality 85" "$(timefile "$TMP/im.time" 1)" "$(timefile "$TMP/im.time" 2)" "$OPT_S"
  row "(a) standardise+optimize" "vipsthumbnail + vips gravity, Q 85" "$(timefile "$TMP/vips.time" 1)" "$(timefile "$TMP/vips.time" 2)" "$OPT_S"
  row "(b) full pipeline" "**enhancer** --mode full (in process)" "$FULL_S" "$FULL_RSS" "$FULL_S"
  row "(b) full pipeline" "ImageMagick (run-peers.sh)" "$(peerwall "$TMP/full-imagemagick.log")" "$(timefile "$TMP/full-imagemagick.time" 2)" "$FULL_S"
  row "(b) full pipeline" "libvips (run-peers.sh)" "$(peerwall "$TMP/full-vips.log")" "$(timefile "$TMP/full-vips.time" 2)" "$FULL_S"
  if [ -s "${TMP}/ours2mp.tsv" ]; then
    awk -F'\t' '$1=="full"{printf "\nfull pipeline on ~2 MP photos (%d images, mean %.2f MP), one core: mean %.0f ms, p95 %.0f ms per image, peak RSS %.0f MB\n", $2, $7, $5, $6, $4/1024}' "$TMP/ours2mp.tsv"
  fi
  echo
  echo "time ÷ enhancer > 1: the peer took longer. Peers pay one process start per image (the enhancer CLI row pays one JVM start per batch)."
} | tee "$RESULTS/peers.md"
