#!/usr/bin/env bash
# Freestanding check of the controller core: every core source, and the bulk loops instantiated
# by bulk_instance.cpp, must build for two bare targets (32-bit RISC-V, and the Xtensa lx106,
# which shares the ESP32-S3's base instruction set) with no exceptions, no RTTI and warnings as
# errors, and no object may need a heap, C++ exception support or abort. The board's runtime provides none of these to the bus
# loop, so a core that needs one would build on the host and then fail to link, or worse, on
# the board. A size line shows what the core costs in flash.
#
# Symbols refused (referenced or defined by any object):
#   malloc, free, calloc, realloc, aligned_alloc, posix_memalign, memalign: the heap;
#   operator new / new[] / delete / delete[] in every variant (_Znw*, _Zna*, _Zdl*, _Zda*).
#     Only these four operator codes are matched: other mangled names that also start with
#     _Zn or _Zd are ordinary operators (_Zne: operator!=, _Zdv: operator/, ...);
#   __cxa_* (throw, allocate_exception, begin_catch, guard_acquire, atexit, ...),
#     __gxx_personality_*, _Unwind_* and std::terminate: exception and runtime support;
#   abort.
# Allowed if it appears: __cxa_pure_virtual. A class with pure virtual functions puts it in
# its vtable; it is only ever called for a pure virtual call during construction (a bug, not
# a code path), and the board's startup code defines it as a plain trap. It is reported so
# that its appearance is noticed, not refused.
# Also allowed: memcpy, memset, memmove, memcmp. The compiler may emit calls to these even in
# freestanding mode (struct copies and clears); every runtime provides them. They are listed.
#
# Needs riscv64-unknown-elf-g++ (Debian package gcc-riscv64-unknown-elf) and
# xtensa-lx106-elf-g++ (gcc-xtensa-lx106); a target whose compiler is missing is skipped with a
# message. Works from any directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
native="$(cd "$here/.." && pwd)"
core="$native/core"

shopt -s nullglob
sources=("$core"/src/*.cpp "$here/bulk_instance.cpp")
if ((${#sources[@]} < 2)); then
  echo "freestanding check FAILED: no sources in $core/src" >&2
  exit 1
fi

# check_target <label> <tool prefix> <compiler flags...>
check_target() {
local label="$1" cross="$2"
shift 2
if ! command -v "$cross-g++" >/dev/null 2>&1; then
  echo "freestanding check for $label skipped: $cross-g++ not found"
  return 0
fi
local objects
objects="$(mktemp -d)"
echo "freestanding check ($label): $(${cross}-g++ --version | head -n 1)"
local failed=0
for src in "${sources[@]}"; do
  name="$(basename "$src" .cpp)"
  if ! "$cross-g++" -std=c++17 "$@" -ffreestanding -fno-exceptions -fno-rtti -Os \
      -Wall -Wextra -Werror -I "$core/include" -c "$src" -o "$objects/$name.o"; then
    echo "freestanding check FAILED: $name.cpp does not compile for $label (see above)" >&2
    failed=1
  fi
done
if ((failed)); then
  rm -rf "$objects"
  return 1
fi

refused='^(malloc|free|calloc|realloc|aligned_alloc|posix_memalign|memalign|abort|_Znw.*|_Zna.*|_Zdl.*|_Zda.*|__cxa_.*|__gxx_personality_.*|_Unwind_.*|_ZSt9terminatev)$'
allowed='^__cxa_pure_virtual$'

local defined="" undefined=""
for obj in "$objects"/*.o; do
  name="$(basename "$obj")"
  # nm: "<value> <type> <symbol>", or "<type> <symbol>" for undefined ones.
  while read -r type symbol; do
    if [[ "$symbol" =~ $allowed ]]; then
      echo "allowed: $name references $symbol (see the note at the top of this script)"
    elif [[ "$symbol" =~ $refused ]]; then
      echo "freestanding check FAILED: $name $([[ $type == U ]] && echo references || echo defines) $symbol" >&2
      failed=1
    fi
    if [[ "$type" == U ]]; then
      undefined+="$symbol"$'\n'
    else
      defined+="$symbol"$'\n'
    fi
  done < <("$cross-nm" "$obj" | awk '{ if (NF == 2) print $1, $2; else print $2, $3 }')
done
if ((failed)); then
  rm -rf "$objects"
  return 1
fi

# What the core needs from outside itself: symbols referenced but defined by no core object.
external="$(comm -23 <(printf '%s' "$undefined" | sort -u) <(printf '%s' "$defined" | sort -u) | paste -sd ' ')"
echo "no heap, exception or abort symbols in ${#sources[@]} objects"
echo "needs from the runtime: ${external:-nothing}"

# size -t: one line per object, then "text data bss dec hex (TOTALS)".
read -r text data bss total _ < <("$cross-size" -t "$objects"/*.o | awk '/\(TOTALS\)/ { print $1, $2, $3, $4 }')
echo "core code size ($label, -Os): text $text bytes, data $data bytes, bss $bss bytes; $total bytes in all"
rm -rf "$objects"
}

check_target rv32imc riscv64-unknown-elf -march=rv32imc -mabi=ilp32
check_target xtensa-lx106 xtensa-lx106-elf -mlongcalls
