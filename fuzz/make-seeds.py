#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/ (or DIR/<target>/).

The seeds are the inputs of the test suite: string literals taken from the tests of each
parser (tests/protocol, tests/http, tests/chattypes, tests/auth), plus well-formed examples
built here where a test builds its input in code (masked WebSocket frames, chunked bodies,
signed tokens). Run again after changing the tests; the corpus is committed.

    python3 fuzz/make-seeds.py [DIR]
"""
import base64
import hashlib
import hmac
import json
import os
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fuzz", "corpus")

LITERAL = re.compile(r'(?<![A-Za-z0-9_])"((?:[^"\\\n]|\\.)*)"')
RAW = re.compile(r'R"\((.*?)\)"', re.S)


def unescape(text):
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\":
            out += c.encode()
            i += 1
            continue
        n = text[i + 1]
        simple = {"n": b"\n", "r": b"\r", "t": b"\t", "0": b"\0", "\\": b"\\", '"': b'"', "'": b"'"}
        if n == "x":
            m = re.match(r"[0-9a-fA-F]{1,2}", text[i + 2:])
            out.append(int(m.group(0), 16))
            i += 2 + len(m.group(0))
        elif n in simple:
            out += simple[n]
            i += 2
        else:
            out += n.encode()
            i += 2
    return bytes(out)


def literals(path):
    """Every "..." literal of a test file (adjacent literals joined), and every R"(...)"."""
    source = open(os.path.join(ROOT, path), encoding="utf-8").read()
    found = []
    for raw in RAW.findall(source):
        found.append(raw.encode())
    without_raw = RAW.sub('""', source)
    # Adjacent literals ("a" "b" across lines) are one string.
    for group in re.finditer(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', without_raw):
        parts = LITERAL.findall(group.group(0))
        if parts:
            try:
                found.append(b"".join(unescape(p) for p in parts))
            except (AttributeError, IndexError):
                pass
    return [f for f in found if f]


def write(target, seeds):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    for old in os.listdir(folder):
        os.remove(os.path.join(folder, old))
    unique = sorted(set(seeds))
    for seed in unique:
        name = hashlib.sha1(seed).hexdigest()[:16]
        with open(os.path.join(folder, name), "wb") as f:
            f.write(seed)
    print(f"{target}: {len(unique)} seeds")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def ws_frame(opcode, payload, fin=True, mask=b"\x01\x02\x03\x04"):
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack(">Q", n)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return head + mask + masked


def engineio():
    seeds = literals("tests/protocol/tst_enginepacket.cpp")
    seeds += [b"0" + json.dumps({"sid": "abc", "upgrades": ["websocket"], "pingInterval": 25000,
                                  "pingTimeout": 20000, "maxPayload": 1000000}).encode(),
              b"4hello\x1e2\x1e3probe\x1ebAQID", b"6", b"1", b"5"]
    return seeds


def socketio():
    seeds = literals("tests/protocol/tst_socketiopacket.cpp")
    seeds += [b'0{"token":"abc"}', b'0/admin,{"token":"abc","pid":"p1","offset":"o1"}',
              b'2["send-message",{"chatId":"c1","content":"hi","messageType":"text"}]',
              b'21["join-chat","c1"]', b'31[{"ok":true}]',
              b'451-["upload",{"_placeholder":true,"num":0}]\x1eb\x01\x02\x03',
              b'52-/admin,7["two",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'
              b'\x1eb\x00\x1eb\xff',
              b'61-9[{"_placeholder":true,"num":0}]\x1ebxyz',
              b'4{"message":"Invalid namespace"}', b'1/admin,']
    return seeds


def websocketframe():
    frames = [
        ws_frame(0x1, b"4hello"), ws_frame(0x1, b"2probe"), ws_frame(0x2, b"\x00\x01\x02"),
        ws_frame(0x1, b"4" + b"x" * 200), ws_frame(0x2, b"y" * 300),
        ws_frame(0x1, b"4he", fin=False) + ws_frame(0x9, b"ping") + ws_frame(0x0, b"llo"),
        ws_frame(0x9, b""), ws_frame(0xA, b"pong"),
        ws_frame(0x8, struct.pack(">H", 1000) + b"bye"), ws_frame(0x8, b""),
        ws_frame(0x1, "4grüße".encode()), ws_frame(0x1, b"\xc3\x28"),
        ws_frame(0x1, b"abc", mask=b"\x00\x00\x00\x00"),
    ]
    seeds = []
    for piece in (0, 6, 255):
        for frame in frames:
            seeds.append(bytes([piece]) + frame)
    seeds.append(bytes([3]) + b"".join(frames[:6]))
    return seeds


def http():
    requests = [l for l in literals("tests/http/tst_httpserver.cpp")
                if re.match(rb"(GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH) ", l) and b"\r\n" in l]
    requests += [
        b"GET /socket.io/?EIO=4&transport=polling&t=N8hyd6w HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"POST /socket.io/?EIO=4&transport=polling&sid=abc HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 7\r\n\r\n4hello!",
        b"POST /api/uploads HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n",
        b"GET /api/search?q=bob+craftsman&limit=20&cursor=a%2Bb%20c HTTP/1.1\r\nHost: x\r\n"
        b"Authorization: Bearer abc\r\n\r\nGET /p%C3%A9/x%2Fy?x=%zz HTTP/1.1\r\n\r\n",
        b"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
        b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        b"Sec-WebSocket-Version: 13\r\n\r\n",
        b"POST /api/auth/login HTTP/1.0\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n{}",
        b"OPTIONS * HTTP/1.1\r\nOrigin: http://a\r\n\r\n",
    ]
    return [bytes([piece]) + r for piece in (255, 4) for r in requests]


def chatjson():
    seeds = [l for l in literals("tests/chattypes/tst_chattypes.cpp") if l[:1] in (b"{", b"[")]
    seeds += [json.dumps(o).encode() for o in [
        {"chatId": "c1", "messageType": "text", "content": "Hello", "clientMessageId": "cm-1",
         "replyToId": "m1"},
        {"chatId": "c1", "messageType": "image", "content": "/uploads/x.png"},
        {"messageId": "m1", "content": "edited"}, {"messageId": "m1"},
        {"success": True, "messageId": "m1", "timestamp": "2026-11-26T10:15:30.123Z",
         "chatId": "c1", "clientMessageId": "cm-1"},
        {"chatId": "c1", "userId": "u1", "isTyping": True},
        {"message": "Invalid input", "code": "INVALID_INPUT"},
        {"name": "quote.pdf", "size": 1234, "mimeType": "application/pdf"},
        {"email": "ann@example.com", "password": "correct horse"},
        ["2026-11-26T10:15:30Z", "a@b.c", "   ", "/uploads/abc.webp"],
    ]]
    return seeds


def jwt():
    secret = b"fuzzing-secret-0123456789abcdef"  # fuzz_jwt.cpp's secret
    header = json.dumps({"alg": "HS256", "typ": "JWT"}).encode()
    payloads = [
        {"userId": "u1", "role": "client", "iat": 1700000000, "exp": 1900000000},
        {"userId": "u2", "role": "craftsman", "iat": 1700000000, "exp": 1900000000, "tv": 3,
         "jti": "abc", "nbf": 1700000000},
        {"userId": "u3", "role": "admin", "iat": 1.5e9, "exp": 1.9e9},
        {"userId": "", "role": "root", "iat": "x", "exp": None},
    ]
    seeds = []
    for p in payloads:
        body = json.dumps(p).encode()
        seeds.append(b"\x01" + header + b"\n" + body)
        signing = b64url(header) + b"." + b64url(body)
        sig = b64url(hmac.new(secret, signing, hashlib.sha256).digest())
        seeds.append(b"\x00" + signing + b"." + sig)
    seeds.append(b"\x01" + json.dumps({"alg": "none"}).encode() + b"\n{}")
    seeds += [b"\x00" + l for l in literals("tests/auth/tst_jwtcodec.cpp") if b"." in l]
    return seeds


write("fuzz_engineio", engineio())
write("fuzz_socketio", socketio())
write("fuzz_websocketframe", websocketframe())
write("fuzz_http", http())
write("fuzz_chatjson", chatjson())
write("fuzz_jwt", jwt())
