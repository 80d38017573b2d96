import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { acquireLock, LOCK_INFO } from '../../src/store/lock.js';
import { tempDir } from '../support/cli.js';

const LOCK_TS = fileURLToPath(new URL('../../src/store/lock.ts', import.meta.url));

/** A separate process that takes the folder lock, says so, and holds it until killed. */
function holder(dir: string): Promise<{ pid: number; kill: (s: NodeJS.Signals) => Promise<void> }> {
  const code =
    `import { acquireLock } from ${JSON.stringify(LOCK_TS)}; acquireLock(${JSON.stringify(dir)}); ` +
    `process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', () =>
      resolve({
        pid: child.pid!,
        kill: (s) =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill(s);
          }),
      }),
    );
  });
}

describe('the folder lock is held by the operating system', () => {
  it('refuses while another process holds it, naming that process, and frees the moment it is SIGKILLed', async () => {
    const dir = tempDir();
    const h = await holder(dir);
    assert.throws(
      () => acquireLock(dir),
      (e: Error & { code?: string }) => e.code === 'E_LOCKED' && e.message.includes(`pid ${h.pid}`),
    );
    await h.kill('SIGKILL');
    const release = acquireLock(dir);
    release();
  });
  it('a lock file naming a live, unrelated process does not block', () => {
    const dir = tempDir();
    // This test's own pid and pid 1 are alive; the old design trusted the pid in the file.
    writeFileSync(join(dir, LOCK_INFO), JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: '2026-01-01T00:00:00Z', command: 'audit' }));
    const release = acquireLock(dir);
    release();
    writeFileSync(join(dir, LOCK_INFO), String(process.pid));
    acquireLock(dir)();
  });
  it('released on release(): the information file goes, the folder can be taken again', () => {
    const dir = tempDir();
    const release = acquireLock(dir);
    assert.ok(existsSync(join(dir, LOCK_INFO)));
    release();
    assert.ok(!existsSync(join(dir, LOCK_INFO)));
    acquireLock(dir)();
  });
});
