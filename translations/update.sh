#!/bin/sh
# Refreshes the translation sources from the code, then fills in German and Arabic.
#   translations/update.sh     (fails if a source string has no translation yet)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
/usr/lib/qt6/bin/lupdate -no-obsolete -locations none -I . ui app \
  -ts translations/craftchat_de.ts translations/craftchat_ar.ts
python3 translations/fill_translations.py
