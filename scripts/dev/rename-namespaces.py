#!/usr/bin/env python3
"""One-time migration: namespaces follow the library folders (issue 13).

  common/chat     craftchat::chat        -> common/contract, craftchat::contract
                  (event names -> contract::event::, error codes -> contract::code::)
  common/chat     craftchat::chat::json  -> craftchat::contract::json
  common/protocol craftchat::eio/sio/json-> craftchat::protocol::eio/sio/json
  server/engineio craftchat::eio         -> craftchat::engineio
  server/socketio craftchat::sio         -> craftchat::socketio

Idempotent: running it twice changes nothing the second time.
Usage: scripts/dev/rename-namespaces.py [ROOT]   (run it on code written before the change)
"""
import os
import re
import subprocess
import sys

EVENTS = ("JoinChat SendMessage TypingStart TypingStop MarkMessagesRead EditMessage DeleteMessage "
          "NewMessage ChatUpdated NewChatNotification UserTyping MessageRead MessageSent ChatJoined "
          "MessageUpdated MessageDeleted Error").split()
CODES = "InvalidInput Unauthorized SendMessageError RateLimit ConnectionLimit".split()
CONTRACT_NAMES = ("ChatDetails JobRef UserProfile Message Attachment ReplyPreview SendMessageRequest "
                  "MessageSent ChatJoined UserTyping MessageRead NewChatNotification ErrorPayload "
                  "EditMessageRequest DeleteMessageRequest MessageUpdated MessageDeleted MessageChangeAck "
                  "SearchHit isoTimestamp parseIsoTimestamp nowUtc isBlank isImageUrl validateSendMessage "
                  "validateText isValidEmail isValidPasswordLength").split()
PROTO_EIO = ("Packet PacketType RecordSeparator encodeTextFrame decodeTextFrame decodeBinaryFrame "
             "appendToPayload encodePayload decodePayload").split()
PROTO_SIO = ("Packet PacketType MaxAckId placeholder binaryAt EncodedPacket encode encodeArguments "
             "encodeAck encodeEvent DecodeError toString Decoder ParsedText parseText").split()
PROTO_JSON = "appendValue appendObject appendArray appendString toText ObjectWriter".split()

CODE_EXT = ('.h', '.cpp')


def is_digit_separator(text, i):
    """The ' at i is inside a number (1'000) rather than opening a char literal (u'x')."""
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "_'"):
        j -= 1
    return j < i and text[j].isdigit()


def split_code(text):
    """Yields (is_code, chunk): comments, string and char literals are not code."""
    i, n, start = 0, len(text), 0
    out = []
    while i < n:
        c = text[i]
        if c == '/' and i + 1 < n and text[i + 1] in '/*':
            out.append((True, text[start:i]))
            if text[i + 1] == '/':
                j = text.find('\n', i)
                j = n if j < 0 else j
            else:
                j = text.find('*/', i + 2)
                j = n if j < 0 else j + 2
            out.append((False, text[i:j]))
            i = start = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == '_')):
            out.append((True, text[start:i]))
            p = text.find('(', i)
            delim = text[i + 2:p]
            j = text.find(')' + delim + '"', p)
            j = n if j < 0 else j + len(delim) + 2
            out.append((False, text[i:j]))
            i = start = j
        elif c == '"' or (c == "'" and not is_digit_separator(text, i)):
            out.append((True, text[start:i]))
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            j = min(j + 1, n)
            out.append((False, text[i:j]))
            i = start = j
        else:
            i += 1
    out.append((True, text[start:]))
    return out


def on_code(text, fn):
    return ''.join(fn(chunk) if is_code else chunk for is_code, chunk in split_code(text))


def alt(names):
    return '(?:' + '|'.join(sorted(set(names), key=len, reverse=True)) + ')'


def unqualified(names, prefix):
    # A name not already qualified (::X), not a member (.X, ->X), not part of a longer name.
    rx = re.compile(r'(?<![\w:.>])(?<!-> )(?<!struct )(?<!class )(' + alt(names) + r')\b')
    return lambda s: rx.sub(prefix + r'\1', s)


