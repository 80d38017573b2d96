import { createReadStream, realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, sep } from 'node:path';
import { esc } from '../report/html/escape.js';
import { discoverRuns, type RunEntry } from './discover.js';

/** Only these files of a run are ever served. */
const FILES: Record<string, string> = {
  'report.html': 'text/html; charset=utf-8',
  'summary.md': 'text/markdown; charset=utf-8',
  'results.json': 'application/json; charset=utf-8',
  'results.csv': 'text/csv; charset=utf-8',
  'METHODS.md': 'text/markdown; charset=utf-8',
};

export interface ViewServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A read-only browser of audit runs, bound to 127.0.0.1. A request names a run
 * by its index and a file by an allow-listed name: no request path ever
 * reaches the file system, so `..`, encoded dots and symlinks lead nowhere.
 */
export async function startViewServer(roots: readonly string[], port = 0): Promise<ViewServer> {
  const server: Server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }).end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'read-only');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const runs = discoverRuns(roots);
    if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', indexPage(runs));
    if (url.pathname === '/compare') {
      const a = runs[Number(url.searchParams.get('a'))];
      const b = runs[Number(url.searchParams.get('b'))];
      if (!a || !b) return send(404, 'text/plain', 'no such runs');
      return send(200, 'text/html; charset=utf-8', comparePage(a, b));
    }
    const m = /^\/run\/(\d+)\/([A-Za-z.]+)$/.exec(url.pathname);
    const run = m ? runs[Number(m[1])] : undefined;
    const type = m ? FILES[m[2]] : undefined;
    if (!run || !type) return send(404, 'text/plain', 'not found');
    let real: string;
    try {
      real = realpathSync(join(run.dir, m![2]));
    } catch {
      return send(404, 'text/plain', 'not found');
    }
    if (!real.startsWith(run.root + sep)) return send(404, 'text/plain', 'not found');
    res.writeHead(200, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') return res.end();
    createReadStream(real)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${actual}/`, close: () => new Promise((r) => server.close(() => r())) };
}

const STYLE = [
  'body{font:15px/1.5 system-ui,sans-serif;margin:24px}',
  'table{border-collapse:collapse}',
  'td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}',
  'iframe{width:49%;height:88vh;border:1px solid #ccc}',
].join('');

function indexPage(runs: RunEntry[]): string {
  const rows = runs
    .map(
      (r) =>
        `<tr><td>${r.index}</td><td><a href="/run/${r.index}/report.html">${esc(r.label)}</a></td><td>${esc(r.generatedAt)}</td>` +
        `<td>${esc(r.cases)}</td><td>${esc(r.models.join(', '))}</td><td><a href="/run/${r.index}/summary.md">summary</a> · ` +
        `<a href="/run/${r.index}/results.json">json</a> · <a href="/run/${r.index}/results.csv">csv</a></td></tr>`,
    )
    .join('\n');
  const opts = runs.map((r) => `<option value="${r.index}">${r.index}: ${esc(r.label)}</option>`).join('');
  const pick = (k: 'a' | 'b') => `<label>${k.toUpperCase()} <select name="${k}">${opts}</select></label>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ai-masld runs</title><style>${STYLE}</style></head><body><h1>ai-masld runs</h1>
${
  runs.length
    ? `<table><thead><tr><th>#</th><th>Run</th><th>Generated</th><th>Cases</th><th>Models</th><th>Files</th></tr></thead><tbody>${rows}</tbody></table>
<form action="/compare"><h2>Compare two runs side by side</h2>${pick('a')} ${pick('b')} <button>Compare</button></form>`
    : '<p>No runs (folders with results.json) found.</p>'
}
</body></html>`;
}

function comparePage(a: RunEntry, b: RunEntry): string {
  const frame = (title: string, r: RunEntry) => `<iframe title="${title}" src="/run/${r.index}/report.html"></iframe>`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Compare ${esc(a.label)} and ${esc(b.label)}</title>` +
    `<style>${STYLE}</style></head><body><p><a href="/">All runs</a> · A: ${esc(a.label)} · B: ${esc(b.label)}</p>` +
    `${frame('A', a)} ${frame('B', b)}</body></html>`
  );
}
