// Interoperability of the project's Engine.IO / Socket.IO server with the official npm
// socket.io-client 4.8. Starts protocol-test-server on an ephemeral port and drives it with
// node's built-in test runner.
//
//   node socketio-client-interop.mjs <path to protocol-test-server>
//
// protocol-test-server (Socket.IO mode): on "/" and "/custom" a new socket receives "auth"
// with its handshake auth; on "/", "message" is answered with "message-back" and the same
// arguments, and "message-with-ack" is acknowledged with the same arguments.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const clientPackage = path.join(here, 'node_modules', 'socket.io-client');
if (!existsSync(clientPackage)) {
  console.error(`${clientPackage} is missing: run the setup script (scripts/test.sh, or ` +
                '`npm ci` in tests/interop) before the interop tests.');
  process.exit(1);
}
const serverPath = process.argv[2] ?? process.env.CRAFTCHAT_PROTOCOL_TEST_SERVER;
if (!serverPath || !existsSync(serverPath)) {
  console.error(`protocol-test-server not found (got "${serverPath ?? ''}"): pass its path as the first argument.`);
  process.exit(1);
}

const { io, Manager } = await import('socket.io-client');

const TIMEOUT_MS = 10000;

// Resolves with the event's arguments, rejects after a timeout.
function next(emitter, event, timeoutMs = TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args) => {
      clearTimeout(timer);
      resolve(args);
    };
    emitter.once(event, listener);
  });
}

// Emits with an acknowledgement; resolves with every argument of the ack.
function emitWithAckArgs(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    socket.timeout(TIMEOUT_MS).emit(event, ...args, (err, ...ackArgs) => {
      if (err) reject(err);
      else resolve(ackArgs);
    });
  });
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(serverPath, ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`protocol-test-server did not report its port; output: ${output}`));
    }, TIMEOUT_MS);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`protocol-test-server exited (${code})`)); });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s/]+:(\d+))\//.exec(output);
      if (match && Number(match[2]) > 0) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
  });
}

describe('socket.io-client 4.8 against protocol-test-server', () => {
  let server;
  let url;
  const opened = [];

  // Every client is closed after the run, even when an assertion failed.
  function client(nsp, options = {}) {
    const socket = io(`${url}${nsp}`, { forceNew: true, reconnection: false, ...options });
    opened.push(socket);
    return socket;
  }

  before(async () => {
    ({ child: server, url } = await startServer());
  });

  after(() => {
    for (const socket of opened) socket.io.engine?.close();
    for (const socket of opened) socket.disconnect();
    server?.removeAllListeners('exit');
    server?.kill();
  });

  test('default transports: polling first, then upgrade to websocket', async () => {
    const socket = client('/', { autoConnect: false });
    const transportsSeen = [];
    socket.io.on('open', () => transportsSeen.push(socket.io.engine.transport.name));
    socket.connect();
    await next(socket, 'connect');
    assert.equal(transportsSeen[0], 'polling');
    if (socket.io.engine.transport.name !== 'websocket') {
      const [transport] = await next(socket.io.engine, 'upgrade');
      assert.equal(transport.name, 'websocket');
    }
    assert.equal(socket.io.engine.transport.name, 'websocket');
    // Still talking after the upgrade.
    socket.emit('message', 'after upgrade');
    assert.deepEqual(await next(socket, 'message-back'), ['after upgrade']);
    socket.disconnect();
  });

  test("transports: ['websocket'] only", async () => {
    const socket = client('/', { transports: ['websocket'] });
    await next(socket, 'connect');
    assert.equal(socket.io.engine.transport.name, 'websocket');
    assert.equal(typeof socket.id, 'string');
    assert.equal(socket.id.length, 20);
    socket.emit('message', 'over websocket');
    assert.deepEqual(await next(socket, 'message-back'), ['over websocket']);
    socket.disconnect();
  });

  test('emit without ack ("message" -> "message-back") and with ack ("message-with-ack")', async () => {
    for (const transports of [['polling'], ['websocket']]) {
      const socket = client('/', { transports });
      await next(socket, 'connect');
      const args = [1, 'two', { three: [3, null, true] }, 'h\u00e9llo \u{1f600}'];
      socket.emit('message', ...args);
      assert.deepEqual(await next(socket, 'message-back'), args, `message-back over ${transports}`);
      assert.deepEqual(await emitWithAckArgs(socket, 'message-with-ack', ...args), args,
                       `ack over ${transports}`);
      socket.disconnect();
    }
  });

  test('binary both ways (Buffer)', async () => {
    for (const transports of [['polling'], ['websocket']]) {
      const socket = client('/', { transports });
      await next(socket, 'connect');
      const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
      const nested = { label: 'file', data: Buffer.alloc(2048, 7) };
      socket.emit('message', bytes, nested);
      const [gotBytes, gotNested] = await next(socket, 'message-back');
      assert.ok(Buffer.from(gotBytes).equals(bytes), `binary argument over ${transports}`);
      assert.equal(gotNested.label, 'file');
      assert.ok(Buffer.from(gotNested.data).equals(nested.data), `nested binary over ${transports}`);
      const [ackBytes] = await emitWithAckArgs(socket, 'message-with-ack', bytes);
      assert.ok(Buffer.from(ackBytes).equals(bytes), `binary ack over ${transports}`);
      socket.disconnect();
    }
  });

  test('two namespaces ("/" and "/custom") over one Manager connection', async () => {
    const manager = new Manager(url, { reconnection: false });
    const root = manager.socket('/', { auth: { who: 'root' } });
    const custom = manager.socket('/custom', { auth: { who: 'custom' } });
    opened.push(root, custom);
    const rootAuth = next(root, 'auth');
    const customAuth = next(custom, 'auth');
    await Promise.all([next(root, 'connect'), next(custom, 'connect')]);
    assert.deepEqual(await rootAuth, [{ who: 'root' }]);
    assert.deepEqual(await customAuth, [{ who: 'custom' }]);
    assert.equal(root.io, custom.io);
    assert.notEqual(root.id, custom.id);
    // Both ride the same Engine.IO session.
    assert.equal(Object.keys(manager.nsps).sort().join(' '), '/ /custom');
    root.emit('message', 'via root');
    assert.deepEqual(await next(root, 'message-back'), ['via root']);
    root.disconnect();
    custom.disconnect();
  });

  test('the "auth" event shows the auth payload', async () => {
    const auth = { token: 'abc.def.ghi', nested: { n: 7, list: ['x'] } };
    const socket = client('/', { auth });
    const [received] = await next(socket, 'auth');
    assert.deepEqual(received, auth);
    socket.disconnect();

    const anonymous = client('/');
    const [empty] = await next(anonymous, 'auth');
    assert.deepEqual(empty, {});
    anonymous.disconnect();
  });

  test('connect_error for an unknown namespace', async () => {
    const socket = client('/does-not-exist');
    const [err] = await next(socket, 'connect_error');
    assert.equal(err.message, 'Invalid namespace');
    assert.equal(socket.connected, false);
    socket.disconnect();
  });
});
