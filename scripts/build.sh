#!/usr/bin/env bash
# Configures and builds CraftChat into ./build (warnings are errors when CI is set).
set -euo pipefail
cd "$(dirname "$0")/.."
werror=OFF
[ -n "${CI:-}" ] && werror=ON
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCRAFTCHAT_WERROR="${CRAFTCHAT_WERROR:-$werror}"
cmake --build build -j"$(nproc)"
