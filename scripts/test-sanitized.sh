#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer, then every fuzz
# target for a bounded time on its seed corpus, from one clang build dir (build-asan/, made
# with CRAFTCHAT_SANITIZE=address,undefined and CRAFTCHAT_FUZZ=ON). Any sanitizer finding
# stops the program that made it, so the test (or the fuzz run) fails.
#
#   scripts/test-sanitized.sh              build, ctest, 30 s per fuzz target
#   FUZZ_SECONDS=600 scripts/test-sanitized.sh
#   SKIP_CTEST=1 / SKIP_FUZZ=1             one half only
#
# Run scripts/test.sh first (it installs the packages, clang-15 and libFuzzer among them, and
# the interop tests' npm packages).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-asan
fuzz_seconds="${FUZZ_SECONDS:-30}"
jobs="$(nproc)"

started=$(date +%s)
stamp() { echo "[sanitized] $1 after $(( $(date +%s) - started )) s"; }

# -O1 and line tables only: quicker to build than -O2 -g, and enough for the sanitizers'
# stack traces.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
  -DCMAKE_C_COMPILER=clang-15 -DCMAKE_CXX_COMPILER=clang++-15 \
  -DCRAFTCHAT_SANITIZE=address,undefined -DCRAFTCHAT_FUZZ=ON \
  ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER="$CMAKE_CXX_COMPILER_LAUNCHER"} \
  ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_C_COMPILER_LAUNCHER="$CMAKE_CXX_COMPILER_LAUNCHER"}
cmake --build "$build" -j"$jobs"
stamp "build"

supp="$PWD/scripts/sanitizers"
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$supp/ubsan.supp"

if [ -z "${SKIP_CTEST:-}" ]; then
  QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure -j"$jobs"
  stamp "ctest"
fi

if [ -z "${SKIP_FUZZ:-}" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  for corpus in fuzz/corpus/*/; do
    target="$(basename "$corpus")"
    mkdir -p "$work/$target"
    # New inputs go to a scratch folder; the committed seeds are only read.
    "$build/fuzz/$target" -max_total_time="$fuzz_seconds" -print_final_stats=1 \
      -artifact_prefix="$work/$target-" "$work/$target" "$corpus" 2>"$work/$target.log" || {
        tail -n 60 "$work/$target.log"
        echo "[sanitized] $target FAILED; the input is in the artifact named above" >&2
        exit 1
      }
    echo "[sanitized] $target: $(grep -a '^#[0-9]*[[:space:]]*DONE' "$work/$target.log" | tail -n 1)"
  done
  stamp "fuzzing"
fi
