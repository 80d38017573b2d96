// A loopback OpenAI-compatible server for benchmarks, in its own process so it
// does not share an event loop with what it measures. Answers "A" instantly,
// or after LATENCY_MS. GET /stats gives request count and first/last times and connections opened.
// With RPM set, it enforces a token bucket (BURST requests, refilled at RPM a
// minute) and answers 429 with Retry-After past it; RATE_HEADERS=1 adds the
// x-ratelimit-* headers OpenAI sends. /stats then lists when each 429 was sent.
import { createServer } from 'node:http';

const latency = Number(process.env.LATENCY_MS ?? 0);
const rpm = Number(process.env.RPM ?? 0);
const burst = Number(process.env.BURST ?? 20);
const rateHeaders = process.env.RATE_HEADERS === '1';
let requests = 0;
let first = 0;
let last = 0;
let connections = 0;
let bucket = burst;
let filled = 0;
let limited = [];
const duration = (ms) => (ms < 1000 ? `${Math.ceil(ms)}ms` : `${(ms / 1000).toFixed(3)}s`);
/** Takes a request from the bucket; the headers to send, and whether it was refused. */
function take(now) {
  if (!rpm) return { refused: false, headers: {} };
  bucket = Math.min(burst, bucket + ((now - filled) * rpm) / 60_000);
  filled = now;
  const refused = bucket < 1;
  if (!refused) bucket -= 1;
  const headers = rateHeaders
    ? {
        'x-ratelimit-limit-requests': String(rpm),
        'x-ratelimit-remaining-requests': String(Math.floor(bucket)),
        'x-ratelimit-reset-requests': duration(((burst - bucket) * 60_000) / rpm),
      }
    : {};
  if (refused) headers['retry-after'] = (((1 - bucket) * 60) / rpm).toFixed(3);
  return { refused, headers };
}
const body = JSON.stringify({
  id: 'x',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: '{"answer": "A", "key_findings": []}' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 100, completion_tokens: 10 },
});
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') return res.end(JSON.stringify({ requests, first, last, connections, limited }));
  if (req.method === 'POST' && req.url === '/reset') {
    requests = 0;
    first = 0;
    last = 0;
    connections = 0;
    limited = [];
    bucket = burst;
    return res.end('{}');
  }
  req.resume();
  req.on('end', () => {
    const now = performance.timeOrigin + performance.now();
    if (!first) first = now;
    requests++;
    const { refused, headers } = take(now);
    if (refused) {
      limited.push(now);
      return res.writeHead(429, { 'content-type': 'application/json', ...headers }).end('{"error":{"message":"rate limited"}}');
    }
    const send = () => {
      last = performance.timeOrigin + performance.now();
      res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(body);
    };
    if (latency) setTimeout(send, latency);
    else send();
  });
});
server.on('connection', () => connections++);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
