#!/bin/sh
# Renders the main window (client and craftsman side, English, Arabic, dark) under Xvfb into
# docs/screenshots/. The app's screenshot mode fills the window with demo data, so no server is
# needed and the pictures are the same on every machine.
#   scripts/screenshots.sh [build-dir]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
app=$build/app/craftchat
out=$root/docs/screenshots
[ -x "$app" ] || { echo "build the craftchat target first ($app missing)" >&2; exit 1; }
mkdir -p "$out"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

shot() { # file role lang theme
  HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data TZ=Europe/Berlin \
  LANG=en_US.UTF-8 QT_SCALE_FACTOR=1 \
    xvfb-run -a -s "-screen 0 1400x900x24" \
    "$app" --screenshot "$out/$1" --as "$2" --lang "$3" --theme "$4" 2>/dev/null
  echo "wrote $out/$1"
}

shot client-en.png client en light
shot craftsman-en.png craftsman en light
shot client-ar.png client ar light
shot craftsman-ar.png craftsman ar light
shot client-dark.png client en dark
shot client-de.png client de light
shot start-en.png start en light
shot start-ar.png start ar light
shot host-en.png host en light
