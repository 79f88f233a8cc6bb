#!/usr/bin/env bash
# Xtensa instructions per byte of the native frame codec: the core's codec sources and a
# bare-metal harness (harness.cpp) built with xtensa-lx106-elf-g++ and run on
# qemu-system-xtensa -M sim -cpu lx106 with -icount shift=0 (one instruction a nanosecond,
# deterministic). The lx106 has the LX7's base ISA without its zero-overhead loops, so the
# figures are an upper bound for the same C++ on the ESP32-S3.
#
# Needs gcc-xtensa-lx106 and qemu-system-misc (Debian); skips with a message otherwise.
# Optimisation level: first argument (default -O2).
set -euo pipefail

readonly cross=xtensa-lx106-elf
opt="${1:--O2}"
for tool in "$cross-g++" qemu-system-xtensa; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "codec cost skipped: $tool not found (Debian packages gcc-xtensa-lx106, qemu-system-misc)"
    exit 0
  fi
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
core="$(cd "$here/../../core" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

"$cross-g++" -std=c++17 "$opt" -ffreestanding -nostdlib -fno-exceptions -fno-rtti -fno-threadsafe-statics \
  -mtext-section-literals -Wall -Wextra -Werror -I "$core/include" -I "$here/../xtensa" -T "$here/link.ld" -o "$out/harness.elf" \
  "$here/start.S" "$here/harness.cpp" "$core/src/slot_ring.cpp" "$core/src/crc32c.cpp" "$core/src/cobs.cpp" \
  "$core/src/frame_codec.cpp" "$core/src/frame_receiver.cpp"

echo "native frame codec on qemu-system-xtensa -cpu lx106 ($cross-g++ $opt), data frames of 1024 and 4092 bytes:"
timeout 60 qemu-system-xtensa -M sim -cpu lx106 -nographic -monitor none -semihosting -icount shift=0 \
  -kernel "$out/harness.elf"
