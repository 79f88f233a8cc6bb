#!/usr/bin/env bash
# The ESP32-S3 backend (with its bus loop and pin checks) and the controller core built for
# Xtensa lx106, freestanding: no heap, exception or abort symbols, the code size, the bytes per
# section, and that the bus loop's per-byte and per-wait code is placed in internal RAM. The S3's
# EE instructions do not exist on lx106, so this build uses the accessor layer's RAM-word
# flavour (SB_S3_SCRIPTED); the board's build differs only in those few inline accessors.
# Skips without the Debian package gcc-xtensa-lx106.
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/xtensa-tools.sh"
xtensa_tools_or_skip "S3 Xtensa build"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
s3="$(cd "$here/.." && pwd)"
native="$(cd "$s3/.." && pwd)"

# SB_S3_SECTIONS: the board's placement (sb/s3_placement.h) in this build too, so that the
# sections below are the board's.
flags=(-std=c++17 -Os -mlongcalls -mtext-section-literals -ffreestanding -fno-exceptions -fno-rtti
  -fno-threadsafe-statics -Wall -Wextra -Werror -DSB_S3_SCRIPTED -DSB_S3_SECTIONS -I "$native/core/include" -I "$s3/include")
for src in "$s3"/src/*.cpp "$native"/core/src/*.cpp; do
  xtensa-lx106-elf-g++ "${flags[@]}" -c "$src" -o "$work/$(basename "$src" .cpp).o"
done
# The real board's configuration (sb/board_config.h over the generated board_pins.h) as the
# firmware builds it.
printf '#include "sb/board_config.h"\nsb::s3::Config board() { return sb::s3::board_config(sb::s3::kBoardRingSlotBytes, sb::s3::kBoardCaptureEntries); }\n' |
  xtensa-lx106-elf-g++ "${flags[@]}" -fsyntax-only -x c++ -
refused='^(malloc|free|calloc|realloc|abort|_Znw.*|_Zna.*|_Zdl.*|_Zda.*|__cxa_throw|__cxa_allocate_exception|__gxx_personality_.*|_Unwind_.*)$'
bad="$(xtensa-lx106-elf-nm -u "$work"/*.o | awk '{print $2}' | grep -E "$refused" || true)"
if [[ -n "$bad" ]]; then
  echo "S3 Xtensa build FAILED: refused symbols: $bad" >&2
  exit 1
fi
undefined="$(xtensa-lx106-elf-nm -u "$work"/*.o | awk '{print $2}' | sort -u)"
defined="$(xtensa-lx106-elf-nm --defined-only "$work"/*.o | awk 'NF == 3 {print $3}' | sort -u)"
# What is left once the objects are linked together: the runtime's part, and the accessors the
# board's ESP-IDF layer provides (set-up and stream control, s3_hw.h).
echo "no heap, exception or abort symbols; needs from outside: $(comm -23 <(echo "$undefined") <(echo "$defined") | paste -sd ' ')"
backend=("$work"/esp32s3_backend.o "$work"/s3_pins.o "$work"/bus_loop.o)
read -r text data bss _ < <(xtensa-lx106-elf-size -t "${backend[@]}" | awk '/\(TOTALS\)/ { print $1, $2, $3, $4 }')
echo "ESP32-S3 backend code size (lx106, -Os): text $text bytes, data $data, bss $bss"
read -r text data bss _ < <(xtensa-lx106-elf-size -t "$work"/*.o | awk '/\(TOTALS\)/ { print $1, $2, $3, $4 }')
echo "backend + controller core (lx106, -Os): text $text bytes, data $data, bss $bss"

# Placement (sb/s3_placement.h): bytes per section of the backend's objects, by where the board
# puts them: .iram1.* in internal instruction RAM, .dram1.* in internal data RAM, the rest of
# the code and constants in flash (through the cache), .data/.bss in internal data RAM.
per_byte=("$work"/esp32s3_backend.o "$work"/async_loops.o "$work"/bus_loop.o)
xtensa-lx106-elf-size -A "${backend[@]}" "$work"/async_loops.o | awk '
  NF >= 2 && $2 ~ /^[0-9]+$/ && $2 > 0 {
    s = $1; k = ""
    if (s ~ /^\.iram1/) k = "iram"; else if (s ~ /^\.dram1/) k = "dram"
    else if (s ~ /^\.(text|literal)/) k = "flash-text"; else if (s ~ /^\.rodata/) k = "flash-rodata"
    else if (s ~ /^\.data/) k = "data"; else if (s ~ /^\.bss/) k = "bss"
    if (k != "") b[k] += $2
  }
  END { printf "S3 backend sections (lx106, -Os): iram %d, dram %d, flash-text %d, flash-rodata %d, data %d, bss %d\n",
        b["iram"], b["dram"], b["flash-text"], b["flash-rodata"], b["data"], b["bss"] }'
# Every function of the per-byte objects must be in .iram1, but the set-up ones (start, init)
# and template instantiations: GCC (at least to 12) ignores a section attribute on those
# (espressif/esp-idf#4542) and puts them in COMDAT .text sections. They (the core's bulk loops
# for this backend, the asynchronous loops' parity variants) are listed; on the board the
# linker fragment board/sb_s3_iram.lf maps these three objects' code to IRAM whole.
setup='Esp32s3Backend::(start|refuse_setup)\(|BusLoop::init\('
flash="$(xtensa-lx106-elf-objdump -t -C "${per_byte[@]}" | awk '$0 ~ / F / && $4 !~ /^\.iram1/' || true)"
plain="$( (echo "$flash" | awk '$2 != "w" && NF'; echo "$flash" | awk '$2 == "w"' | grep -v '<') | grep -vE "$setup" || true)"
comdat="$(echo "$flash" | awk '$2 == "w"' | grep '<' | sed -E 's/.*\t[0-9a-f]+ //' | sort -u)"
if [[ -n "$plain" ]]; then
  echo "S3 placement FAILED: per-byte code outside .iram1:" >&2
  echo "$plain" >&2
  exit 1
fi
echo "per-byte functions in .iram1: $(xtensa-lx106-elf-objdump -t "${per_byte[@]}" | awk '$0 ~ / F / && $4 ~ /^\.iram1/' | wc -l); set-up in flash: start, refuse_setup, init"
echo "COMDAT instantiations left to the linker fragment ($(echo "$comdat" | grep -c . || true)): $(echo "$comdat" | sed -E 's/\(.*//' | paste -sd ';' | sed 's/;/; /g')"
