// A scriptable SMTP server for Cartero's tests (npm smtp-server). Faults are chosen by the recipient's
// local part: rechazo550-* → 550 on RCPT; diferido451-* → 451 the first N times (DEFER_TIMES);
// corte-* → the socket is destroyed in the middle of DATA; lento-* → answers after SLOW_MS.
// Options (environment): SMTP_PORT, CONTROL_PORT, AUTH_USER/AUTH_PASS (require AUTH), TLS_KEY/TLS_CERT
// (PEM files: STARTTLS, or implicit TLS with SECURE=1), DEFER_TIMES, SLOW_MS, DISCARD=1 (count only),
// RECORD_FILE (appends each accepted message's Message-ID, one a line, before answering 250: duplicate and loss tests),
// NO_GREETING=1 (accepts TCP and never sends the 220 greeting: a hung MTA), NO_SIZE=1 (no SIZE in the EHLO answer),
// NO_8BITMIME=1 (no 8BITMIME: the client has to send 7-bit).
// Control API on 127.0.0.1:CONTROL_PORT: GET /messages, DELETE /messages, GET /stats.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';

const require = createRequire(import.meta.url);
const { SMTPServer } = require('smtp-server');

const env = process.env;
const smtpPort = Number(env.SMTP_PORT ?? 2525);
const controlPort = Number(env.CONTROL_PORT ?? 2526);
const deferTimes = Number(env.DEFER_TIMES ?? 1);
const slowMs = Number(env.SLOW_MS ?? 3000);
const discard = env.DISCARD === '1';
const recordFile = env.RECORD_FILE;
const noGreeting = env.NO_GREETING === '1';

const messages = [];
const stats = { connections: 0, messages: 0, authFailures: 0, rejected: 0, deferred: 0 };
const deferrals = new Map();
const sockets = new Set();

function header(raw, name) {
  const match = raw.match(new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im'));
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

const options = {
  logger: false,
  size: env.NO_SIZE === '1' ? 0 : 30 * 1024 * 1024,
  hide8BITMIME: env.NO_8BITMIME === '1',
  authMethods: ['PLAIN', 'LOGIN'],
  authOptional: !env.AUTH_USER,
  allowInsecureAuth: true,
  disabledCommands: env.TLS_KEY ? [] : ['STARTTLS'],
  secure: env.SECURE === '1',
  onConnect(session, cb) {
    stats.connections++;
    // smtp-server greets once this callback is called; a hung MTA never calls it.
    if (!noGreeting) cb();
  },
  onAuth(auth, session, cb) {
    if (auth.username === env.AUTH_USER && auth.password === env.AUTH_PASS) return cb(null, { user: auth.username });
    stats.authFailures++;
    const err = new Error('5.7.8 Error: authentication failed');
    err.responseCode = 535;
    return cb(err);
  },
  onRcptTo(address, session, cb) {
    const local = address.address.split('@')[0];
    if (local.startsWith('rechazo550-')) {
      stats.rejected++;
      const err = new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown in local recipient table`);
      err.responseCode = 550;
      return cb(err);
    }
    if (local.startsWith('diferido451-')) {
      const seen = deferrals.get(address.address) ?? 0;
      if (seen < deferTimes) {
        deferrals.set(address.address, seen + 1);
        stats.deferred++;
        const err = new Error('4.7.1 <' + address.address + '>: Recipient address rejected: Greylisted, try again later');
        err.responseCode = 451;
        return cb(err);
      }
    }
    if (local.startsWith('lento-')) return setTimeout(() => cb(), slowMs);
    return cb();
  },
  onData(stream, session, cb) {
    const chunks = [];
    const recipients = session.envelope.rcptTo.map((r) => r.address);
    const cut = recipients.some((r) => r.split('@')[0].startsWith('corte-'));
    let size = 0;
    stream.on('data', (chunk) => {
      size += chunk.length;
      if (!discard || recordFile) chunks.push(chunk);
      if (cut && size > 0) {
        for (const s of sockets) if (s.remotePort === session.remotePort) s.destroy();
      }
    });
    stream.on('end', () => {
      if (cut) return;
      stats.messages++;
      if (recordFile) {
        const raw = Buffer.concat(chunks).toString('utf8');
        fs.appendFileSync(recordFile, `${header(raw, 'Message-ID')}\n`);
      }
      const id = String(stats.messages).padStart(6, '0');
      if (!discard) {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          queueId: id,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: recipients,
          user: session.user ? String(session.user) : null,
          secure: Boolean(session.secure),
          messageId: header(raw, 'Message-ID'),
          subject: header(raw, 'Subject'),
          carteroId: header(raw, 'X-Cartero-Id'),
          raw,
        });
      }
      cb(null, `Ok: queued as ${id}`);
    });
  },
};
if (env.TLS_KEY) {
  options.key = fs.readFileSync(env.TLS_KEY);
  options.cert = fs.readFileSync(env.TLS_CERT);
}

const server = new SMTPServer(options);
server.on('error', () => {});
server.server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });

server.listen(smtpPort, '127.0.0.1', () => {
  http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/messages' && req.method === 'DELETE') {
      messages.length = 0;
      return res.end('[]');
    }
    if (req.url === '/messages') return res.end(JSON.stringify(messages));
    if (req.url === '/stats') return res.end(JSON.stringify(stats));
    res.statusCode = 404;
    return res.end('{}');
  }).listen(controlPort, '127.0.0.1', () => console.log('ready'));
});
