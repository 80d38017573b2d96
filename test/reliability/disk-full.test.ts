import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { startFakeOpenAI } from '../support/fake-openai.js';
import { optionKey, oracleAnswer } from '../support/oracle.js';
import { runCli, tempDir } from '../support/cli.js';
import { needs } from '../support/needs.js';

/** Mounting a tmpfs needs root with CAP_SYS_ADMIN; elsewhere the test says so and skips (under CI too: a container may not grant it). */
function canMount(): string | false {
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root';
  const dir = tempDir('masld-mount-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return false;
  } catch {
    return 'mount -t tmpfs is not allowed here (needs CAP_SYS_ADMIN)';
  }
}

const gold = () => new Map(loadCases().cases.map((c) => [optionKey(Object.values(c.options)), c.options[c.answer]]));
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('a full disk mid-run', () => {
  it('stops with exit 1 naming the folder and the space needed, keeps every committed call, writes no output, and resumes to the same results', {
    skip: needs({ privilege: canMount(), what: 'mounting a 600 kB tmpfs to fill' }),
  }, async () => {
    const answer = oracleAnswer(gold());
    // Long replies fill a small disk within a few calls.
    const server = await startFakeOpenAI({ answer: (u) => `${answer(u)}\n${'The reasoning continues. '.repeat(700)}` });
    const dir = tempDir();
    const mnt = join(dir, 'disk');
    mkdirSync(mnt);
    try {
      const config = join(dir, 'a.yaml');
      writeFileSync(
        config,
        `cases: {limit: 20}\nprobes: [distractor]\ncounterfactuals: []\nmodels:\n  - {id: o, provider: ` +
          `openai-compatible, baseUrl: "${server.url}", model: o}\nconcurrency: 2\n`,
      );
      const ref = await runCli(['audit', '--config', config, '--out', join(dir, 'ref'), '--no-progress']);
      assert.equal(ref.code, 0, ref.stderr);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', mnt]);
      const out = join(mnt, 'o');
      const r = await runCli(['audit', '--config', config, '--out', out, '--no-progress']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(
          `${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the disk is full\\. The (\\d+) calls answered so far are ` +
            `stored and kept; no output was written\\. Free at least \\d+ MB there \\(\\d+ calls to go\\)`,
        ),
      );
      assert.doesNotMatch(r.stderr, /E_INTERNAL/);
      const files = readdirSync(out);
      for (const f of ['results.json', 'results.csv', 'report.html', 'summary.md']) assert.ok(!files.includes(f), `${f} not written`);
      assert.deepEqual(
        files.filter((f) => f.endsWith('.tmp')),
        [],
        'no half-written file left',
      );
      execFileSync('mount', ['-o', 'remount,size=64m', mnt]);
      const fin = await runCli(['audit', '--config', config, '--out', out, '--no-progress']);
      assert.equal(fin.code, 0, fin.stderr);
      assert.match(fin.stdout, /calls made, [1-9]\d* reused/, 'the calls stored before the disk filled were kept');
      const strip = (p: string) => JSON.stringify({ ...readJson(p), generatedAt: null });
      assert.equal(strip(join(out, 'results.json')), strip(join(dir, 'ref', 'results.json')), 'identical to an uninterrupted run');
    } finally {
      if (existsSync(mnt))
        try {
          execFileSync('umount', [mnt], { stdio: 'ignore' });
        } catch {
          /* not mounted */
        }
      await server.close();
    }
  });
});