def split_forward_declarations(text, old, server_ns, proto_names):
    """namespace craftchat::<old> { ... } blocks of forward declarations (no nested braces),
    outside the namespace's own folders: each declaration goes to the server layer's
    namespace or to protocol::<old>, by its name."""
    rx = re.compile(r'namespace craftchat::' + old + r' \{([^{}]*)\}')

    def split(m):
        server, proto = [], []
        for line in m.group(1).strip('\n').split('\n'):
            names = re.findall(r'\b(?:class|struct|enum class|enum)\s+(\w+)', line)
            (proto if names and names[0] in proto_names else server).append(line)
        out = []
        if any(l.strip() for l in server):
            out.append('namespace craftchat::' + server_ns + ' {\n' + '\n'.join(server) + '\n}')
        if any(l.strip() for l in proto):
            out.append('namespace craftchat::protocol::' + old + ' {\n' + '\n'.join(proto) + '\n}')
        return '\n'.join(out)
    return rx.sub(split, text)


def code_rules(path):
    rules = []
    sub = lambda pattern, repl: rules.append(lambda s, p=re.compile(pattern), r=repl: p.sub(r, s))
    # Namespace declarations of the moved libraries.
    if path.startswith('common/contract/'):
        sub(r'\bnamespace craftchat::chat::json\b', 'namespace craftchat::contract::json')
        sub(r'\bnamespace craftchat::chat\b', 'namespace craftchat::contract')
    if path.startswith('common/protocol/'):
        sub(r'\bnamespace craftchat::(eio|sio|json)\b(?!::)', r'namespace craftchat::protocol::\1')
    if path.startswith('server/engineio/'):
        sub(r'\bnamespace craftchat::eio\b', 'namespace craftchat::engineio')
    if path.startswith('server/socketio/'):
        sub(r'\bnamespace craftchat::sio\b', 'namespace craftchat::socketio')
    # Forward declarations elsewhere: namespace craftchat::eio { class EngineSession; struct Packet; }
    if not path.startswith(('common/protocol/', 'server/engineio/', 'server/socketio/')) or path.endswith('.h'):
        rules.append(lambda t: split_forward_declarations(t, 'eio', 'engineio', PROTO_EIO))
        rules.append(lambda t: split_forward_declarations(t, 'sio', 'socketio', PROTO_SIO))
    # using namespace
    sub(r'\busing namespace craftchat::eio;', 'using namespace craftchat::protocol::eio;'
        if path.startswith('tests/protocol/') else 'using namespace craftchat::engineio;')
    sub(r'\busing namespace craftchat::sio;', 'using namespace craftchat::protocol::sio;'
        if path.startswith('tests/protocol/') else 'using namespace craftchat::socketio;')
    # Qualified names.
    sub(r'\bcontract::(' + alt(EVENTS) + r')\b(?!::)', r'contract::event::\1')
    sub(r'\bcontract::(' + alt(CODES) + r')\b(?!::)', r'contract::code::\1')
    sub(r'(?<![\w:])(craftchat::)?chat::json::', r'\1contract::json::')
    sub(r'(?<![\w:])(craftchat::)?chat::(' + alt(CONTRACT_NAMES) + r')\b', r'\1contract::\2')
    sub(r'(?<![\w:])craftchat::json::', 'craftchat::protocol::json::')
    sub(r'(?<![\w:])json::(' + alt(PROTO_JSON) + r')\b', r'protocol::json::\1')
    sub(r'(?<![\w:])(craftchat::)?eio::(' + alt(PROTO_EIO) + r')\b', r'\1protocol::eio::\2')
    sub(r'(?<![\w:])(craftchat::)?sio::(' + alt(PROTO_SIO) + r')\b', r'\1protocol::sio::\2')
    sub(r'(?<![\w:])(craftchat::)?eio::', r'\1engineio::')
    sub(r'(?<![\w:])(craftchat::)?sio::', r'\1socketio::')
    # Unqualified uses inside the layers that shared a namespace with common code.
    if path.startswith('server/chat/'):
        rules.append(unqualified(CONTRACT_NAMES, 'contract::'))
    if path.startswith('server/engineio/'):
        rules.append(unqualified(PROTO_EIO, 'protocol::eio::'))
    if path.startswith('server/socketio/'):
        rules.append(unqualified(PROTO_SIO, 'protocol::sio::'))
    return rules


