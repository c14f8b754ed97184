// A discarding SMTP server for benchmarks: accepts everything, counts messages, answers
// GET /count on its control port. Uses the smtp-server package installed for the test peers.
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'peers', 'package.json'));
const { SMTPServer } = require('smtp-server');

const smtpPort = Number(process.argv[2] ?? 2525);
const controlPort = Number(process.argv[3] ?? 2526);
let messages = 0;
let connections = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 50 * 1024 * 1024,
  onConnect(_session, cb) { connections++; cb(); },
  onData(stream, _session, cb) {
    stream.on('data', () => {});
    stream.on('end', () => { messages++; cb(null, `Ok: queued as ${messages}`); });
  },
});
server.on('error', (e) => console.error('smtp error', e.message));
server.listen(smtpPort, '127.0.0.1', () => {
  http.createServer((req, res) => {
    if (req.url === '/reset') { messages = 0; connections = 0; }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ messages, connections, cpuMicros: process.cpuUsage().user + process.cpuUsage().system }));
  }).listen(controlPort, '127.0.0.1', () => console.log('ready'));
});
