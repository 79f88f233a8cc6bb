#!/usr/bin/env bash
# Xtensa instructions a byte of the ESP32-S3 backend's four asynchronous bulk loops, counted
# on QEMU's lx106 (the S3's LX7 shares its base ISA; its counts are an upper bound there). The
# approach of hal/native/bench/xtensa/loop-cost.sh, with the backend's own accessors in their
# scripted flavour (s3_hw.h). Exits non-zero if a transfer did not complete; skips without
# the Debian packages gcc-xtensa-lx106 and qemu-system-misc.
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/xtensa-tools.sh"
xtensa_tools_or_skip "S3 Xtensa loop count" qemu

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
s3="$(cd "$here/.." && pwd)"
native="$(cd "$s3/.." && pwd)"

xtensa-lx106-elf-g++ -std=c++17 -O2 -mlongcalls -mtext-section-literals -ffreestanding -fno-exceptions -fno-rtti \
  -fno-threadsafe-statics -nostdlib -Wall -Wextra -Werror -DSB_S3_SCRIPTED \
  -I "$native/core/include" -I "$s3/include" -I "$native/bench/xtensa" -T "$native/bench/xtensa/harness.ld" \
  "$native/bench/xtensa/start.S" "$here/loop_harness.cpp" "$s3/src/esp32s3_backend.cpp" "$s3/src/async_loops.cpp" "$s3/src/s3_pins.cpp" \
  -o "$work/harness.elf"

timeout 120 qemu-system-xtensa -M sim -cpu lx106 -icount shift=0 -semihosting -nographic -monitor none \
  -kernel "$work/harness.elf" >"$work/out.txt" 2>&1 || true
cat "$work/out.txt"
grep -q '^all transfers complete$' "$work/out.txt"
