#!/usr/bin/env bash
# Runs the README's commands exactly as written, so that what it shows a newcomer works:
#   - every "$ command" line of its transcripts (the tour), in one shell, in a scratch folder,
#     with `scsibridge` being the tool given; a command shown followed by "$ echo $?" and a
#     number must exit with that number, every other one with 0 ("&" lines run in the
#     background and are stopped at the end; a line for another program that is not installed,
#     sigrok-cli say, is reported as skipped);
#   - every line of a block marked <!-- readme-check: from the root --> from the repository's
#     root (the quick start's `dotnet run` line).
# Usage: tests/readme-check.sh PATH-TO-SCSIBRIDGE
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="${1:?usage: tests/readme-check.sh PATH-TO-SCSIBRIDGE}"
scratch="$(mktemp -d)"
script="$scratch/readme.sh"

awk -v q="'" '
  function emit(cmd, where, expect) {
    gsub(q, q "\\" q q, cmd)
    printf "step %s %s%s%s %s\n", where, q, cmd, q, expect
  }
  function flush() {
    if (pending != "") emit(pending, pwhere, pexpect)
    pending = ""
  }
  /<!-- readme-check: from the root -->/ { root_block = 1; next }
  /^    / {
    line = substr($0, 5)
    if (cont) { pending = pending " " line; sub(/^ +/, " ", pending); cont = (line ~ /\\$/); if (cont) sub(/\\$/, "", pending); next }
    if (want_code) { if (line ~ /^[0-9]+$/) pexpect = line; want_code = 0; flush(); }
    if (line ~ /^\$ echo \$\?$/) { want_code = 1; next }
    if (line ~ /^\$ /) { flush(); pending = substr(line, 3); pwhere = "scratch"; pexpect = 0 }
    else if (root_block && line !~ /^ *$/) { flush(); pending = line; pwhere = "root"; pexpect = 0 }
    else next
    cont = (pending ~ /\\$/); if (cont) sub(/\\$/, "", pending)
    next
  }
  /^ *$/ { next }
  { if (want_code) { want_code = 0 } flush(); root_block = 0 }
  END { flush() }
' "$root/README.md" > "$scratch/steps"

{
  echo 'scsibridge() { "$SB_TOOL" "$@"; }'
  echo 'failed=0'
  echo 'step() {'
  echo '  local where=$1 cmd=$2 expect=$3 rc'
  echo '  echo "+ $cmd"'
  # A tour line for another program (sigrok-cli, say) on a machine without it: said, not failed.
  echo '  local program=${cmd%% *}'
  echo '  case "$program" in scsibridge|cd|echo|export|cat|sleep|dotnet) ;; *) if ! command -v "$program" >/dev/null 2>&1; then echo "README: skipped, $program is not installed: $cmd"; return; fi ;; esac'
  echo '  if [ "$where" = root ]; then (cd "$SB_ROOT" && eval "$cmd"); rc=$?; else eval "$cmd"; rc=$?; fi'
  echo '  case "$cmd" in *"&") return ;; esac'
  echo '  if [ "$rc" -ne "$expect" ]; then echo "README: \`$cmd\` exited $rc, not $expect" >&2; failed=1; fi'
  echo '}'
  echo 'cd "$SB_SCRATCH"'
  cat "$scratch/steps"
  # A background job is a subshell running the scsibridge function: stop the tool under it too.
  echo 'for j in $(jobs -p); do pkill -P "$j" 2>/dev/null; kill "$j" 2>/dev/null; done; wait 2>/dev/null'
  echo 'exit $failed'
} > "$script"

steps=$(wc -l < "$scratch/steps")
echo "README: running its $steps commands as written (log: $scratch/readme.log)"
SB_TOOL="$tool" SB_ROOT="$root" SB_SCRATCH="$scratch" timeout 900 bash "$script" > "$scratch/readme.log" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
  cat "$scratch/readme.log" >&2
  echo "error: a README command did not do what the README shows (exit $rc); log above" >&2
  exit 1
fi
echo "README: all $steps commands ran as shown"
rm -rf "$scratch"
