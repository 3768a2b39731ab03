// Helper for tst_jwtinterop: signs and verifies JWTs with the npm jsonwebtoken package.
// The secret comes in the environment (JWT_SECRET), never on the command line.
//
//   node jwt-interop.js sign <userId> <role> <expiresInSeconds> [algorithm]  -> prints the token
//   node jwt-interop.js sign-expired <userId> <role>                         -> exp 60 s ago
//   node jwt-interop.js verify <token>  -> prints {"ok":true,"payload":{...}} or {"ok":false,"error":"..."}
'use strict';

const jwt = require('jsonwebtoken');

const secret = process.env.JWT_SECRET;
if (!secret) {
  process.stderr.write('JWT_SECRET is not set\n');
  process.exit(2);
}

const [command, ...args] = process.argv.slice(2);

if (command === 'sign') {
  const [userId, role, expiresIn, algorithm = 'HS256'] = args;
  const token = jwt.sign({ userId, role }, secret, { algorithm, expiresIn: Number(expiresIn) });
  process.stdout.write(`${token}\n`);
} else if (command === 'sign-expired') {
  const [userId, role] = args;
  const now = Math.floor(Date.now() / 1000);
  const token = jwt.sign({ userId, role, iat: now - 120, exp: now - 60 }, secret, { algorithm: 'HS256' });
  process.stdout.write(`${token}\n`);
} else if (command === 'verify') {
  try {
    const payload = jwt.verify(args[0], secret, { algorithms: ['HS256'] });
    process.stdout.write(`${JSON.stringify({ ok: true, payload })}\n`);
  } catch (err) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: err.message })}\n`);
  }
} else {
  process.stderr.write(`unknown command: ${command}\n`);
  process.exit(2);
}
