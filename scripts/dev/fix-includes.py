#!/usr/bin/env python3
"""Rewrites every project include to the one-root form: "server/chat/chatservice.h",
"common/protocol/enginepacket.h", "bench/common/processclock.h", "tests/support/...".

The only include directory of the project is the source root, so an include names the
layer it comes from. This script converts code written against the old include
directories (common/, server/, ui/, app/, bench/, tests/support/, tests/engine/support/,
or the including file's own folder) and is safe to run again: an include that already
names an existing file from the root is left as it is.

    scripts/dev/fix-includes.py            # the whole tree (tracked and untracked files)
    scripts/dev/fix-includes.py FILE...    # only these files
    scripts/dev/fix-includes.py --check    # list what would change, exit 1 if anything

Includes that name no project file (Qt, system, generated *.moc) are left alone. Files
that were moved or renamed are listed in MOVED, so old includes still find them.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOP_DIRS = ("common", "server", "ui", "app", "bench", "tests")

# The include directories the tree had before the one-root layout, in the order a file of
# that part of the tree saw them.
LEGACY_DIRS = {
    "bench": ["bench", "common", "server"],
    "tests": ["tests/support", "tests/engine/support", "common", "server", "ui", "app"],
    "ui": ["ui", "common"],
    "app": ["app", "ui", "server", "common"],
    "server": ["server", "common"],
    "common": ["common"],
}

# Old path (from the root) -> new path, for files that moved after the one-root layout.
MOVED = {
    # One test kit (tests/support, craftchat_testsupport): the engine tests' helpers moved
    # there, and the three HTTP test clients became tests/support/httptestclient.h.
    "tests/engine/support/enginetestserver.h": "tests/support/enginetestserver.h",
    "tests/engine/support/wstestclient.h": "tests/support/wstestclient.h",
    "tests/engine/support/siorawclient.h": "tests/support/siorawclient.h",
    "tests/engine/support/httpcall.h": "tests/support/httptestclient.h",
    "tests/http/rawhttpclient.h": "tests/support/httptestclient.h",
}

INCLUDE = re.compile(r'^(\s*#\s*include\s*)([<"])([^">]+)[">](.*)$')
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc")


def exists(rel):
    return os.path.isfile(os.path.join(ROOT, rel))


def moved(rel):
    rel = os.path.normpath(rel)
    if rel in MOVED and not exists(rel):
        return MOVED[rel]
    return rel


def resolve(including, name):
    """The root-relative path of the project file that `#include name` in `including`
    (root-relative) means, or None when it is not a project file."""
    if name.endswith(".moc"):
        return None
    here = os.path.dirname(including)
    candidates = []
    if name.split("/")[0] in TOP_DIRS:
        candidates.append(name)
    candidates.append(os.path.join(here, name))
    area = including.split("/")[0]
    for d in LEGACY_DIRS.get(area, []):
        candidates.append(os.path.join(d, name))
    for d in sorted({d for dirs in LEGACY_DIRS.values() for d in dirs}):
        candidates.append(os.path.join(d, name))
    for c in candidates:
        c = moved(os.path.normpath(c))
        if c.startswith("..") or c.split("/")[0] not in TOP_DIRS:
            continue
        if exists(c):
            return c
    return None


def rewrite(path):
    rel = os.path.relpath(os.path.abspath(path), ROOT)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    changed = False
    for i, line in enumerate(lines):
        m = INCLUDE.match(line)
        if not m:
            continue
        prefix, opener, name, rest = m.groups()
        # <x.h> without a folder is a system or library header (<sodium.h> beside
        # server/auth/sodium.h); <layer/x.h> may name a project file.
        if opener == "<" and "/" not in name:
            continue
        target = resolve(rel, name)
        if target is None:
            continue
        new = f'{prefix}"{target}"{rest}'
        if new != line:
            lines[i] = new
            changed = True
    return rel, changed, "\n".join(lines)


def tree_files():
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout.split("\n")
    return [os.path.join(ROOT, f) for f in out
            if f.endswith(SOURCE_SUFFIXES) and f.split("/")[0] in TOP_DIRS
            and os.path.isfile(os.path.join(ROOT, f))]


def main(argv):
    check = "--check" in argv
    files = [a for a in argv if a != "--check"] or tree_files()
    changed_any = False
    for path in files:
        rel, changed, text = rewrite(path)
        if not changed:
            continue
        changed_any = True
        if check:
            print(rel)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return 1 if (check and changed_any) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
