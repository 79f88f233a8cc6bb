#!/usr/bin/env bash
# The board's ESP-IDF accessors (esp32s3/board/*_idf.cpp) and the backend in its board build
# (not SB_S3_SCRIPTED: the EE instructions and the .iram1 placement as the board has them)
# compiled for Xtensa lx106 with -Wall -Wextra -Werror, against the stand-in headers
# (idf-stand-in/: ESP-IDF v5.5's names and signatures, declarations only), since ESP-IDF is not
# installed here. The accessors are compiled to objects; the backend to assembly, because the
# lx106 assembler does not know the S3's EE instructions. Skips without the Debian package
# gcc-xtensa-lx106. This checks names, types and warnings, not behaviour: nothing here ran on
# an ESP32-S3.
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/xtensa-tools.sh"
xtensa_tools_or_skip "S3 board (ESP-IDF) compile check"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
s3="$(cd "$here/.." && pwd)"
native="$(cd "$s3/.." && pwd)"

flags=(-std=c++17 -Os -mlongcalls -mtext-section-literals -ffreestanding -fno-exceptions -fno-rtti -fno-threadsafe-statics
  -Wall -Wextra -Werror -I "$here/idf-stand-in" -I "$here" -I "$s3/include" -I "$native/core/include")
for src in "$here"/*_idf.cpp; do
  xtensa-lx106-elf-g++ "${flags[@]}" -c "$src" -o "$work/$(basename "$src" .cpp).o"
done
for src in "$s3"/src/*.cpp; do
  xtensa-lx106-elf-g++ "${flags[@]}" -S "$src" -o "$work/$(basename "$src" .cpp).s"
done
# The board build really is the board's: the EE instructions are there, and code in .iram1.
ee="$(cat "$work"/*.s | grep -cE '^\s+ee\.(wr_mask_gpio_out|get_gpio_in)' || true)"
iram="$(cat "$work"/*.s | grep -cE '^\s+\.section\s+\.iram1\.' || true)"
if [[ "$ee" -eq 0 || "$iram" -eq 0 ]]; then
  echo "S3 board compile check FAILED: the backend's board build has $ee EE instructions and $iram .iram1 sections" >&2
  exit 1
fi
# The accessors the loops call per transfer or per wait are in .iram1 (the set-up ones need not be).
stream='sb::s3::(pcnt_start|pcnt_stop|i80_start|gdma_out_append|i80_pulses_done|i80_stop|cam_start|cam_written|cam_stop)\('
outside="$(xtensa-lx106-elf-objdump -t -C "$work"/*_idf.o | awk '$0 ~ / F / && $4 !~ /^\.iram1/' | grep -E "$stream" || true)"
if [[ -n "$outside" ]]; then
  echo "S3 board compile check FAILED: stream control outside .iram1:" >&2
  echo "$outside" >&2
  exit 1
fi
read -r text data bss _ < <(xtensa-lx106-elf-size -t "$work"/*_idf.o | awk '/\(TOTALS\)/ { print $1, $2, $3, $4 }')
echo "S3 board accessors compiled against the ESP-IDF v5.5 stand-ins: $(ls "$here"/*_idf.cpp | wc -l) files, text $text bytes, data $data, bss $bss"
echo "backend board build to assembly: $ee EE instructions, $iram functions in .iram1; the accessors' stream control in .iram1"
echo "ESP-IDF names the accessors use: $(xtensa-lx106-elf-nm -u -C "$work"/*_idf.o | sed -E "s/^ *U //; s/\(.*//" | grep -vE "^(sb::|__|memset|\/)" | grep . | sort -u | paste -sd " ")"
