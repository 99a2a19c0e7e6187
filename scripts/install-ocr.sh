#!/usr/bin/env bash
# Installs Tesseract OCR (engine + English model) for the label guard; does nothing when both are present.
# tess4j loads the system libtesseract through JNA, so the Debian library package is what Java needs.
set -euo pipefail

tessdata_has_eng() {
  local dir
  for dir in /usr/share/tesseract-ocr/*/tessdata /usr/share/tessdata /usr/local/share/tessdata; do
    [ -f "$dir/eng.traineddata" ] && return 0
  done
  return 1
}

if command -v tesseract >/dev/null 2>&1 && tessdata_has_eng; then
  echo "install-ocr: tesseract $(tesseract --version 2>&1 | head -n1 | awk '{print $2}') with eng already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends tesseract-ocr tesseract-ocr-eng

tesseract --version 2>&1 | head -n1
tessdata_has_eng || { echo "install-ocr: eng.traineddata still missing" >&2; exit 1; }
