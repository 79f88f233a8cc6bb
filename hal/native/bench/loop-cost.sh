#!/usr/bin/env bash
# Instructions per byte of the initiator's asynchronous DATA IN bulk loop (sb_loop_cost: the
# real controller and its bulk loop against a scripted target through a never-yielding,
# board-style backend whose pin operations are inline stores). The Xtensa count of the same
# loops is bench/xtensa/loop-cost.sh.
#
# Runs the program under callgrind for 1 MiB and for 2 MiB and divides the difference of the
# instruction totals by 1 MiB, so that selection, command setup and the program's start-up
# cancel out and only the per-byte work is left. Only the transfer itself is counted
# (--toggle-collect), so filling and checking the buffers does not blur the figure.
#
# The build uses -O2: CMake's Release default for GCC is -O3, but the board's firmware is
# built with ESP-IDF's "optimize for performance" setting, which is -O2.
#
# Environment: SB_LOOP_COST_BUILD_DIR (default: a directory under $TMPDIR or /tmp), reused
# between runs so that only changed sources are rebuilt.
set -euo pipefail

if ! command -v valgrind >/dev/null 2>&1 || ! command -v callgrind_annotate >/dev/null 2>&1; then
  echo "loop cost skipped: valgrind not found (Debian package valgrind)"
  exit 0
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
native="$(dirname "$here")"
build="${SB_LOOP_COST_BUILD_DIR:-${TMPDIR:-/tmp}/scsibridge-loop-cost-build}"

echo "building sb_loop_cost (Release, -O2) in $build"
cmake -S "$native" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DSB_BUILD_TESTS=OFF -DSB_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target sb_loop_cost -j2 >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

readonly small=$((1 << 20))
readonly large=$((2 << 20))

# Runs one size under callgrind; leaves the annotated profile (every function, self cost) in
# $work/annotate.<bytes>.
measure() {
  local bytes="$1"
  if ! valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.$bytes" \
      --toggle-collect='*transfer_through_controller*' \
      "$build/sb_loop_cost" --bytes "$bytes" >"$work/log.$bytes" 2>&1; then
    echo "sb_loop_cost --bytes $bytes failed under valgrind:" >&2
    cat "$work/log.$bytes" >&2
    exit 1
  fi
  callgrind_annotate --threshold=100 "$work/callgrind.$bytes" >"$work/annotate.$bytes"
}

# The PROGRAM TOTALS line: "1,234,567 (100.0%)  PROGRAM TOTALS" (older releases omit the %).
total_of() {
  awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }' "$work/annotate.$1"
}

# Self cost of the functions whose names match a pattern (the per-function table).
self_of() {
  awk -v pattern="$2" '
    /file:function/ { table = 1; next }
    table && $1 ~ /^[0-9,]+$/ && $0 ~ pattern { n = $1; gsub(",", "", n); sum += n }
    END { printf "%d\n", sum }' "$work/annotate.$1"
}

per_byte() {
  awk -v a="$1" -v b="$2" -v n="$((large - small))" 'BEGIN { printf "%.1f", (b - a) / n }'
}

echo "running under callgrind: --bytes $small, then --bytes $large"
measure "$small"
measure "$large"
grep '^bytes:' "$work/log.$large"

ir_small="$(total_of "$small")"
ir_large="$(total_of "$large")"
if [[ -z "$ir_small" || -z "$ir_large" ]]; then
  echo "could not read the instruction totals from callgrind_annotate" >&2
  exit 1
fi
core_small="$(self_of "$small" 'sb::Controller::|sb::bulk::')"
core_large="$(self_of "$large" 'sb::Controller::|sb::bulk::')"
peer_small="$(self_of "$small" 'ScriptedPeer::')"
peer_large="$(self_of "$large" 'ScriptedPeer::')"

echo "instructions counted: $ir_small for 1 MiB, $ir_large for 2 MiB"
echo
echo "transfer loop: $(per_byte "$ir_small" "$ir_large") instructions per byte"
echo "  bulk loop and controller (sb::):          $(per_byte "$core_small" "$core_large")"
echo "  scripted peer (its answer at each look): $(per_byte "$peer_small" "$peer_large")"
echo "  everything else:                         $(per_byte "$((ir_small - core_small - peer_small))" "$((ir_large - core_large - peer_large))")"
