#!/usr/bin/env bash
# Installs what is missing, builds, and starts CraftChat.
#   scripts/run.sh            the desktop app (it can host its own server)
#   scripts/run.sh server     the headless server (craftchat-server); further arguments are
#                             passed on, e.g. scripts/run.sh server --port 3001
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ "${1:-}" = "server" ]; then
  shift
  exec build/server/craftchat-server "$@"
fi
exec build/app/craftchat "$@"
