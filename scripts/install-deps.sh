#!/usr/bin/env bash
# Installs what CraftChat needs on Debian 12 (bookworm), only what is missing:
# the build tools, Qt 6.4 (Core, Network, WebSockets, Widgets, Sql + SQLite driver, Test,
# Svg, Pdf for the first page of a PDF, LinguistTools, the image format plugins for WebP uploads), libsodium, libhttp-parser, libsqlite3 (headers for the storage VFS), qtkeychain, OpenSSL 3 (the app's own certificate for host mode) and libqrencode (the
# invitation's QR code), Xvfb for screenshots, and
# Node.js + npm for the interop tests (the npm test tools come from tests/interop's lock file),
# clang-format for the format check, clang 15 with libFuzzer for the sanitizer build and the
# fuzz targets (scripts/test-sanitized.sh).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-svg-dev libqt6svg6
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-sqlite qt6-qpa-plugins libgl-dev qt6-image-formats-plugins qt6-pdf-dev
  libsodium-dev libhttp-parser-dev libsqlite3-dev qtkeychain-qt6-dev
  xvfb xauth fonts-dejavu-core fonts-noto-core
  xdotool imagemagick curl python3 clang-format
  clang-15 libfuzzer-15-dev
  libssl-dev libqrencode-dev
)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
