#!/usr/bin/env bash
# bench-compare.sh: run chatbench with identical parameters against CraftChat (A) and the
# Node.js reference (B), alternating A B A B, each run on a fresh data directory, the server
# pinned to one core and the generator to the other; then print the ratio table.
#
#   scripts/bench-compare.sh [-r rounds] [-p port] [-o outdir] [-s craftchat-server]
#                            [-c chatbench] [-n node-ref-dir] [-N] [-T] [-D] [-F 'fanoutfloor options']
#                            [-- chatbench options]
#
#   -r  rounds (default 2: A B A B)           -p  loopback port (default 3301)
#   -o  output dir (default build/bench-results/<time>)
#   -s  CraftChat server (default build/server/craftchat-server)
#   -c  chatbench (default build/bench/chatbench/chatbench)
#   -n  Node reference (default ../shared/peers/node-ref); copied to a temp dir for `npm ci`
#       when it has no node_modules, so a read-only source is fine
#   -N  CraftChat only (no Node reference, no ratios)
#   -T  TLS instead of Node: B is CraftChat over HTTPS/WSS (a test CA and certificate are made
#       with craftchat-test-pki, PKI_BIN, into the output dir; chatbench trusts the CA), and the
#       table ends with issue 14's TLS targets
#   -D  durability check instead: per server, chatbench kills it (SIGKILL) KILL_AT s (3) into
#       the steady phase, the server restarts on the same data, and `chatbench
#       verify-durability` checks that every acknowledged message is stored
#   -F  also run bench/fanoutfloor with these options after each round, on the same cores
#       (with and without --commit): the CPU per message that the kernel's side of the same
#       fan-out costs any server on this machine in that hour (FLOOR_BIN: its path)
# Env: SERVER_CPU (0), TOOL_CPU (1), SERVER_LOG_LEVEL (warning; CraftChat only), RATE_LIMIT (1000000), MAX_SOCKETS (5), HEALTH_TIMEOUT (60 s),
#      RUN_TIMEOUT (1200 s), PAUSE (2 s), NICE (-10 as root, else 0: the server and chatbench run
#      at this niceness, and so do their scheduler autogroups where the kernel has them, so
#      builds on a shared machine disturb the measurement less).
# Example (the issue's workload):
#   scripts/bench-compare.sh -- --users 200 --conns 1000 --rate 500 --duration 10
#   scripts/bench-compare.sh -- --users 200 --conns 1000 --mode max
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=2 PORT=3301 OUTDIR='' ONLY_A='' DURABILITY='' FLOOR_ARGS=''
SERVER_BIN="$ROOT/build/server/craftchat-server"
BENCH_BIN="$ROOT/build/bench/chatbench/chatbench"
FLOOR_BIN=${FLOOR_BIN:-$ROOT/build/bench/fanoutfloor/fanoutfloor}
PKI_BIN=${PKI_BIN:-$ROOT/build/tests/tls/craftchat-test-pki}
TLS=''
NODE_REF="$ROOT/../shared/peers/node-ref"
usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while getopts 'r:p:o:s:c:n:F:NTDh' opt; do
  case $opt in
    r) ROUNDS=$OPTARG ;; p) PORT=$OPTARG ;; o) OUTDIR=$OPTARG ;; s) SERVER_BIN=$OPTARG ;;
    c) BENCH_BIN=$OPTARG ;; n) NODE_REF=$OPTARG ;; N) ONLY_A=1 ;; D) DURABILITY=1 ;;
    F) FLOOR_ARGS=$OPTARG ;; T) TLS=1 ;; *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift
[[ "$ROUNDS" =~ ^[0-9]+$ ]] && [ "$ROUNDS" -ge 1 ] && [ "$ROUNDS" -le 10 ] || { echo "rounds must be 1..10" >&2; exit 2; }
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "bad port $PORT" >&2; exit 2; }
[ -x "$SERVER_BIN" ] || { echo "no CraftChat server at $SERVER_BIN (build it or pass -s)" >&2; exit 2; }
[ -x "$BENCH_BIN" ] || { echo "no chatbench at $BENCH_BIN (build target chatbench or pass -c)" >&2; exit 2; }
[ -z "$FLOOR_ARGS" ] || [ -x "$FLOOR_BIN" ] || { echo "no fanoutfloor at $FLOOR_BIN (build target fanoutfloor or set FLOOR_BIN)" >&2; exit 2; }

