#!/usr/bin/env python3
"""soak.py: a long steady run of craftchat-server, sampled every minute.

Starts the server on a fresh data directory and keeps it busy for --minutes:

* messages: chatbench in steady mode, one run after the other (--run-seconds each), so every
  run registers users, connects its sockets, sends at --rate msg/s and disconnects them
  again: that is the reconnect churn (--conns sockets come and go per run);
* the same --users users and chats in every run (chatbench --reuse-users): reconnects of the
  same people, as in a shop, so per-user and per-chat caches reach their steady size;
* scheduled backups every --backup-interval into <out>/backups (retention 3) under the load;
* uploads: one client uploads a file of --upload-bytes every --upload-every seconds;
* history reads: the same client and its craftsman read their chat's pages and chat list
  every --read-every seconds.

Every minute it samples the server process (RSS, open descriptors), its socket maps
(GET /api/messages/admin/socket-debug: connections, rooms; /metrics: sockets, online users,
active chats, messages), and the size of the database and its WAL, prints a Markdown table and
the least-squares slope of each column (per hour, over the samples after the first
--skip-minutes), and writes both to --out (a .md) plus the raw samples (a .json).

    python3 bench/soak/soak.py --minutes 30 --out build/soak
    python3 bench/soak/soak.py --minutes 3 --out /tmp/soak-short   # a quick try

Only loopback. Needs build/server/craftchat-server and build/bench/chatbench/chatbench (or
--server / --chatbench); copy them elsewhere first if you keep building meanwhile.
"""

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = "soak-password-1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    def __init__(self, base):
        self.base = base

    def call(self, method, path, body=None, token=None, raw=None, headers=None, timeout=30):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                payload = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            payload = error.read()
            status = error.code
        text = payload.decode("utf-8", "replace")
        if "json" in (text[:1] or "") or text[:1] in "[{":
            try:
                return status, json.loads(text)
            except ValueError:
                pass
        return status, text

    def register(self, email, role):
        status, body = self.call("POST", "/api/auth/register",
                                 {"email": email, "password": PASSWORD, "fullName": email.split("@")[0],
                                  "role": role})
        if status != 201:
            raise RuntimeError(f"register {email}: {status} {body}")
        return body["token"], body["user"]["_id"]

    def login(self, email):
        status, body = self.call("POST", "/api/auth/login", {"email": email, "password": PASSWORD})
        if status != 200:
            raise RuntimeError(f"login {email}: {status} {body}")
        return body["token"]


def read_rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def count_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def parse_metrics(text):
    values = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, _, value = line.rpartition(" ")
        try:
            values[name] = float(value)
        except ValueError:
            pass
    return values


def file_size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def slope_per_hour(xs, ys):
    n = len(xs)
    if n < 2:
        return 0.0
    mx = sum(xs) / n
    my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return 0.0
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx * 60.0


class Workload:
    """Uploads and history reads on a thread of their own; counts successes and failures."""

    def __init__(self, api, args):
        self.api = api
        self.args = args
        self.stop = threading.Event()
        self.counts = {"uploads": 0, "uploadErrors": 0, "reads": 0, "readErrors": 0,
                       "chatbenchRuns": 0, "chatbenchFailures": 0, "messagesSent": 0}
        tag = secrets.token_hex(4)
        self.client_token, _ = api.register(f"soak-client-{tag}@soak.test", "client")
        self.craftsman_token, craftsman_id = api.register(f"soak-craftsman-{tag}@soak.test", "craftsman")
        status, chat = api.call("POST", "/api/messages/chats",
                                {"craftsmanId": craftsman_id, "initialMessage": "soak"},
                                token=self.client_token)
        if status not in (200, 201):
            raise RuntimeError(f"create chat: {status} {chat}")
        self.chat_id = chat["_id"] if "_id" in chat else chat["id"]

    def run(self):
        next_upload = time.monotonic()
        next_read = time.monotonic()
        while not self.stop.is_set():
            now = time.monotonic()
            if now >= next_upload:
                next_upload += self.args.upload_every
                body = os.urandom(self.args.upload_bytes)
                try:
                    status, answer = self.api.call("POST", "/api/uploads", token=self.client_token, raw=body,
                                                   headers={"X-File-Name": "soak.bin",
                                                            "Content-Type": "application/octet-stream"})
                    if status == 201:
                        self.counts["uploads"] += 1
                        got, _ = self.api.call("GET", answer["url"])
                        if got != 200:
                            self.counts["uploadErrors"] += 1
                    else:
                        self.counts["uploadErrors"] += 1
                except Exception:  # noqa: BLE001 - a soak counts failures, it does not stop
                    self.counts["uploadErrors"] += 1
            if now >= next_read:
                next_read += self.args.read_every
                for token in (self.client_token, self.craftsman_token):
                    try:
                        status, _ = self.api.call("GET", f"/api/messages/chats/{self.chat_id}/messages?limit=50",
                                                  token=token)
                        status2, _ = self.api.call("GET", "/api/messages/chats", token=token)
                        if status == 200 and status2 == 200:
                            self.counts["reads"] += 1
                        else:
                            self.counts["readErrors"] += 1
                    except Exception:  # noqa: BLE001
                        self.counts["readErrors"] += 1
            self.stop.wait(0.2)


