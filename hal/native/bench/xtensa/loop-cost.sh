#!/usr/bin/env bash
# Xtensa instructions per byte of the four asynchronous bulk loops (bulk_loops.h), counted on
# QEMU's Xtensa lx106 core: the ESP32-S3's LX7 shares its base instruction set, so the count is
# an upper bound for the same C++ there (the LX7 adds zero-overhead loops and more registers).
#
# Builds loop_harness.cpp bare-metal with xtensa-lx106-elf-g++ at -O2 (ESP-IDF's "optimize for
# performance"), runs it with -icount shift=0 (one instruction a nanosecond of virtual time;
# CCOUNT ticks at 40 MHz, so 25 instructions a tick) and prints what it measured. Exits
# non-zero if a transfer did not complete on the Xtensa core, so it doubles as a test that the
# loops run there. Skips (exit 0) without the Debian packages gcc-xtensa-lx106 and
# qemu-system-misc.
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/xtensa-tools.sh"
xtensa_tools_or_skip "Xtensa loop count" qemu

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
native="$(cd "$here/../.." && pwd)"

xtensa-lx106-elf-g++ -std=c++17 -O2 -mlongcalls -mtext-section-literals -ffreestanding -fno-exceptions -fno-rtti \
  -nostdlib -Wall -Wextra -Werror -I "$native/core/include" -T "$here/harness.ld" \
  "$here/start.S" "$here/loop_harness.cpp" -o "$work/harness.elf"

# The harness exits through the simulator call; QEMU's own exit status is not the harness's,
# so the verdict is the harness's last line.
timeout 120 qemu-system-xtensa -M sim -cpu lx106 -icount shift=0 -semihosting -nographic -monitor none \
  -kernel "$work/harness.elf" >"$work/out.txt" 2>&1 || true
cat "$work/out.txt"
grep -q '^all transfers complete$' "$work/out.txt"
