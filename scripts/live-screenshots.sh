#!/usr/bin/env bash
# Takes the README's "live" pictures from real use: starts craftchat-server on a free loopback
# port with a temporary data folder, registers a client (Mia Client) and a craftsman (Carl
# Electrician) over HTTP, lets the client open a "Kitchen wiring" chat (two more accounts, Paul
# Plumber and Jonas Weber, add one older chat to each list), then drives two real
# craftchat apps under one Xvfb display with xdotool: connect, sign in, open the chat and type
# the conversation alternately in both windows (the craftsman's window is inactive while the
# client sends the last two messages, so his chat list shows an unread badge). Writes
#   live-client-en.png  live-craftsman-en.png  live-two-apps.png  live-client-ar.png
# into docs/screenshots/ (or out-dir), only when every step worked. Everything it starts is
# stopped and its temporary folders are removed on exit. Takes about a minute.
#   scripts/live-screenshots.sh [build-dir] [out-dir]
# Needs Xvfb, xdotool, imagemagick (import), curl and python3 (scripts/install-deps.sh).
# LIVE_NO_ARABIC=1 skips the Arabic picture; LIVE_DEBUG_DIR=dir keeps the server's and apps'
# logs and every picture taken (also the debug-*.png of a failed step) there.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs/screenshots}
api=(python3 "$root/scripts/live/api.py")
server_bin=$build/server/craftchat-server
app_bin=$build/app/craftchat

# Screen and window layout: the two main windows side by side, no window manager.
screen_w=1600 screen_h=1000 win_w=800 win_h=800

say() { printf '[live %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[live] error: %s\n' "$*" >&2; exit 1; }

