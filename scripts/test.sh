#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (unit, integration, ui,
# interop) with CTest. Extra arguments go to ctest, e.g. scripts/test.sh -L unit
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# Test tools from the npm registry, pinned by the committed lock file.
(cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
scripts/build.sh
# The suite may not shrink unnoticed: the registered tests are counted against the committed
# number (tests/expected-test-count).
scripts/check-test-count.sh build
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure "$@"