def rewrite_contract_header(text):
    """Event names into contract::event, error codes into contract::code."""
    if 'namespace event {' in text:
        return text
    text = text.replace('// Names from the wire contract (shared by the server and the app): events, rooms, error codes.',
                        '// Names from the wire contract (shared by the server and the app): events, rooms, error codes,\n'
                        '// roles, limits and message types.')
    text = text.replace('// Client -> server events\n',
                        '// Event names: contract::event::SendMessage ("send-message"), ...\nnamespace event {\n\n'
                        '// Client -> server\n')
    text = text.replace('// Server -> client events\n', '// Server -> client\n')
    text = re.sub(r'(inline const QString Error = QStringLiteral\("error"\);\n)\n// Error codes\n',
                  r'\1\n} // namespace event\n\n'
                  r'// Error codes of the error event and of HTTP error bodies: contract::code::InvalidInput, ...\n'
                  r'namespace code {\n\n', text)
    text = re.sub(r'(inline const QString ConnectionLimit = QStringLiteral\("CONNECTION_LIMIT"\);\n)',
                  r'\1\n} // namespace code\n', text)
    return text


def rewrite_code(path, text):
    if path == 'common/contract/contract.h':
        return rewrite_contract_header(text)
    for rule in code_rules(path):
        text = on_code(text, rule)
    # The comments that close the renamed namespaces.
    closing = {'common/contract/': [('chat::json', 'contract::json'), ('chat', 'contract')],
               'common/protocol/': [('eio', 'protocol::eio'), ('sio', 'protocol::sio'), ('json', 'protocol::json')],
               'server/engineio/': [('eio', 'engineio')],
               'server/socketio/': [('sio', 'socketio')]}
    for folder, pairs in closing.items():
        if path.startswith(folder):
            for old, new in pairs:
                text = re.sub(r'// namespace craftchat::' + re.escape(old) + r'$', '// namespace craftchat::' + new,
                              text, flags=re.M)
    text = text.replace('"common/chat/', '"common/contract/')
    # A file that opened craftchat::chat keeps it for server/chat's classes and opens
    # craftchat::contract for the contract's names.
    if re.search(r'^using namespace craftchat::chat;', text, re.M) and 'using namespace craftchat::contract;' not in text:
        opened = []
        if '"server/chat/' in text:
            opened.append('using namespace craftchat::chat;')
        if '"common/contract/' in text or re.search(r'\b' + alt(CONTRACT_NAMES) + r'\b', text):
            opened.append('using namespace craftchat::contract;')
        text = re.sub(r'^using namespace craftchat::chat;\n', '\n'.join(opened) + '\n' if opened else '', text,
                      count=1, flags=re.M)
    return text


def rewrite_other(path, text):
    text = text.replace('common/chat/', 'common/contract/').replace('common/chat)', 'common/contract)')
    if path == 'common/CMakeLists.txt':
        text = text.replace('add_subdirectory(chat)', 'add_subdirectory(contract)')
    return text


def main(root):
    os.chdir(root)
    if os.path.isdir('common/chat'):
        subprocess.run(['git', 'mv', 'common/chat', 'common/contract'], check=True)
    files = subprocess.run(['git', 'ls-files', '-co', '--exclude-standard'], capture_output=True, text=True,
                           check=True).stdout.split('\n')
    for path in files:
        if not path or not os.path.isfile(path) or path.startswith(('translations/', 'build')) \
                or path == 'scripts/dev/rename-namespaces.py':
            continue
        if path.endswith(CODE_EXT):
            fn = rewrite_code
        elif path.endswith(('CMakeLists.txt', '.cmake', '.py', '.sh', '.md')) or path == '.clang-tidy':
            fn = rewrite_other
        else:
            continue
        with open(path, encoding='utf-8') as f:
            old = f.read()
        new = fn(path, old)
        if new != old:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(new)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
