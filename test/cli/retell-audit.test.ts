import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { after, before, describe, it } from 'node:test';
import { JUDGE_SYSTEM } from '../../src/variants/retell/judge.js';
import { RETELL_SYSTEM } from '../../src/variants/retell/styles.js';
import { runCli, tempDir } from '../support/cli.js';
import { startFakeOpenAI, type ChatBody, type FakeOpenAI } from '../support/fake-openai.js';
import { faithful, REMARK } from '../variants/retell/fixture.js';

const system = (b: ChatBody) => b.messages?.find((m) => m.role === 'system')?.content ?? '';
const isRetell = (b: ChatBody) => system(b) === RETELL_SYSTEM;
const isJudge = (b: ChatBody) => system(b) === JUDGE_SYSTEM;

describe('audit with a probe retold by a rewriter model (fake OpenAI-compatible server)', () => {
  let server: FakeOpenAI;
  let dir: string;
  let config: string;
  /** While set, every rewriter request fails (the rewriter is down). */
  let rewriterDown = false;
  const count = (f: (b: ChatBody) => boolean) => server.log.filter((l) => l.body && f(l.body)).length;

  before(async () => {
    server = await startFakeOpenAI({
      answer: (u, b) => (isJudge(b) ? '{"added": [], "removed": [], "altered": []}' : isRetell(b) ? faithful(u) : '{"answer": "A", "key_findings": []}'),
      script: ({ body }) => (rewriterDown && isRetell(body) ? { status: 500, body: '{"error":{"message":"down"}}' } : undefined),
    });
    dir = tempDir();
    config = join(dir, 'masld.yaml');
    writeFileSync(
      config,
      [
        'cases: {limit: 7}', // 3 distractor variants: the first 3 cases are too ill to chat (distractor v5)
        'models:',
        `  - {id: audited, provider: openai-compatible, baseUrl: "${server.url}", model: audited}`,
        'probes:',
        '  - option_shuffle',
        '  - name: distractor',
        `    rewriter: {model: "openai-compatible:rw@${server.url}", retries: 1}`,
        'counterfactuals: []',
        'retries: 0',
        'retryDelayMs: 1',
        '',
      ].join('\n'),
    );
  });
  after(() => server.close());

  it('--dry-run prices the retelling and calls nothing', async () => {
    const r = await runCli(['audit', '--config', config, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Retelling before the audit[\s\S]*distractor\s+rw\s+rw\s+3\s+6\s/);
    assert.equal(server.log.length, 0);
  });

  it('retells, verifies, sends the retold narratives, records it all, and never calls the rewriter again', async () => {
    const out = join(dir, 'run');
    const r = await runCli(['audit', '--config', config, '--out', out, '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(count(isRetell), 3, 'one retelling per distractor variant');
    assert.equal(count(isJudge), 3, 'one verdict per retelling');
    const audited = server.log.filter((l) => l.body?.model === 'audited');
    assert.equal(audited.filter((l) => l.userText.includes(REMARK)).length, 3, 'the retold distractor narratives were sent');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    assert.equal(results.variantSet.retell.length, 1);
    const s = results.variantSet.retell[0];
    assert.deepEqual([s.probe, s.rewriter, s.judge, s.attempted, s.accepted, s.fallbacks, s.failed, s.calls], ['distractor', 'rw', 'rw', 3, 3, 0, 0, 6]);
    assert.ok(s.inputTokens > 0 && s.outputTokens > 0);
    assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /Retold by rewriter models[\s\S]*\| distractor \| rw \| rw \| 3 \| 3 \(100\.0%\) \| 0 \|/);
    assert.ok(existsSync(join(out, 'retell.sqlite')), 'retellings kept beside the store');
    // results.csv: one row per audited call, the retold distractor variants among them.
    const rows = parse(readFileSync(join(out, 'results.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, results.models[0].calls.total);
    assert.equal(rows.filter((row) => row.condition === 'distractor').length, 3);

    const before = server.log.length;
    const again = await runCli(['audit', '--config', config, '--out', out, '--no-progress']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing left to do/);
    assert.equal(server.log.length, before, 'a resume calls neither the rewriter nor the model');
    assert.equal((await runCli(['report', out])).code, 0);
    assert.equal(server.log.length, before, 'a report calls nothing');
  });

  it('a set written with a rewriter carries the retellings; the audit on it retells nothing', async () => {
    const set = join(dir, 'set.jsonl');
    const start = count(isRetell);
    const r = await runCli(['variants', '--config', config, '--out', set]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(count(isRetell) - start, 3);
    assert.ok(existsSync(`${set}.retell.sqlite`));
    const again = await runCli(['variants', '--config', config, '--out', join(dir, 'set2.jsonl')]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(count(isRetell) - start, 6, 'a new set file has its own retelling cache');
    const rerun = await runCli(['variants', '--config', config, '--out', set]);
    assert.equal(rerun.code, 0);
    assert.equal(count(isRetell) - start, 6, 'writing the same set again calls nothing');
    const [header, ...lines] = readFileSync(set, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(header.retell[0].accepted, 3);
    assert.equal(header.design.retell[0].probe, 'distractor');
    const retold = lines.filter((v) => v.condition === 'distractor');
    assert.ok(retold.every((v) => v.narrative.includes(REMARK) && v.provenance.retell.accepted === true));

    const out = join(dir, 'run-set');
    const before = count(isRetell);
    const audit = await runCli(['audit', '--config', config, '--variants', set, '--out', out, '--no-progress']);
    assert.equal(audit.code, 0, audit.stderr);
    assert.equal(count(isRetell), before, 'a frozen set is never retold');
    assert.equal(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).variantSet.retell[0].accepted, 3);
  });

  it('a rewriter that is down stops the audit before any audited call, and keeps what was paid for', async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, readFileSync(config, 'utf8').replace('cases: {limit: 7}', 'cases: {limit: 9}'));
    rewriterDown = true;
    const out = join(dir, 'run-down');
    const audited = () => server.log.filter((l) => l.body?.model === 'audited').length;
    const before = audited();
    const r = await runCli(['audit', '--config', other, '--out', out, '--no-progress']);
    rewriterDown = false;
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /variant\(s\) could not be retold: a rewriter or judge call failed after all retries[\s\S]*Nothing was sent to the audited models[\s\S]*\[E_PROVIDER\]/,
    );
    assert.equal(audited(), before, 'no audited call');
    assert.ok(!existsSync(join(out, 'results.json')));
    const retry = await runCli(['audit', '--config', other, '--out', out, '--no-progress']);
    assert.equal(retry.code, 0, retry.stderr);
    assert.equal(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).variantSet.retell[0].accepted, 4);
  });
});
