// The contract's frontend test scenario with the official npm socket.io-client 4.8 against
// craftchat-server: register a client and a craftsman over HTTP, create a chat, connect with
// `auth: {token}` and the default transports (polling, then upgrade), join the chat, send a
// message, and receive chat-joined, message-sent and new-message (the other participant
// too). Also: a bad token is refused with CONNECT_ERROR "Authentication failed"; and section 9:
// a file message, a reply, edit-message and delete-message with their events, search and
// after= paging.
//
//   node chat-scenario.mjs <path to craftchat-server>
//
// Over TLS (CTest's chat_client_interop_tls): with CRAFTCHAT_TLS_CERT and CRAFTCHAT_TLS_KEY in
// the environment the server speaks HTTPS and WSS, and NODE_EXTRA_CA_CERTS makes fetch and
// socket.io-client (polling over https, then the upgrade to wss) trust the test CA.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
if (!existsSync(path.join(here, 'node_modules', 'socket.io-client'))) {
  console.error('tests/interop/node_modules is missing: run the setup script (scripts/test.sh, ' +
                'or `npm ci` in tests/interop) before the interop tests.');
  process.exit(1);
}
const serverPath = process.argv[2];
if (!serverPath || !existsSync(serverPath)) {
  console.error(`craftchat-server not found (got "${serverPath ?? ''}"): pass its path as the first argument.`);
  process.exit(1);
}
const { io } = await import('socket.io-client');
const TIMEOUT_MS = 10000;

let server;
let baseUrl;
let dataDir;

function startServer() {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'craftchat-interop-'));
  return new Promise((resolve, reject) => {
    const child = spawn(serverPath, [], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        CRAFTCHAT_PORT: '0',
        CRAFTCHAT_HOST: '127.0.0.1',
        CRAFTCHAT_DATA_DIR: dataDir,
        CRAFTCHAT_JWT_SECRET: 'interop-secret-interop-secret-0123456789',
        CRAFTCHAT_PASSWORD_HASH: 'minimum',
        CRAFTCHAT_LOG_LEVEL: 'warning',
      },
    });
    let output = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error(`no port reported: ${output}`)); }, TIMEOUT_MS);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`craftchat-server exited (${code})`)); });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (https?:\/\/[^\s/]+:(\d+))/.exec(output);
      if (match && Number(match[2]) > 0) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
  });
}

async function post(pathName, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(baseUrl + pathName, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

function next(socket, event) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    socket.once(event, (...args) => { clearTimeout(timer); resolve(args); });
  });
}

before(async () => {
  ({ child: server, url: baseUrl } = await startServer());
  // Over TLS the server announces https, and every request below goes over HTTPS and WSS.
  assert.equal(baseUrl.startsWith('https://'), Boolean(process.env.CRAFTCHAT_TLS_CERT));
});

