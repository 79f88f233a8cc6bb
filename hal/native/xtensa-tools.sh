# Sourced by the scripts that build for Xtensa lx106 (and run it on QEMU): they skip cleanly
# where the Debian packages are missing, and get a scratch folder ($work) removed on exit.
# Usage: source ".../hal/native/xtensa-tools.sh"; xtensa_tools_or_skip "what this is" [qemu]

xtensa_tools_or_skip() {
  local what="$1" need_qemu="${2:-}"
  if ! command -v xtensa-lx106-elf-g++ >/dev/null 2>&1; then
    echo "$what skipped: xtensa-lx106-elf-g++ not found (Debian package gcc-xtensa-lx106)"
    exit 0
  fi
  if [[ -n "$need_qemu" ]] && ! command -v qemu-system-xtensa >/dev/null 2>&1; then
    echo "$what skipped: qemu-system-xtensa not found (Debian package qemu-system-misc)"
    exit 0
  fi
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
}
