// The baseline: a bare fetch loop in its own process, as cold as the audit's,
// posting the same chat requests at the same concurrency. Usage:
//   node bare-fetch.mjs URL CONCURRENCY REQUESTS.json
import { readFileSync } from 'node:fs';
import pLimit from 'p-limit';

process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`CPU_MS ${((u.userCPUTime + u.systemCPUTime) / 1000).toFixed(1)}\n`);
});

const [url, concurrency, file] = process.argv.slice(2);
const requests = JSON.parse(readFileSync(file, 'utf8'));
const limit = pLimit(Number(concurrency));
await Promise.all(
  requests.map((request) =>
    limit(async () => {
      const r = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
      await r.json();
    }),
  ),
);