[ -x "$server_bin" ] || die "no server binary at $server_bin (build the project first, or pass the build dir)"
[ -x "$app_bin" ] || die "no app binary at $app_bin (build the project first, or pass the build dir)"
for tool in Xvfb xdotool import curl python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (scripts/install-deps.sh installs it)"
done
mkdir -p "$out" || die "cannot create $out"
out=$(cd "$out" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/craftchat-live.XXXXXX")
shots=$work/shots
mkdir -p "$shots"
declare -A app_pid=()
server_pid='' xvfb_pid='' display=''

stop_pid() { # pid: TERM, up to 5 s, then KILL; reaps it
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$? name
  trap - EXIT INT TERM
  if [ "$rc" -ne 0 ]; then
    for name in "${!app_pid[@]}"; do
      [ -s "$work/$name.log" ] && { echo "--- last lines of the $name app's log:" >&2; tail -n 15 "$work/$name.log" >&2; }
    done
    [ -s "$work/server.log" ] && { echo "--- last lines of the server log:" >&2; grep -v ' DEBUG ' "$work/server.log" | tail -n 15 >&2; }
  fi
  for name in "${!app_pid[@]}"; do stop_pid "${app_pid[$name]}"; done
  stop_pid "$server_pid"
  stop_pid "$xvfb_pid"
  if [ -n "${LIVE_DEBUG_DIR:-}" ]; then
    { mkdir -p "$LIVE_DEBUG_DIR" && cp -r "$work"/*.log "$work"/shots "$LIVE_DEBUG_DIR"/; } 2>/dev/null || true
    echo "logs and pictures kept in $LIVE_DEBUG_DIR" >&2
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- X display ------------------------------------------------------------------------------
# -displayfd: Xvfb takes the first free display number itself and writes it once it is ready.
Xvfb -displayfd 3 -screen 0 "${screen_w}x${screen_h}x24" -nolisten tcp -noreset \
  3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for ((i = 0; i < 100; i++)); do
  display=$(tr -dc 0-9 <"$work/display" 2>/dev/null || true)
  [ -n "$display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb did not start: $(tail -n 3 "$work/xvfb.log")"
  sleep 0.1
done
[ -n "$display" ] || die "Xvfb did not report a display within 10 s"
export DISPLAY=:$display
say "Xvfb on $DISPLAY (${screen_w}x${screen_h})"

# --- server -----------------------------------------------------------------------------------
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
base=''
for attempt in 1 2 3; do
  port=$(free_port)
  rm -rf "$work/server-data"
  # minimum password hashing: a throwaway server, and the machine may be busy compiling
  "$server_bin" --host 127.0.0.1 --port "$port" --data-dir "$work/server-data" \
    --password-hash minimum --log-level debug >"$work/server.log" 2>&1 &
  server_pid=$!
  for ((i = 0; i < 100; i++)); do
    if curl --noproxy '*' -fsS -m 2 "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"ok"'; then
      base=http://127.0.0.1:$port
      break 2
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
  done
  say "server attempt $attempt on port $port failed: $(tail -n 2 "$work/server.log" | tr '\n' ' ')"
  stop_pid "$server_pid"
  server_pid=''
done
[ -n "$base" ] || die "craftchat-server did not answer GET /health"
say "server on $base"

state=$work/state.json
chat_id=$("${api[@]}" seed "$base" "$state") || die "seeding the accounts and chats over HTTP failed"
say "registered Mia Client (client) and Carl Electrician (craftsman); chat \"Kitchen wiring\" created"
messages=$("${api[@]}" count "$base" "$state")
password=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["password"])' "$state")

# --- apps ---------------------------------------------------------------------------------------
start_app() { # name [app arguments...]
  local name=$1 home=$work/home-$1
  shift
  mkdir -p "$home/config" "$home/data" "$home/cache" "$home/runtime"
  chmod 700 "$home/runtime"
  # A clean environment: no proxy variables, no desktop session bus, no keychain.
  env -i PATH="$PATH" DISPLAY="$DISPLAY" HOME="$home" XDG_CONFIG_HOME="$home/config" \
    XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime" \
    CRAFTCHAT_NO_KEYCHAIN=1 LANG=en_US.UTF-8 TZ=Europe/Berlin QT_SCALE_FACTOR=1 \
    QT_QPA_PLATFORM=xcb QT_ACCESSIBILITY=0 \
    "$app_bin" "$@" >"$work/$name.log" 2>&1 &
  app_pid[$name]=$!
}

# The largest visible window of a process that is at least min-width wide.
wait_window() { # name min-width seconds
  local name=$1 minw=$2 secs=$3 pid=${app_pid[$1]} i id w best='' bestw=0
  for ((i = 0; i < secs * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || die "the $name app exited (log: $(tail -n 3 "$work/$name.log" | tr '\n' ' '))"
    best='' bestw=0
    for id in $(xdotool search --onlyvisible --pid "$pid" 2>/dev/null || true); do
      w=$(xdotool getwindowgeometry --shell "$id" 2>/dev/null | sed -n 's/^WIDTH=//p')
      if [ "${w:-0}" -ge "$minw" ] && [ "${w:-0}" -gt "$bestw" ]; then best=$id bestw=$w; fi
    done
    [ -n "$best" ] && { echo "$best"; return 0; }
    sleep 0.25
  done
  return 1
}

activate() { # window: keyboard focus (and so Qt's active window) to it
  timeout 5 xdotool windowfocus --sync "$1" 2>/dev/null || xdotool windowfocus "$1"
  sleep 0.4
}

typetext() { xdotool type --delay 35 -- "$1"; }

server_count() { grep -c -- "$1" "$work/server.log" || true; }

shot() { # window file
  import -silent -window "$1" "$shots/$2" || die "could not capture $2"
}
debug_shot() { import -silent -window "$1" "$shots/debug-$2.png" 2>/dev/null || true; }

declare -A win=()
sign_in() { # name email
  local name=$1 email=$2 start health_before try
  start=$(wait_window "$name" 200 40) || die "the $name app showed no start window within 40 s"
  activate "$start"
  # Server page: the address field has the focus and a remembered default address.
  for try in 1 2 3; do
    health_before=$(server_count 'GET /health')
    xdotool key ctrl+a
    typetext "$base"
    xdotool key Return
    for ((i = 0; i < 40; i++)); do
      [ "$(server_count 'GET /health')" -gt "$health_before" ] && break
      sleep 0.25
    done
    [ "$(server_count 'GET /health')" -gt "$health_before" ] && break
    [ "$try" -lt 3 ] || die "the $name app did not connect to $base (no health check seen)"
    debug_shot "$start" "$name-connect"
    activate "$start"
  done
  sleep 1 # the auth page replaces the server page; its email field takes the focus
  # Auth page, "Sign in" tab: email -> password, Enter signs in.
  typetext "$email"
  xdotool key Tab
  typetext "$password"
  xdotool key Return
  if ! win[$name]=$(wait_window "$name" 700 40); then
    debug_shot "$start" "$name-signin"
    die "the $name app showed no main window within 40 s after signing in as $email"
  fi
}

place() { # name x y
  xdotool windowsize --sync "${win[$1]}" "$win_w" "$win_h" 2>/dev/null || xdotool windowsize "${win[$1]}" "$win_w" "$win_h"
  xdotool windowmove --sync "${win[$1]}" "$2" "$3" 2>/dev/null || xdotool windowmove "${win[$1]}" "$2" "$3"
}

# The app asks for a chat's newest messages when it opens the chat.
history_requests() { server_count "GET /api/messages/chats/$chat_id/messages"; }

# Opens the first (newest) chat of the list: a click on its row, or with the keyboard: Ctrl+K
# focuses the search box with its text selected, Backspace empties it (text typed while no chat
# was open lands there), Enter opens the first chat. Fails when the app loaded no messages.
open_first_chat() { # name keyboard|click [rtl]
  local w=${win[$1]} before
  before=$(history_requests)
  activate "$w"
  if [ "${2:-}" = keyboard ]; then
    xdotool key ctrl+k
    sleep 0.3
    xdotool key BackSpace
    sleep 0.5
    xdotool key Return
  else
    local x=160
    [ "${3:-}" = rtl ] && x=$((win_w - 160))
    xdotool mousemove --window "$w" "$x" 138 click 1
  fi
  for ((i = 0; i < 24; i++)); do
    [ "$(history_requests)" -gt "$before" ] && break
    sleep 0.25
  done
  sleep 1 # the page arrives and is shown
  xdotool mousemove --window "$w" 20 $((win_h - 8)) # the pointer rests on the status bar
  [ "$(history_requests)" -gt "$before" ]
}

open_chat() { # name [rtl]
  open_first_chat "$1" click "${2:-}" && return 0
  say "a click on the first row did not open the chat in the $1 app; trying the keyboard"
  open_first_chat "$1" keyboard && return 0
  debug_shot "${win[$1]}" "$1-open"
  die "the $1 app did not open the chat (it asked for no messages)"
}

# Types one message into the composer of an app and waits until the server stored it.
send() { # name text
  local name=$1 text=$2 w=${win[$1]}
  activate "$w"
  xdotool key ctrl+l
  sleep 0.2
  typetext "$text"
  sleep 0.3
  xdotool key Return
  messages=$((messages + 1))
  if ! "${api[@]}" wait-count "$base" "$state" "$messages" 10 2>/dev/null; then
    # The chat was perhaps not open: open it with the keyboard and try once more.
    say "message from $name not stored; opening the chat again and retyping"
    debug_shot "$w" "$name-send"
    open_first_chat "$name" keyboard || true
    xdotool key ctrl+l ctrl+a BackSpace
    typetext "$text"
    xdotool key Return
    if ! "${api[@]}" wait-count "$base" "$state" "$messages" 15; then
      debug_shot "$w" "$name-send-again"
      die "the message typed in the $name app did not reach the server: $text"
    fi
  fi
  say "$name: $text"
  sleep 1.2 # new-message, chat-updated and read receipts reach both apps
}

start_app client
start_app craftsman
sign_in client mia@example.test
sign_in craftsman carl@example.test
place client 0 0
place craftsman "$win_w" 0
say "both apps signed in (client window ${win[client]}, craftsman window ${win[craftsman]})"
# Both sockets connected: the server logs one auto-join per socket.
for ((i = 0; i < 60; i++)); do
  [ "$(server_count 'auto-joined')" -ge 2 ] && break
  sleep 0.25
done
[ "$(server_count 'auto-joined')" -ge 2 ] || die "the apps' sockets did not connect within 15 s"

open_chat client
open_chat craftsman

send craftsman "Hi Mia, yes. I can come on Tuesday at 9 to take a look."
send client "Tuesday at 9 works for us. Should we switch off the power before you come?"
send craftsman "No need, I will do that on site. Is the fuse box in the hallway?"
send client "Yes, right next to the front door."
send craftsman "Good. I will bring the cable and the sockets, the quote follows after the visit."
# The craftsman's window stays inactive from here on: his list counts these two as unread.
send client "Great, see you on Tuesday!"
send client "You can park in the courtyard."
sleep 1

shot "${win[client]}" live-client-en.png
shot "${win[craftsman]}" live-craftsman-en.png
import -silent -window root -crop "$((2 * win_w))x${win_h}+0+0" +repage "$shots/live-two-apps.png" ||
  die "could not capture the screen"
say "captured the English pictures"

if [ "${LIVE_NO_ARABIC:-}" != 1 ]; then
  # The client again, in Arabic (right to left), in the place of the English client window.
  stop_pid "${app_pid[client]}"
  unset 'app_pid[client]'
  start_app client-ar --lang ar
  sign_in client-ar mia@example.test
  place client-ar 0 0
  open_chat client-ar rtl
  xdotool key ctrl+l # the composer takes the focus, as after writing in the English windows
  sleep 1
  shot "${win[client-ar]}" live-client-ar.png
  say "captured the Arabic picture"
fi

for f in "$shots"/live-*.png; do
  cp "$f" "$out/" || die "cannot write $out/$(basename "$f")"
  say "wrote $out/$(basename "$f")"
done
