import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startViewServer, type ViewServer } from '../../src/view/server.js';
import { tempDir } from '../support/cli.js';

/** Raw GET, so the path reaches the server exactly as written (no client-side normalising). */
function get(base: string, path: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('masld view', () => {
  let server: ViewServer;
  let root: string;
  before(async () => {
    root = tempDir();
    const outside = tempDir();
    for (const [dir, id] of [
      ['run-a', 'model-a'],
      ['nested/run-b', 'model-b'],
    ]) {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, 'results.json'), JSON.stringify({ generatedAt: '2026-11-25', cases: { count: 3 }, models: [{ id }] }));
      writeFileSync(join(root, dir, 'report.html'), `<html>${id}</html>`);
    }
    writeFileSync(join(outside, 'results.json'), JSON.stringify({ models: [{ id: 'SECRET-OUTSIDE' }] }));
    writeFileSync(join(outside, 'report.html'), 'SECRET-OUTSIDE');
    symlinkSync(outside, join(root, 'escape-link'));
    symlinkSync(join(outside, 'report.html'), join(root, 'run-a', 'summary.md'));
    server = await startViewServer([root]);
  });
  after(() => server.close());

  it('binds to 127.0.0.1 and lists the runs under the folder', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await get(server.url, '/');
    assert.equal(r.status, 200);
    assert.match(r.body, /model-a/);
    assert.match(r.body, /model-b/);
    assert.doesNotMatch(r.body, /SECRET-OUTSIDE/, 'a symlink out of the folder is not followed');
  });
  it('serves a run report and a side-by-side comparison', async () => {
    const bodies = [(await get(server.url, '/run/0/report.html')).body, (await get(server.url, '/run/1/report.html')).body].sort();
    assert.deepEqual(bodies, ['<html>model-a</html>', '<html>model-b</html>']);
    const c = await get(server.url, '/compare?a=0&b=1');
    assert.equal(c.status, 200);
    assert.match(c.body, /\/run\/0\/report\.html[\s\S]*\/run\/1\/report\.html/);
  });
  it('refuses traversal: .., encoded dots, absolute paths, symlinked files, unknown files', async () => {
    for (const path of [
      '/run/0/../../../../etc/passwd',
      '/run/0/%2e%2e/%2e%2e/etc/passwd',
      '/run/0/..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/run/0//etc/passwd',
      '/run/0/audit.sqlite',
      '/run/9/report.html',
      '/run/0/summary.md',
    ]) {
      const r = await get(server.url, path);
      assert.equal(r.status, 404, path);
      assert.doesNotMatch(r.body, /SECRET-OUTSIDE|root:/, path);
    }
  });
  it('is read-only', async () => {
    const u = new URL(server.url);
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: u.hostname, port: u.port, path: '/', method: 'POST' }, (res) => resolve(res.statusCode!));
      req.end('x');
    });
    assert.equal(status, 405);
  });
});
