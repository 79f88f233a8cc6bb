#!/usr/bin/env bash
# The interop component (its runtime, stubs and implementations) built for Xtensa lx106,
# freestanding, against our declarations of the nanoCLR interop API: no heap, exception or
# abort symbols, and its size. nf-interpreter's headers take the declarations' place on the
# board. The board files are compiled too, against stand-ins (idf-stand-in/): usb_cdc_board.cpp
# against esp_tinyusb 2.x's headers, interop_board.cpp against FreeRTOS's, esp_timer's and
# nanoFramework's. Skips without the Debian package gcc-xtensa-lx106.
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/xtensa-tools.sh"
xtensa_tools_or_skip "interop Xtensa build"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
native="$(cd "$here/.." && pwd)"

flags=(-std=c++17 -Os -mlongcalls -mtext-section-literals -ffreestanding -fno-exceptions -fno-rtti
  -fno-threadsafe-statics -Wall -Wextra -Werror -DSB_NF_HOST -DSB_S3_SCRIPTED
  -I "$here" -I "$here/include" -I "$native/core/include" -I "$native/esp32s3/include")
for src in "$here"/ScsiBridge_Hal_Esp32*.cpp "$here"/src/interop_runtime.cpp "$here"/src/usb_cdc_channel.cpp; do
  xtensa-lx106-elf-g++ "${flags[@]}" -c "$src" -o "$work/$(basename "$src" .cpp).o"
done
# The board files: the board build (neither SB_NF_HOST nor SB_S3_SCRIPTED) against stand-ins.
board_flags=()
for f in "${flags[@]}"; do [[ "$f" == -DSB_NF_HOST || "$f" == -DSB_S3_SCRIPTED ]] || board_flags+=("$f"); done
xtensa-lx106-elf-g++ "${board_flags[@]}" -I "$here/idf-stand-in" -I "$native/esp32s3/board/idf-stand-in" \
  -c "$here/src/usb_cdc_board.cpp" -o "$work/usb_cdc_board.o"
echo "usb_cdc_board.cpp compiled against the esp_tinyusb 2.x stand-ins; it calls: $(xtensa-lx106-elf-nm -u "$work/usb_cdc_board.o" | awk '{print $2}' | grep tinyusb | paste -sd ' ')"
# interop_board.cpp: compiled apart (its backend object is counted below by its section, not
# in the component's totals, which are the host-tested part's).
xtensa-lx106-elf-g++ "${board_flags[@]}" -I "$here/idf-stand-in" -I "$native/esp32s3/board/idf-stand-in" \
  -c "$here/src/interop_board.cpp" -o "$work/interop_board.board"
echo "interop_board.cpp compiled against the FreeRTOS/esp_timer/nanoFramework stand-ins: $(xtensa-lx106-elf-size -A "$work/interop_board.board" | awk '$1 ~ /^\.(iram1|data|bss)/ && $2 > 0 {printf "%s %d, ", $1, $2}' | sed 's/, $//')"
refused='^(malloc|free|calloc|realloc|abort|_Znw.*|_Zna.*|_Zdl.*|_Zda.*|__cxa_throw|__cxa_allocate_exception|__gxx_personality_.*|_Unwind_.*)$'
bad="$(xtensa-lx106-elf-nm -u "$work"/*.o | awk '{print $2}' | grep -E "$refused" || true)"
if [[ -n "$bad" ]]; then
  echo "interop Xtensa build FAILED: refused symbols: $bad" >&2
  exit 1
fi
read -r text data bss _ < <(xtensa-lx106-elf-size -t "$work"/*.o | awk '/\(TOTALS\)/ { print $1, $2, $3, $4 }')
echo "no heap, exception or abort symbols; interop component (lx106, -Os): text $text bytes, data $data, bss $bss"
