#!/usr/bin/env bash
# Checks that the tracked C++ files are formatted as .clang-format says (clang-format 14,
# Debian 12's). Lists the files that are not and exits 1; --fix formats them in place.
#   scripts/check-format.sh            # the whole tree
#   scripts/check-format.sh --fix      # format what differs
#   scripts/check-format.sh FILE...    # only these files
set -euo pipefail
cd "$(dirname "$0")/.."
fix=0
if [ "${1:-}" = "--fix" ]; then
  fix=1
  shift
fi
clang_format=${CLANG_FORMAT:-clang-format}
if ! command -v "$clang_format" >/dev/null; then
  echo "check-format: $clang_format not found (apt-get install clang-format)" >&2
  exit 2
fi
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files '*.h' '*.cpp')
fi
bad=()
for f in "${files[@]}"; do
  if [ "$fix" = 1 ]; then
    "$clang_format" -i --style=file "$f"
  elif ! "$clang_format" --style=file --dry-run -Werror "$f" >/dev/null 2>&1; then
    bad+=("$f")
  fi
done
if [ "${#bad[@]}" -gt 0 ]; then
  printf '%s\n' "${bad[@]}"
  echo "check-format: ${#bad[@]} of ${#files[@]} files differ from .clang-format (scripts/check-format.sh --fix)" >&2
  exit 1
fi
[ "$fix" = 1 ] || echo "check-format: ${#files[@]} files formatted as .clang-format says"
