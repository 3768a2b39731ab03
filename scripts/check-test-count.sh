#!/usr/bin/env bash
# Fails when the number of tests CTest has registered differs from tests/expected-test-count,
# so that a test folder that is no longer configured cannot leave the suite smaller and green.
# After adding or removing tests on purpose, update the file in the same commit:
#   scripts/check-test-count.sh --update
# Usage: scripts/check-test-count.sh [--update] [build-dir]   (build-dir defaults to build)
set -euo pipefail
cd "$(dirname "$0")/.."
update=0
build=build
for arg in "$@"; do
  case "$arg" in
    --update) update=1 ;;
    *) build=$arg ;;
  esac
done
expected_file=tests/expected-test-count
actual=$(ctest --test-dir "$build" -N | sed -n 's/^Total Tests: \([0-9]*\)$/\1/p')
if [ -z "$actual" ]; then
  echo "check-test-count: ctest -N in $build listed no total" >&2
  exit 1
fi
if [ "$update" = 1 ]; then
  echo "$actual" > "$expected_file"
  echo "check-test-count: $expected_file is now $actual"
  exit 0
fi
expected=$(tr -d '[:space:]' < "$expected_file")
if [ "$actual" != "$expected" ]; then
  echo "check-test-count: $actual tests registered, $expected_file says $expected." >&2
  echo "If that is on purpose, run scripts/check-test-count.sh --update and commit the file." >&2
  exit 1
fi
echo "check-test-count: $actual tests registered, as expected"
