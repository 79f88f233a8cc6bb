#!/usr/bin/env bash
# Line coverage of the ESP32-S3 backend by its tests: builds them with gcov instrumentation
# (SB_S3_COVERAGE) in the given build directory, runs them, and prints lines run / lines with
# code for each backend file, then every line not run. The header's inline functions are
# compiled into the backend and into the model; a line counts as run if either copy ran it.
# Usage: coverage.sh <build-dir>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
native="$(cd "$here/.." && pwd)"
build="${1:?usage: coverage.sh <build-dir>}"
cmake -S "$native" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSB_S3_COVERAGE=ON -DSB_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target sb_s3_tests -j 2 >/dev/null
find "$build" -name '*.gcda' -delete
"$build/esp32s3/sb_s3_tests" --gtest_brief=1 >/dev/null
report="$(mktemp -d)"
trap 'rm -rf "$report"' EXIT
backend="$build/esp32s3/CMakeFiles/sb_s3_backend.dir/src"
model="$build/esp32s3/CMakeFiles/sb_s3_model.dir/model"
(
  cd "$report"
  for s in esp32s3_backend async_loops s3_pins bus_loop; do gcov -l -o "$backend/$s.cpp.o" "$here/src/$s.cpp" >/dev/null 2>&1; done
  gcov -l -o "$model/s3_model.cpp.o" "$here/model/s3_model.cpp" >/dev/null 2>&1
)
# Per file: the union over every .gcov of it (name##file.gcov with -l).
for f in esp32s3_backend.cpp async_loops.cpp esp32s3_backend.h s3_pins.cpp bus_loop.cpp; do
  files=("$report"/*"$f.gcov")
  [[ -e "${files[0]}" ]] || continue
  awk -v name="$f" -F: '
    { count = $1; gsub(/ /, "", count); line = $2 + 0; if (line == 0) next }
    count == "-" { next }
    count == "#####" { if (!(line in state)) { state[line] = 0; text[line] = substr($0, index($0, $3)) } next }
    { state[line] = 1 }
    END {
      run = 0; total = 0
      for (l in state) { total++; if (state[l]) run++ }
      printf "%s: %d of %d lines run\n", name, run, total
      n = 0
      for (l in state) if (!state[l]) missed[n++] = l + 0
      for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (missed[j] < missed[i]) { t = missed[i]; missed[i] = missed[j]; missed[j] = t }
      for (i = 0; i < n; i++) printf "  not run: %s:%d:%s\n", name, missed[i], text[missed[i]]
    }' "${files[@]}"
done