def chatbench_loop(args, base, workload, server_pid, deadline):
    while time.monotonic() < deadline - 5 and not workload.stop.is_set():
        duration = max(2.0, min(args.run_seconds, deadline - time.monotonic() - 8))
        command = [args.chatbench, "--url", base, "--server-pid", str(server_pid),
                   "--users", str(args.users), "--conns", str(args.conns), "--rate", str(args.rate),
                   "--duration", f"{duration:.1f}", "--warmup", "0", "--settle", "0.5", "--drain", "3",
                   "--password", PASSWORD, "--prefix", "soak", "--reuse-users", "--json", "--quiet",
                   "--max-run", str(int(duration + 120))]
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        workload.counts["chatbenchRuns"] += 1
        if result.returncode != 0:
            workload.counts["chatbenchFailures"] += 1
            continue
        try:
            report = json.loads(result.stdout.strip().splitlines()[-1])
            workload.counts["messagesSent"] += int(report.get("steady", {}).get("sent", 0))
        except (ValueError, IndexError):
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--out", default=os.path.join(ROOT, "build", "soak"))
    parser.add_argument("--server", default=os.path.join(ROOT, "build", "server", "craftchat-server"))
    parser.add_argument("--chatbench", default=os.path.join(ROOT, "build", "bench", "chatbench", "chatbench"))
    parser.add_argument("--rate", type=float, default=100, help="messages/s (chatbench steady)")
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--conns", type=int, default=100, help="sockets per chatbench run")
    parser.add_argument("--run-seconds", type=float, default=25, help="steady seconds per chatbench run")
    parser.add_argument("--upload-every", type=float, default=5)
    parser.add_argument("--upload-bytes", type=int, default=64 * 1024)
    parser.add_argument("--read-every", type=float, default=2)
    parser.add_argument("--sample-every", type=float, default=60)
    parser.add_argument("--skip-minutes", type=float, default=3, help="warm-up left out of the slopes")
    parser.add_argument("--durability", default="fast")
    parser.add_argument("--backup-interval", default="5m", help="scheduled backups during the run")
    args = parser.parse_args()

    for tool in (args.server, args.chatbench):
        if not os.access(tool, os.X_OK):
            sys.exit(f"soak.py: {tool} is not built")
    os.makedirs(args.out, exist_ok=True)
    data_dir = tempfile.mkdtemp(prefix="craftchat-soak-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.update({
        "CRAFTCHAT_DATA_DIR": data_dir,
        "CRAFTCHAT_PORT": str(port),
        "CRAFTCHAT_JWT_SECRET": "soak-" + secrets.token_hex(16),
        "CRAFTCHAT_PASSWORD_HASH": "minimum",
        "CRAFTCHAT_RATE_LIMIT_PER_MIN": "1000000",
        "CRAFTCHAT_MAX_CONNECTIONS_PER_ADDRESS": "0",
        "CRAFTCHAT_MAX_UPLOADS_PER_HOUR": "100000",
        "CRAFTCHAT_MAX_UPLOAD_BYTES_PER_HOUR": str(1 << 40),
        "CRAFTCHAT_MIN_FREE_DISK_BYTES": "0",
        "CRAFTCHAT_LOG_LEVEL": "warning",
        "CRAFTCHAT_DURABILITY": args.durability,
        "CRAFTCHAT_ADMIN_PASSWORD": PASSWORD,
        # Scheduled backups while the load runs (backup under load; retention).
        "CRAFTCHAT_BACKUP_FOLDER": os.path.join(args.out, "backups"),
        "CRAFTCHAT_BACKUP_INTERVAL": args.backup_interval,
        "CRAFTCHAT_BACKUP_KEEP": "3",
    })
    admin_email = "soak-admin@soak.test"
    subprocess.run([args.server, "--create-admin", admin_email], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    log = open(os.path.join(args.out, "server.log"), "w")
    server = subprocess.Popen([args.server], env=env, stdout=log, stderr=subprocess.STDOUT)
    api = Api(base)
    for _ in range(300):
        try:
            if api.call("GET", "/health", timeout=2)[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.1)
    else:
        server.kill()
        sys.exit("soak.py: the server did not come up")
    admin = api.login(admin_email)
    workload = Workload(api, args)
    start = time.monotonic()
    deadline = start + args.minutes * 60
    threads = [threading.Thread(target=workload.run, daemon=True),
               threading.Thread(target=chatbench_loop, args=(args, base, workload, server.pid, deadline),
                                daemon=True)]
    for thread in threads:
        thread.start()

    db = os.path.join(data_dir, "craftchat.sqlite")
    samples = []
    columns = ["minute", "rssMB", "fds", "connections", "rooms", "onlineUsers", "activeChats",
               "messagesTotal", "walMB", "dbMB", "uploads", "reads", "chatbenchRuns", "backups"]

    backup_dir = os.path.join(args.out, "backups")
    written = set()

    def backup_count():
        # Backups written so far (retention keeps 3 in the folder).
        try:
            written.update(n for n in os.listdir(backup_dir) if n.startswith("craftchat-backup-") and n.endswith(".tar"))
        except OSError:
            pass
        return len(written)

    def sample():
        minute = (time.monotonic() - start) / 60.0
        _, debug = api.call("GET", "/api/messages/admin/socket-debug", token=admin)
        _, metrics_text = api.call("GET", "/metrics", token=admin)
        metrics = parse_metrics(metrics_text if isinstance(metrics_text, str) else "")
        row = {
            "minute": round(minute, 2),
            "rssMB": round(read_rss_kb(server.pid) / 1024.0, 1),
            "fds": count_fds(server.pid),
            "connections": debug.get("totalConnections", -1) if isinstance(debug, dict) else -1,
            "rooms": debug.get("totalRooms", -1) if isinstance(debug, dict) else -1,
            "onlineUsers": int(metrics.get("chat_online_users", -1)),
            "activeChats": int(metrics.get("chat_active_chats", -1)),
            "messagesTotal": int(metrics.get("chat_messages_total", -1)),
            "walMB": round(file_size(db + "-wal") / 1048576.0, 2),
            "dbMB": round(file_size(db) / 1048576.0, 1),
            "uploads": workload.counts["uploads"],
            "reads": workload.counts["reads"],
            "chatbenchRuns": workload.counts["chatbenchRuns"],
            "backups": backup_count(),
        }
        samples.append(row)
        print(" | ".join(str(row[c]) for c in columns), flush=True)

    print(" | ".join(columns), flush=True)
    sample()
    next_sample = start + args.sample_every
    try:
        while time.monotonic() < deadline:
            time.sleep(max(0.0, min(1.0, next_sample - time.monotonic())))
            if server.poll() is not None:
                print(f"soak.py: the server exited with {server.returncode}", file=sys.stderr)
                break
            if time.monotonic() >= next_sample:
                next_sample += args.sample_every
                sample()
    finally:
        workload.stop.set()
        for thread in threads:
            thread.join(timeout=180)
        # One last sample after the load: everything the churn opened should be closed again.
        time.sleep(5)
        if server.poll() is None:
            sample()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    measured = [r for r in samples[:-1] if r["minute"] >= args.skip_minutes] or samples
    xs = [r["minute"] for r in measured]
    slopes = {c: slope_per_hour(xs, [float(r[c]) for r in measured]) for c in columns[1:]}
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(r[c]) for c in columns) + " |" for r in samples]
    lines.append("")
    lines.append(f"Slopes per hour (least squares over minutes {args.skip_minutes:g}..{args.minutes:g}): "
                 + ", ".join(f"{c} {slopes[c]:+.2f}" for c in columns[1:]))
    lines.append("Workload: " + json.dumps(workload.counts))
    lines.append(f"Server exit code: {server.returncode}")
    report = "\n".join(lines)
    print(report)
    with open(os.path.join(args.out, "soak.md"), "w") as f:
        f.write(report + "\n")
    with open(os.path.join(args.out, "soak.json"), "w") as f:
        json.dump({"samples": samples, "slopesPerHour": slopes, "workload": workload.counts,
                   "args": vars(args)}, f, indent=1)
    subprocess.run(["rm", "-rf", data_dir])
    return 0


if __name__ == "__main__":
    sys.exit(main())
