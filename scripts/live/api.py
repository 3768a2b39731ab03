#!/usr/bin/env python3
"""HTTP helper for scripts/live-screenshots.sh (python3 standard library only).

  api.py health BASE                 exit 0 when GET /health answers {"status":"ok"}
  api.py seed BASE STATE             register the demo accounts, create their chats, write STATE (JSON)
  api.py count BASE STATE            print how many messages the "Kitchen wiring" chat holds
  api.py wait-count BASE STATE N SECONDS
                                     wait until that chat holds at least N messages (exit 1 on timeout)

BASE is the server's loopback address (http://127.0.0.1:PORT). Proxies are never used.
"""
import json
import sys
import time
import urllib.error
import urllib.request

PASSWORD = "live-demo-pass"
# Who is registered; "mia" and "carl" are the two apps' accounts, the others only fill the lists.
USERS = {
    "mia": ("Mia Client", "mia@example.test", "client"),
    "carl": ("Carl Electrician", "carl@example.test", "craftsman"),
    "paul": ("Paul Plumber", "paul@example.test", "craftsman"),
    "jonas": ("Jonas Weber", "jonas@example.test", "client"),
}
# Created in this order, so the kitchen chat is the newest and comes first in both lists.
CHATS = [
    ("mia", "paul", "Leaking tap", "Hello Paul, the kitchen tap drips since Sunday. Could you have a look?"),
    ("jonas", "carl", "Bathroom lights", "Hi Carl, do you also install LED spots in a bathroom ceiling?"),
    ("mia", "carl", "Kitchen wiring",
     "Hello Carl, our kitchen needs four new sockets and a separate circuit for the oven. "
     "Do you have time next week?"),
]

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ApiError(Exception):
    pass


def call(base, method, path, body=None, token=None, timeout=10):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base.rstrip("/") + path, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with _opener.open(req, timeout=timeout) as resp:
            text = resp.read().decode()
    except urllib.error.HTTPError as e:
        raise ApiError("%s %s -> HTTP %d: %s" % (method, path, e.code, e.read().decode(errors="replace")[:300]))
    except (urllib.error.URLError, OSError) as e:
        raise ApiError("%s %s -> %s" % (method, path, e))
    return json.loads(text) if text else None


def health(base):
    try:
        return (call(base, "GET", "/health", timeout=2) or {}).get("status") == "ok"
    except (ApiError, ValueError):
        return False


def seed(base, state_path):
    tokens, ids = {}, {}
    for key, (name, email, role) in USERS.items():
        try:
            r = call(base, "POST", "/api/auth/register",
                     {"fullName": name, "email": email, "password": PASSWORD, "role": role})
        except ApiError as e:
            if "409" not in str(e):
                raise
            r = call(base, "POST", "/api/auth/login", {"email": email, "password": PASSWORD})
        tokens[key], ids[key] = r["token"], r["user"]["_id"]
    chat_id = None
    for client, craftsman, title, text in CHATS:
        job = call(base, "POST", "/api/jobs", {"title": title}, tokens[client])
        chat = call(base, "POST", "/api/messages/chats",
                    {"craftsmanId": ids[craftsman], "jobId": job["_id"], "initialMessage": text}, tokens[client])
        if title == "Kitchen wiring":
            chat_id = chat["_id"]
        time.sleep(0.05)  # distinct timestamps keep the list order stable
    state = {"base": base, "tokens": tokens, "ids": ids, "chatId": chat_id,
             "emails": {k: v[1] for k, v in USERS.items()}, "password": PASSWORD}
    with open(state_path, "w") as f:
        json.dump(state, f)
    print(chat_id)


def load(state_path):
    with open(state_path) as f:
        return json.load(f)


def count(base, state):
    msgs = call(base, "GET", "/api/messages/chats/%s/messages?limit=100" % state["chatId"],
                token=state["tokens"]["mia"])
    return len(msgs)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, base = argv[1], argv[2]
    try:
        if cmd == "health":
            return 0 if health(base) else 1
        if cmd == "seed":
            seed(base, argv[3])
            return 0
        if cmd == "count":
            print(count(base, load(argv[3])))
            return 0
        if cmd == "wait-count":
            state, want, seconds = load(argv[3]), int(argv[4]), float(argv[5])
            deadline = time.monotonic() + seconds
            n = -1
            while time.monotonic() < deadline:
                n = count(base, state)
                if n >= want:
                    return 0
                time.sleep(0.25)
            print("the chat holds %d messages, expected %d" % (n, want), file=sys.stderr)
            return 1
    except ApiError as e:
        print("api.py %s: %s" % (cmd, e), file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
