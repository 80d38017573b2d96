// A loopback OpenAI-compatible server for benchmarks, in its own process so it
// does not share an event loop with what it measures. Answers "A" instantly,
// or after LATENCY_MS. GET /stats gives request count, first/last times and connections opened.
import { createServer } from 'node:http';

const latency = Number(process.env.LATENCY_MS ?? 0);
let requests = 0;
let first = 0;
let last = 0;
let connections = 0;
const body = JSON.stringify({
  id: 'x',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: '{"answer": "A", "key_findings": []}' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 100, completion_tokens: 10 },
});
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') return res.end(JSON.stringify({ requests, first, last, connections }));
  if (req.method === 'POST' && req.url === '/reset') {
    requests = 0;
    first = 0;
    last = 0;
    connections = 0;
    return res.end('{}');
  }
  req.resume();
  req.on('end', () => {
    const now = performance.timeOrigin + performance.now();
    if (!first) first = now;
    requests++;
    const send = () => {
      last = performance.timeOrigin + performance.now();
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    };
    if (latency) setTimeout(send, latency);
    else send();
  });
});
server.on('connection', () => connections++);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