SERVER_CPU=${SERVER_CPU:-0} TOOL_CPU=${TOOL_CPU:-1}
RATE_LIMIT=${RATE_LIMIT:-1000000} MAX_SOCKETS=${MAX_SOCKETS:-5}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60} RUN_TIMEOUT=${RUN_TIMEOUT:-1200} PAUSE=${PAUSE:-2}
if [ "$(id -u)" = 0 ]; then NICE=${NICE:--10}; else NICE=${NICE:-0}; fi
[[ "$NICE" =~ ^-?[0-9]+$ ]] || { echo "bad NICE $NICE" >&2; exit 2; }
JWT=bench-compare-secret-$RANDOM$RANDOM-$RANDOM$RANDOM-$RANDOM$RANDOM
OUTDIR=${OUTDIR:-$ROOT/build/bench-results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUTDIR"
URL="http://127.0.0.1:$PORT"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true # every socket is a descriptor, in both processes

# The Node reference runs from a private copy with its dependencies installed (never in the repo).
NODE_DIR=''
if [ -n "$TLS" ]; then
  [ -x "$PKI_BIN" ] || { echo "no craftchat-test-pki at $PKI_BIN (build it or set PKI_BIN)" >&2; exit 2; }
  "$PKI_BIN" "$OUTDIR/tls" >/dev/null
fi
if [ -z "$ONLY_A" ] && [ -z "$TLS" ]; then
  [ -f "$NODE_REF/server.js" ] || { echo "no Node reference at $NODE_REF (pass -n DIR or -N)" >&2; exit 2; }
  NODE_REF=$(cd "$NODE_REF" && pwd)
  if [ -d "$NODE_REF/node_modules" ]; then
    NODE_DIR=$NODE_REF
  else
    NODE_DIR=${TMPDIR:-/tmp}/craftchat-bench-node-ref
    if ! cmp -s "$NODE_REF/package-lock.json" "$NODE_DIR/package-lock.json" || [ ! -d "$NODE_DIR/node_modules" ]; then
      echo "installing the Node reference into $NODE_DIR (npm ci)" >&2
      rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
      cp "$NODE_REF"/*.js "$NODE_REF"/package.json "$NODE_REF"/package-lock.json "$NODE_DIR"/
      (cd "$NODE_DIR" && npm ci --no-audit --no-fund >/dev/null)
    else
      cp "$NODE_REF"/*.js "$NODE_DIR"/
    fi
  fi
fi

# With autogroups, niceness only counts inside a session: raise this session (chatbench runs
# in it) and the server's (setsid) as a whole. Restored on exit.
OWN_AUTOGROUP_NICE=''
set_autogroup_nice() { # pid nice
  [ -w "/proc/$1/autogroup" ] && echo "$2" >"/proc/$1/autogroup" 2>/dev/null || true
}
if [ -r /proc/$$/autogroup ]; then
  OWN_AUTOGROUP_NICE=$(sed -n 's/.* nice \(-\{0,1\}[0-9]*\)$/\1/p' /proc/$$/autogroup)
  set_autogroup_nice $$ "$NICE"
fi

SPID='' DATADIR=''
stop_server() {
  [ -n "$SPID" ] || return 0
  if kill -0 "$SPID" 2>/dev/null; then
    kill -TERM -- "-$SPID" 2>/dev/null || kill -TERM "$SPID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$SPID" 2>/dev/null || true
  fi
  wait "$SPID" 2>/dev/null || true
  SPID=''
  [ -n "$DATADIR" ] && rm -rf "$DATADIR"
  DATADIR=''
}
restore() { stop_server; [ -n "$OWN_AUTOGROUP_NICE" ] && set_autogroup_nice $$ "$OWN_AUTOGROUP_NICE"; }
trap 'restore' EXIT
trap 'restore; exit 130' INT TERM

health() { # [url]: also over TLS, trusting the test CA
  curl -s -o /dev/null -m 2 -w '%{http_code}' ${TLS:+--cacert "$OUTDIR/tls/ca.pem"} "${1:-$URL}/health" 2>/dev/null || true
}
url_of() { if [ "$1" = craftchat-tls ]; then echo "https://127.0.0.1:$PORT"; else echo "$URL"; fi; }

start_server() { # which logfile [existing data dir]
  DATADIR=${3:-$(mktemp -d "${TMPDIR:-/tmp}/bench-compare-data.XXXXXX")}
  if [ "$1" = craftchat ] || [ "$1" = craftchat-tls ]; then
    local tls_cert='' tls_key=''
    if [ "$1" = craftchat-tls ]; then tls_cert="$OUTDIR/tls/cert.pem" tls_key="$OUTDIR/tls/key.pem"; fi
    CRAFTCHAT_TLS_CERT=$tls_cert CRAFTCHAT_TLS_KEY=$tls_key \
    CRAFTCHAT_PORT=$PORT CRAFTCHAT_HOST=127.0.0.1 CRAFTCHAT_DATA_DIR="$DATADIR" CRAFTCHAT_JWT_SECRET=$JWT \
    CRAFTCHAT_RATE_LIMIT_PER_MIN=$RATE_LIMIT CRAFTCHAT_MAX_SOCKETS_PER_USER=$MAX_SOCKETS \
    CRAFTCHAT_LOG_LEVEL=${SERVER_LOG_LEVEL:-warning} CRAFTCHAT_MAX_CONNECTIONS_PER_ADDRESS=0 \
      setsid nice -n "$NICE" taskset -c "$SERVER_CPU" "$SERVER_BIN" </dev/null >>"$2" 2>&1 &
  else
    (cd "$NODE_DIR" && PORT=$PORT HOST=127.0.0.1 DB_PATH="$DATADIR/chat.db" UPLOAD_DIR="$DATADIR/uploads" \
      JWT_SECRET=$JWT RATE_LIMIT_PER_MIN=$RATE_LIMIT MAX_SOCKETS_PER_USER=$MAX_SOCKETS LOG_LEVEL=warn \
      exec setsid nice -n "$NICE" taskset -c "$SERVER_CPU" node server.js </dev/null >>"$2" 2>&1) &
  fi
  SPID=$!
  sleep 0.2
  set_autogroup_nice "$SPID" "$NICE"
}

run_one() { # name round [chatbench args...]
  local name=$1 round=$2; shift 2
  local tag="$name-r$round"
  local url; url=$(url_of "$name")
  if [ "$(health "$URL")" = 200 ] || [ "$(health "https://127.0.0.1:$PORT")" = 200 ]; then echo "port $PORT already serves /health; refusing to measure a foreign server" >&2; exit 1; fi
  echo "=== $tag (server on cpu $SERVER_CPU, chatbench on cpu $TOOL_CPU)" >&2
  start_server "$name" "$OUTDIR/$tag.server.log"
  local ok=''
  for _ in $(seq 1 $((HEALTH_TIMEOUT * 4))); do
    kill -0 "$SPID" 2>/dev/null || break
    if [ "$(health "$url")" = 200 ]; then ok=1; break; fi
    sleep 0.25
  done
  if [ -z "$ok" ]; then
    echo "$tag: server did not become healthy; log tail:" >&2
    tail -n 20 "$OUTDIR/$tag.server.log" >&2
    stop_server
    return 1
  fi
  local rc=0
  timeout "$RUN_TIMEOUT" nice -n "$NICE" taskset -c "$TOOL_CPU" "$BENCH_BIN" --url "$url" --server-pid "$SPID" --quiet \
    ${TLS:+--ca-file "$OUTDIR/tls/ca.pem"} "$@" \
    >"$OUTDIR/$tag.out" 2>"$OUTDIR/$tag.err" || rc=$?
  stop_server
  head -n -1 "$OUTDIR/$tag.out" | sed "s/^/  [$tag] /" >&2
  tail -n 1 "$OUTDIR/$tag.out" >"$OUTDIR/$tag.json"
  [ "$rc" = 0 ] || { echo "$tag: chatbench exit $rc (see $OUTDIR/$tag.err)" >&2; tail -n 5 "$OUTDIR/$tag.err" >&2; }
  sleep "$PAUSE"
  [ "$rc" = 0 ]
}

wait_healthy() {
  for _ in $(seq 1 $((HEALTH_TIMEOUT * 4))); do
    kill -0 "$SPID" 2>/dev/null || return 1
    [ "$(health)" = 200 ] && return 0
    sleep 0.25
  done
  return 1
}

durability_one() { # name [chatbench args...]
  local name=$1; shift
  local tag="$name-durability" log="$OUTDIR/$name-durability.server.log"
  echo "=== $tag" >&2
  start_server "$name" "$log"
  wait_healthy || { echo "$tag: server did not become healthy" >&2; stop_server; return 1; }
  local rc=0
  timeout "$RUN_TIMEOUT" nice -n "$NICE" taskset -c "$TOOL_CPU" "$BENCH_BIN" --url "$URL" --server-pid "$SPID" --quiet \
    --kill-server-at "${KILL_AT:-3}" --durability-file "$OUTDIR/$tag.acked.json" "$@" >"$OUTDIR/$tag.out" 2>&1 || rc=$?
  wait "$SPID" 2>/dev/null || true # killed by chatbench
  local data=$DATADIR
  SPID=''
  start_server "$name" "$log" "$data"
  wait_healthy || { echo "$tag: server did not restart" >&2; stop_server; return 1; }
  "$BENCH_BIN" verify-durability "$OUTDIR/$tag.acked.json" "$URL" | tee "$OUTDIR/$tag.verify" | sed "s/^/  [$tag] /" || rc=$?
  stop_server
  return $rc
}

if [ -n "$DURABILITY" ]; then
  status=0
  durability_one craftchat "$@" || status=1
  [ -n "$ONLY_A" ] || durability_one node "$@" || status=1
  exit $status
fi

floor_one() { # round: the null server without and with a one-row commit per message
  local mode tag
  for mode in plain commit; do
    tag="floor-$mode-r$1"
    # shellcheck disable=SC2086 # FLOOR_ARGS is a list of options
    nice -n "$NICE" "$FLOOR_BIN" --server-cpu "$SERVER_CPU" --client-cpu "$TOOL_CPU" $FLOOR_ARGS \
      $([ "$mode" = commit ] && echo --commit) >"$OUTDIR/$tag.out" 2>"$OUTDIR/$tag.err" \
      || { echo "$tag: fanoutfloor failed (see $OUTDIR/$tag.err)" >&2; continue; }
    echo "  [$tag] $(grep 'server CPU per message' "$OUTDIR/$tag.out")" >&2
    sleep "$PAUSE"
  done
}

FILES_A=() FILES_B=()
for r in $(seq 1 "$ROUNDS"); do
  run_one craftchat "$r" "$@" && FILES_A+=("$OUTDIR/craftchat-r$r.json")
  if [ -n "$TLS" ]; then
    run_one craftchat-tls "$r" "$@" && FILES_B+=("$OUTDIR/craftchat-tls-r$r.json")
  elif [ -z "$ONLY_A" ]; then
    run_one node "$r" "$@" && FILES_B+=("$OUTDIR/node-r$r.json")
  fi
  [ -z "$FLOOR_ARGS" ] || floor_one "$r"
done
echo "results in $OUTDIR" >&2
if [ -n "$FLOOR_ARGS" ]; then
  echo "fanoutfloor, server CPU s per 1,000 messages (plain / with a one-row commit):" | tee "$OUTDIR/floor.txt"
  for r in $(seq 1 "$ROUNDS"); do
    echo "  round $r: $(sed -n 's/^cpuSPer1000Msgs *//p' "$OUTDIR/floor-plain-r$r.out" 2>/dev/null) / $(sed -n 's/^cpuSPer1000Msgs *//p' "$OUTDIR/floor-commit-r$r.out" 2>/dev/null)" | tee -a "$OUTDIR/floor.txt"
  done
fi
if { [ -n "$ONLY_A" ] && [ -z "$TLS" ]; } || [ "${#FILES_B[@]}" = 0 ] || [ "${#FILES_A[@]}" = 0 ]; then
  exit 0
fi
if [ -n "$TLS" ]; then
  "$BENCH_BIN" compare --tls-targets plain tls "${FILES_A[@]}" -- "${FILES_B[@]}" | tee "$OUTDIR/ratio.txt"
  exit 0
fi
"$BENCH_BIN" compare craftchat node "${FILES_A[@]}" -- "${FILES_B[@]}" | tee "$OUTDIR/ratio.txt"