after(() => {
  server?.removeAllListeners('exit');
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('frontend scenario: join a chat, send, receive chat-joined, message-sent, new-message', async () => {
  const client = await post('/api/auth/register', {
    fullName: 'Clara Client', email: 'clara@example.test', password: 'password-1', role: 'client' });
  assert.equal(client.status, 201);
  const craftsman = await post('/api/auth/register', {
    fullName: 'Carl Craftsman', email: 'carl@example.test', password: 'password-2', role: 'craftsman' });
  assert.equal(craftsman.status, 201);
  const chat = await post('/api/messages/chats', { craftsmanId: craftsman.body.user._id }, client.body.token);
  assert.equal(chat.status, 201);
  const chatId = chat.body._id;

  const clientSocket = io(baseUrl, { auth: { token: client.body.token }, reconnection: false });
  const craftsmanSocket = io(baseUrl, { auth: { token: craftsman.body.token }, reconnection: false });
  try {
    await Promise.all([next(clientSocket, 'connect'), next(craftsmanSocket, 'connect')]);
    // Default transports: polling first, then the upgrade to WebSocket.
    if (clientSocket.io.engine.transport.name !== 'websocket')
      await next(clientSocket.io.engine, 'upgrade');
    assert.equal(clientSocket.io.engine.transport.name, 'websocket');

    const joined = next(clientSocket, 'chat-joined');
    clientSocket.emit('join-chat', chatId);
    const [joinedPayload] = await joined;
    assert.deepEqual(joinedPayload, { chatId, success: true, roomMembersCount: 2 });

    const sent = next(clientSocket, 'message-sent');
    const ownCopy = next(clientSocket, 'new-message');
    const delivered = next(craftsmanSocket, 'new-message');
    clientSocket.emit('send-message', { chatId, messageType: 'text', content: 'Hello Carl', clientMessageId: 'scenario-1' });

    const [sentPayload] = await sent;
    assert.equal(sentPayload.success, true);
    assert.equal(sentPayload.chatId, chatId);
    assert.equal(sentPayload.clientMessageId, 'scenario-1');
    assert.match(sentPayload.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    for (const [message] of [await ownCopy, await delivered]) {
      assert.equal(message._id, sentPayload.messageId);
      assert.equal(message.chatId, chatId);
      assert.equal(message.content, 'Hello Carl');
      assert.equal(message.messageType, 'text');
      assert.equal(message.isRead, false);
      assert.deepEqual(message.senderId, { _id: client.body.user._id, fullName: 'Clara Client', role: 'client' });
    }

    // The same send with an acknowledgement gets the message-sent object back, unchanged
    // (idempotent on clientMessageId).
    const ack = await clientSocket.timeout(TIMEOUT_MS).emitWithAck('send-message',
      { chatId, messageType: 'text', content: 'Hello Carl', clientMessageId: 'scenario-1' });
    assert.equal(ack.messageId, sentPayload.messageId);
    assert.equal(ack.timestamp, sentPayload.timestamp);
  } finally {
    clientSocket.close();
    craftsmanSocket.close();
  }
});

test('section 9: file message, reply, edit, delete, search, after=', async () => {
  const client = await post('/api/auth/register', {
    fullName: 'Fiona Client', email: 'fiona@example.test', password: 'password-3', role: 'client' });
  const craftsman = await post('/api/auth/register', {
    fullName: 'Fritz Fliesenleger', email: 'fritz@example.test', password: 'password-4', role: 'craftsman' });
  assert.equal(craftsman.status, 201);
  const chat = await post('/api/messages/chats', { craftsmanId: craftsman.body.user._id }, client.body.token);
  assert.equal(chat.status, 201);
  const chatId = chat.body._id;

  // A PDF, uploaded with its name.
  const pdf = Buffer.from('%PDF-1.4\nAngebot\n%%EOF\n');
  const uploaded = await fetch(baseUrl + '/api/uploads', {
    method: 'POST',
    headers: { authorization: `Bearer ${craftsman.body.token}`, 'x-file-name': encodeURIComponent('Angebot Bäder.pdf') },
    body: pdf,
  });
  assert.equal(uploaded.status, 201);
  const file = await uploaded.json();
  assert.deepEqual({ name: file.name, size: file.size, mimeType: file.mimeType },
                   { name: 'Angebot Bäder.pdf', size: pdf.length, mimeType: 'application/pdf' });

  const clientSocket = io(baseUrl, { auth: { token: client.body.token }, reconnection: false });
  const craftsmanSocket = io(baseUrl, { auth: { token: craftsman.body.token }, reconnection: false });
  try {
    await Promise.all([next(clientSocket, 'connect'), next(craftsmanSocket, 'connect')]);

    const fileDelivered = next(clientSocket, 'new-message');
    const fileAck = await craftsmanSocket.timeout(TIMEOUT_MS).emitWithAck('send-message',
      { chatId, messageType: 'file', content: file.url });
    assert.equal(fileAck.success, true);
    const [fileMessage] = await fileDelivered;
    assert.equal(fileMessage._id, fileAck.messageId);
    assert.equal(fileMessage.messageType, 'file');
    assert.deepEqual(fileMessage.attachment, { name: 'Angebot Bäder.pdf', size: pdf.length, mimeType: 'application/pdf' });

    // A reply to the file.
    const replyDelivered = next(craftsmanSocket, 'new-message');
    const replyAck = await clientSocket.timeout(TIMEOUT_MS).emitWithAck('send-message',
      { chatId, messageType: 'text', content: 'Die Fliesen bitte in Grau', replyToId: fileAck.messageId });
    const [reply] = await replyDelivered;
    assert.equal(reply._id, replyAck.messageId);
    assert.deepEqual(reply.replyTo, { _id: fileAck.messageId, senderId: craftsman.body.user._id,
                                      messageType: 'file', content: 'Angebot Bäder.pdf' });

    // Edit: message-updated to both, the ack, chat-updated (it is the last message).
    const updated = next(craftsmanSocket, 'message-updated');
    const chatUpdated = next(craftsmanSocket, 'chat-updated');
    const editAck = await clientSocket.timeout(TIMEOUT_MS).emitWithAck('edit-message',
      { messageId: replyAck.messageId, content: 'Die Fliesen bitte in Anthrazit' });
    assert.equal(editAck.success, true);
    assert.equal(editAck.messageId, replyAck.messageId);
    assert.match(editAck.editedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual((await updated)[0], { chatId, messageId: replyAck.messageId,
                                           content: 'Die Fliesen bitte in Anthrazit', editedAt: editAck.editedAt });
    assert.equal((await chatUpdated)[0].lastMessage, 'Die Fliesen bitte in Anthrazit');

    // Someone else's message cannot be edited or deleted.
    const refused = await craftsmanSocket.timeout(TIMEOUT_MS).emitWithAck('delete-message', { messageId: replyAck.messageId });
    assert.equal(refused.code, 'UNAUTHORIZED');

    // Search finds the edited text with its marks, across the user's chats.
    const found = await fetch(baseUrl + '/api/messages/search?q=' + encodeURIComponent('fliese anthra'),
                              { headers: { authorization: `Bearer ${craftsman.body.token}` } });
    assert.equal(found.status, 200);
    const hits = await found.json();
    assert.equal(hits.length, 1);
    assert.equal(hits[0].message._id, replyAck.messageId);
    assert.equal(hits[0].snippet, 'Die \u0002Fliesen\u0003 bitte in \u0002Anthrazit\u0003');

    // Delete the file message: message-deleted, a tombstone in history, the file gone.
    const deleted = next(clientSocket, 'message-deleted');
    const deleteAck = await craftsmanSocket.timeout(TIMEOUT_MS).emitWithAck('delete-message', { messageId: fileAck.messageId });
    assert.equal(deleteAck.success, true);
    assert.deepEqual((await deleted)[0], { chatId, messageId: fileAck.messageId, deletedAt: deleteAck.deletedAt });
    assert.deepEqual(await craftsmanSocket.timeout(TIMEOUT_MS).emitWithAck('delete-message', { messageId: fileAck.messageId }),
                     deleteAck);
    assert.equal((await fetch(baseUrl + file.url)).status, 404);

    // Catch-up after the first message: the reply, edited, replying to a tombstone.
    const page = await fetch(`${baseUrl}/api/messages/chats/${chatId}/messages?after=${fileAck.messageId}`,
                             { headers: { authorization: `Bearer ${client.body.token}` } });
    assert.equal(page.status, 200);
    const messages = await page.json();
    assert.equal(messages.length, 1);
    assert.equal(messages[0].content, 'Die Fliesen bitte in Anthrazit');
    assert.equal(messages[0].editedAt, editAck.editedAt);
    assert.deepEqual(messages[0].replyTo, { _id: fileAck.messageId, senderId: craftsman.body.user._id,
                                            messageType: 'deleted', content: '' });
    const all = await (await fetch(`${baseUrl}/api/messages/chats/${chatId}/messages`,
                                   { headers: { authorization: `Bearer ${client.body.token}` } })).json();
    assert.equal(all[0].messageType, 'deleted');
    assert.equal(all[0].content, '');
    assert.equal(all[0].deletedAt, deleteAck.deletedAt);
    assert.equal(all[0].attachment, undefined);
  } finally {
    clientSocket.close();
    craftsmanSocket.close();
  }
});

test('a bad token gets CONNECT_ERROR "Authentication failed"', async () => {
  const socket = io(baseUrl, { auth: { token: 'not-a-jwt' }, reconnection: false, transports: ['websocket'] });
  try {
    const [error] = await next(socket, 'connect_error');
    assert.equal(error.message, 'Authentication failed');
  } finally {
    socket.close();
  }
});

// Connection state recovery (socket.io 4.6+, on by default in craftchat-server): the engine
// transport is closed under the client; the craftsman writes while it is away; the client
// reconnects with its pid and offset, gets `recovered === true`, the same socket id, and
// every message it missed, in order, once.
test('connection state recovery: a short disconnect loses nothing', async () => {
  const client = await post('/api/auth/register', {
    fullName: 'Rita Client', email: 'rita@example.test', password: 'password-3', role: 'client' });
  assert.equal(client.status, 201);
  const craftsman = await post('/api/auth/register', {
    fullName: 'Rolf Craftsman', email: 'rolf@example.test', password: 'password-4', role: 'craftsman' });
  assert.equal(craftsman.status, 201);
  const chat = await post('/api/messages/chats', { craftsmanId: craftsman.body.user._id }, client.body.token);
  assert.equal(chat.status, 201);
  const chatId = chat.body._id;

  const clientSocket = io(baseUrl, {
    auth: { token: client.body.token }, transports: ['websocket'],
    reconnectionDelay: 1000, reconnectionDelayMax: 1000, randomizationFactor: 0 });
  const craftsmanSocket = io(baseUrl, { auth: { token: craftsman.body.token }, reconnection: false });
  const received = [];
  clientSocket.on('new-message', (message) => received.push(message.content));
  try {
    await Promise.all([next(clientSocket, 'connect'), next(craftsmanSocket, 'connect')]);
    assert.equal(clientSocket.recovered, false);
    const firstId = clientSocket.id;
    const joined = next(clientSocket, 'chat-joined');
    clientSocket.emit('join-chat', chatId);
    await joined;
    const craftsmanJoined = next(craftsmanSocket, 'chat-joined');
    craftsmanSocket.emit('join-chat', chatId);
    await craftsmanJoined;

    const seen = next(clientSocket, 'new-message');
    await craftsmanSocket.timeout(TIMEOUT_MS).emitWithAck('send-message',
      { chatId, messageType: 'text', content: 'before', clientMessageId: 'csr-0' });
    await seen;

    const gone = next(clientSocket, 'disconnect');
    clientSocket.io.engine.close(); // the transport goes; the manager reconnects after 1 s
    const [reason] = await gone;
    assert.equal(reason, 'forced close'); // as the client names it; the server sees "transport close"
    for (let i = 1; i <= 3; ++i) {
      const ack = await craftsmanSocket.timeout(TIMEOUT_MS).emitWithAck('send-message',
        { chatId, messageType: 'text', content: `missed ${i}`, clientMessageId: `csr-${i}` });
      assert.equal(ack.success, true);
    }
    assert.equal(clientSocket.connected, false, 'the messages were sent while the client was away');

    await next(clientSocket, 'connect');
    assert.equal(clientSocket.recovered, true);
    assert.equal(clientSocket.id, firstId);
    const deadline = Date.now() + TIMEOUT_MS;
    while (received.length < 4 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    // Still in the chat's room, and nothing arrives twice.
    const after = next(clientSocket, 'new-message');
    await craftsmanSocket.timeout(TIMEOUT_MS).emitWithAck('send-message',
      { chatId, messageType: 'text', content: 'after', clientMessageId: 'csr-4' });
    await after;
    assert.deepEqual(received, ['before', 'missed 1', 'missed 2', 'missed 3', 'after']);
  } finally {
    clientSocket.close();
    craftsmanSocket.close();
  }
});
