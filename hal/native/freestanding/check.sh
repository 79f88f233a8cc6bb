#!/usr/bin/env bash
# Freestanding check of the controller core: every core source must build for a bare 32-bit
# RISC-V target with no exceptions, no RTTI and warnings as errors, and no object may need a
# heap, C++ exception support or abort. The board's runtime provides none of these to the bus
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
# Needs riscv64-unknown-elf-g++ (Debian package gcc-riscv64-unknown-elf); skips otherwise.
# Works from any directory.
set -euo pipefail

readonly cross=riscv64-unknown-elf
if ! command -v "$cross-g++" >/dev/null 2>&1; then
  echo "freestanding check skipped: $cross-g++ not found (Debian package gcc-riscv64-unknown-elf)"
  exit 0
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
native="$(cd "$here/.." && pwd)"
core="$native/core"

objects="$(mktemp -d)"
trap 'rm -rf "$objects"' EXIT

shopt -s nullglob
sources=("$core"/src/*.cpp)
if ((${#sources[@]} == 0)); then
  echo "freestanding check FAILED: no sources in $core/src" >&2
  exit 1
fi

echo "freestanding check: $(${cross}-g++ --version | head -n 1)"
failed=0
for src in "${sources[@]}"; do
  name="$(basename "$src" .cpp)"
  if ! "$cross-g++" -std=c++17 -march=rv32imc -mabi=ilp32 -ffreestanding -fno-exceptions -fno-rtti -Os \
      -Wall -Wextra -Werror -I "$core/include" -c "$src" -o "$objects/$name.o"; then
    echo "freestanding check FAILED: core/src/$name.cpp does not compile for rv32imc (see above)" >&2
    failed=1
  fi
done
if ((failed)); then
  exit 1
fi

readonly refused='^(malloc|free|calloc|realloc|aligned_alloc|posix_memalign|memalign|abort|_Znw.*|_Zna.*|_Zdl.*|_Zda.*|__cxa_.*|__gxx_personality_.*|_Unwind_.*|_ZSt9terminatev)$'
readonly allowed='^__cxa_pure_virtual$'

defined=""
undefined=""
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
  exit 1
fi

# What the core needs from outside itself: symbols referenced but defined by no core object.
external="$(comm -23 <(printf '%s' "$undefined" | sort -u) <(printf '%s' "$defined" | sort -u) | paste -sd ' ')"
echo "no heap, exception or abort symbols in ${#sources[@]} objects"
echo "needs from the runtime: ${external:-nothing}"

# size -t: one line per object, then "text data bss dec hex (TOTALS)".
read -r text data bss total _ < <("$cross-size" -t "$objects"/*.o | awk '/\(TOTALS\)/ { print $1, $2, $3, $4 }')
echo "core code size (rv32imc, -Os): text $text bytes, data $data bytes, bss $bss bytes; $total bytes in all"
