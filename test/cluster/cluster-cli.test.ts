import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCli } from '../support/cli.js';

// Mistakes in the flags of the commands that spread an audit over machines: said at once, naming the flag, exit 2;
// no service is needed to see them.
it('refuses --queue without --store, and --budget with them, before building any variant', async () => {
  const a = await runCli(['audit', '--queue', 'redis://127.0.0.1:1', '--limit', '2']);
  assert.equal(a.code, 2, a.stderr);
  assert.match(a.stderr, /--queue and --store go together.*\[E_USAGE\]/);
  assert.doesNotMatch(a.stderr, /variant check/, 'refused before the variants are built');
  const b = await runCli(['audit', '--queue', 'redis://127.0.0.1:1', '--store', 'postgres://u:pw@127.0.0.1:1/db', '--budget', '3']);
  assert.equal(b.code, 2, b.stderr);
  assert.match(b.stderr, /--budget cannot be kept across machines yet/);
});

it('names a store URL that is not PostgreSQL, and a store it cannot reach, without the password', async () => {
  const a = await runCli(['audit', '--queue', 'redis://127.0.0.1:1', '--store', 'mysql://u:s3cretPW@h/db', '--limit', '2']);
  assert.equal(a.code, 2, a.stderr);
  assert.match(a.stderr, /must be a PostgreSQL URL.*\[E_STORE_URL\]/);
  const t = Date.now();
  const b = await runCli(['status', '--queue', 'redis://127.0.0.1:1', '--store', 'postgres://u:s3cretPW@127.0.0.1:1/db']);
  assert.equal(b.code, 1, b.stderr);
  assert.match(b.stderr, /the shared store postgres:\/\/u@127\.0\.0\.1:1\/db cannot be used.*\[E_STORE_UNREACHABLE\]/);
  assert.ok(Date.now() - t < 30_000, 'a store never reached is said within seconds, not after the minute a restart is given');
  for (const r of [a, b]) assert.doesNotMatch(r.stderr, /s3cretPW/);
});

it('asks for what worker and export --store need', async () => {
  const w = await runCli(['worker', '--store', 'postgres://u@127.0.0.1:1/db']);
  assert.equal(w.code, 2, w.stderr);
  assert.match(w.stderr, /--queue/);
  const e = await runCli(['export', '--store', 'postgres://u@127.0.0.1:1/db']);
  assert.equal(e.code, 2, e.stderr);
  assert.match(e.stderr, /--store needs --out/);
});
