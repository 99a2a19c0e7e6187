#!/usr/bin/env bash
# Installs s3rver@3.7.1 (MIT), an S3-compatible server in Node that binds the address it is given (the S3 store's
# tests start it on 127.0.0.1), into ${ENHANCER_TOOLS_DIR:-$HOME/.cache/enhancer}/s3rver with the ordinary npm
# client. Idempotent: returns at once when that version is installed. Prints the path of its command line.
# Usage: scripts/install-s3rver.sh [TOOLS_DIR]
set -euo pipefail

VERSION="3.7.1"
home="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
tools_dir="${1:-${ENHANCER_TOOLS_DIR:-$home/.cache/enhancer}}"
prefix="$tools_dir/s3rver"
cli="$prefix/node_modules/s3rver/bin/s3rver.js"
manifest="$prefix/node_modules/s3rver/package.json"

die() { echo "install-s3rver: $*" >&2; exit 1; }

installed_version() {
  [ -f "$manifest" ] && node -e 'process.stdout.write(require(process.argv[1]).version)' "$manifest" 2>/dev/null || true
}

if [ "$(installed_version)" = "$VERSION" ] && [ -f "$cli" ]; then
  echo "$cli"
  exit 0
fi

command -v node >/dev/null 2>&1 || die "node is needed (apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || die "npm is needed (apt-get install npm)"
mkdir -p "$prefix"
# A private package.json keeps npm from walking up to another project's; --no-save leaves it unchanged.
[ -f "$prefix/package.json" ] || echo '{"name":"enhancer-tools-s3rver","private":true}' >"$prefix/package.json"
# s3rver and its dependencies are plain JavaScript: no install script needs to run.
npm install --prefix "$prefix" --no-save --no-audit --no-fund --ignore-scripts --loglevel=error "s3rver@$VERSION" >&2
[ "$(installed_version)" = "$VERSION" ] || die "npm did not install s3rver@$VERSION under $prefix"
echo "install-s3rver: installed s3rver@$VERSION under $prefix" >&2
echo "$cli"
