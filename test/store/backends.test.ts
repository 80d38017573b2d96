import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../support/cli.js';
import { needs, NODE22 } from '../support/needs.js';

/**
 * Every store test but this one: the same files run on both back ends. Of the shared PostgreSQL store's files only the
 * export writes SQLite; the others never touch a back end and would start their servers again for nothing.
 */
const PG_ONLY = new Set(['postgres-store.test.ts', 'postgres-schema.test.ts', 'postgres-restart.test.ts']);
const STORE_TESTS = readdirSync(join(ROOT, 'test', 'store'))
  .filter((f) => f.endsWith('.test.ts') && f !== 'backends.test.ts' && !PG_ONLY.has(f))
  .sort()
  .map((f) => join('test', 'store', f));

function run(node: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // Without NODE_TEST_CONTEXT, or the child's test runner would take itself for a nested run and run nothing.
    const { NODE_TEST_CONTEXT: _, ...parent } = process.env;
    const child = spawn(node, args, { cwd: ROOT, env: { ...parent, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('both SQLite back ends pass the same store tests', () => {
  it('this process (Node 20 in CI) runs them on better-sqlite3 unless told otherwise', {
    skip: process.env.MASLD_SQLITE ? 'a back end is forced' : false,
  }, async () => {
    const { sqliteBackend } = await import('../../src/util/sqlite.js');
    const major = Number(process.versions.node.split('.')[0]);
    if (major < 22) assert.equal(sqliteBackend().name, 'better-sqlite3');
  });

  it(`Node ≥ 22.13 runs ${STORE_TESTS.length} store test files on node:sqlite, forced`, { skip: needs(NODE22), timeout: 180_000 }, async () => {
    const r = await run(process.env.MASLD_NODE22!, ['--import', 'tsx', '--test', '--test-concurrency=1', ...STORE_TESTS], { MASLD_SQLITE: 'node:sqlite' });
    assert.equal(r.code, 0, r.out.slice(-4000));
    assert.match(r.out, /# Subtest: the store on node:sqlite/);
    assert.match(r.out, /# fail 0/);
    assert.doesNotMatch(r.out, /ExperimentalWarning/, 'loading node:sqlite says nothing on stderr');
  });

  it('Node ≥ 22.13 chooses node:sqlite by itself', { skip: needs(NODE22) }, async () => {
    const code = `import { sqliteBackend } from './src/util/sqlite.ts'; process.stdout.write(sqliteBackend().name);`;
    const env = { ...process.env };
    delete env.MASLD_SQLITE;
    const r = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.env.MASLD_NODE22!, ['--import', 'tsx', '--input-type=module', '-e', code], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    assert.equal(r, 'node:sqlite');
  });
});
