#!/usr/bin/env bash
# Builds craftchat-server and attackbench, then runs attackbench against a server it starts
# itself (bench/attackbench/README.md). Usage: scripts/attack-bench.sh [build-dir] [options...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=build
if [[ $# -gt 0 && $1 != -* ]]; then
    build=$1
    shift
fi
cmake --build "$build" -j2 --target attackbench craftchat-server
exec "$build/bench/attackbench/attackbench" --start-server "$build/server/craftchat-server" "$@"
