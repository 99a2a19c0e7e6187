#!/usr/bin/env sh
# Keeps only the linux-x86_64 native libraries in the OpenCV and ONNX Runtime jars of an extracted Spring Boot
# application (lib/ folder). Both jars ship natives for every platform (~330 MB together); the image runs on one.
# Usage: slim-natives.sh LIB_DIR        Needs: zip (zip -d deletes entries in place).
set -eu
lib="${1:?usage: slim-natives.sh LIB_DIR}"

strip() { # jar, then the entry patterns to delete; a pattern that matches nothing is not an error (zip exit 12)
  jar="$1"; shift
  zip -q -d "$jar" "$@" || [ $? -eq 12 ]
}

found=0
for jar in "$lib"/opencv-*.jar; do
  [ -f "$jar" ] || continue; found=$((found + 1))
  strip "$jar" 'nu/pattern/opencv/osx/*' 'nu/pattern/opencv/windows/*' \
    'nu/pattern/opencv/linux/ARMv7/*' 'nu/pattern/opencv/linux/ARMv8/*' 'nu/pattern/opencv/linux/x86_32/*'
done
for jar in "$lib"/onnxruntime-*.jar; do
  [ -f "$jar" ] || continue; found=$((found + 1))
  strip "$jar" 'ai/onnxruntime/native/osx-*' 'ai/onnxruntime/native/win-*' 'ai/onnxruntime/native/linux-aarch64/*'
done
[ "$found" -eq 2 ] || { echo "expected one opencv and one onnxruntime jar in $lib, found $found" >&2; exit 1; }

# Fail the build if the one platform we need went missing (e.g. a new jar layout).
unzip -l "$lib"/opencv-*.jar | grep -q 'nu/pattern/opencv/linux/x86_64/libopencv_java.*\.so' \
  || { echo "OpenCV linux x86_64 native missing" >&2; exit 1; }
unzip -l "$lib"/onnxruntime-*.jar | grep -q 'ai/onnxruntime/native/linux-x64/libonnxruntime\.so' \
  || { echo "ONNX Runtime linux-x64 native missing" >&2; exit 1; }
