import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { resolveAudit } from '../../src/audit/resolve.js';
import { MasldError } from '../../src/errors.js';
import { runCli, tempDir } from '../support/cli.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { listProbes } from '../../src/probes/registry.js';

const lines = (text: string) => text.trimEnd().split('\n');

describe('variant sets: write once, audit exactly those prompts', () => {
  let server: FakeOpenAI;
  let dir: string;
  let set: string;
  let config: string;
  before(async () => {
    // Always "A": what matters here is which prompts arrive, not the answers.
    server = await startFakeOpenAI({ answer: () => '{"answer": "A", "key_findings": []}' });
    dir = tempDir();
    set = join(dir, 'set.jsonl.gz');
    config = join(dir, 'masld.yaml');
    writeFileSync(
      config,
      `cases: {limit: 3}\nmodels:\n  - {id: m, provider: openai-compatible, baseUrl: "${server.url}", model: m}\nconcurrency: 4\nretries: 0\n`,
    );
    const r = await runCli(['variants', '--config', config, '--out', set]);
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => server.close());

  it('gzip and plain sets hold the same bytes, and the header seals the lines', async () => {
    const plain = join(dir, 'set.jsonl');
    assert.equal((await runCli(['variants', '--config', config, '--out', plain])).code, 0);
    const text = readFileSync(plain, 'utf8');
    assert.equal(gunzipSync(readFileSync(set)).toString('utf8'), text);
    const [head, ...rest] = lines(text);
    const header = JSON.parse(head);
    assert.equal(header.count, rest.length);
    assert.equal(header.cases.count, 3);
    assert.deepEqual(
      header.design.probes.map((p: { name: string }) => p.name),
      listProbes().map((p) => p.name),
    );
    assert.equal(header.design.seed, 7);
    assert.match(header.sha256, /^[0-9a-f]{64}$/);
    assert.match(header.code, /^[0-9a-f]{64}$/);
  });

  it('an audit on the set sends exactly its prompts, records its hash, and matches a run built at run time', async () => {
    const sent = lines(gunzipSync(readFileSync(set)).toString('utf8'))
      .slice(1)
      .map((l) => JSON.parse(l).text as string)
      .sort();
    const start = server.log.length;
    const out = join(dir, 'run-set');
    const r = await runCli(['audit', '--config', config, '--variants', set, '--out', out, '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /variant set set\.jsonl\.gz: \d+ variants, sha256 [0-9a-f]{16}…; not reviewed; nothing is regenerated/);
    const received = server.log
      .slice(start)
      .map((x) => x.userText)
      .sort();
    assert.deepEqual(received, sent, 'every prompt of the set, once, and nothing else');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const header = JSON.parse(lines(gunzipSync(readFileSync(set)).toString('utf8'))[0]);
    assert.deepEqual(results.variantSet, { sha256: header.sha256, file: 'set.jsonl.gz', review: null, retell: [] });
    assert.match(
      readFileSync(join(out, 'summary.md'), 'utf8'),
      new RegExp(`## Variant set\\n\\nVariants read from the variant set set\\.jsonl\\.gz; variant-set sha256 ${header.sha256}`),
    );
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), new RegExp(`<section id="variant-set">[^]*${header.sha256}`));

    const built = join(dir, 'run-built');
    assert.equal((await runCli(['audit', '--config', config, '--out', built, '--no-progress'])).code, 0);
    assert.deepEqual(
      JSON.parse(readFileSync(join(built, 'results.json'), 'utf8')).variantSet,
      { sha256: header.sha256, file: null, review: null, retell: [] },
      'same code and settings: the same hash',
    );
    const cmp = await runCli(['compare', out, built]);
    assert.equal(cmp.code, 0, cmp.stderr);
    assert.match(
      cmp.stdout,
      /^Same variant set: both runs sent identical prompts \(variant-set sha256 [0-9a-f]{16}…; A read from set\.jsonl\.gz, B built at run time\)/,
    );

    const seeded = join(dir, 'seed.yaml');
    writeFileSync(seeded, `${readFileSync(config, 'utf8')}seed: 8\n`);
    const run8 = join(dir, 'run-seed8');
    assert.equal((await runCli(['audit', '--config', seeded, '--out', run8, '--no-progress'])).code, 0);
    const cmp8 = await runCli(['compare', out, run8]);
    assert.match(cmp8.stdout, /^Different variant sets: A sent [0-9a-f]{16}… \(read from set\.jsonl\.gz\), B sent [0-9a-f]{16}… \(built at run time\)/);
  });

  /** A refused set leaves no run behind: no store, no outputs (one CLI run checks the exit code and the folder). */
  async function refusedByCli(args: string[], pattern: RegExp): Promise<void> {
    const out = join(dir, `refused-${Math.random().toString(36).slice(2)}`);
    const r = await runCli(['audit', '--config', config, ...args, '--out', out, '--no-progress']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, pattern);
    assert.match(r.stderr, /\[E_VARIANT_SET\]/);
    assert.ok(!existsSync(out) || readdirSync(out).length === 0, `nothing written to ${out}`);
  }

  /** The same refusals in process: the audit is resolved exactly as the CLI resolves it. */
  function refused(o: { variantSetFile: string; limit?: number; config?: string; allowDefective?: boolean }, pattern: RegExp, code = 'E_VARIANT_SET'): void {
    assert.throws(
      () => resolveAudit({ config: o.config ?? config, limit: o.limit, variantSetFile: o.variantSetFile, allowDefective: o.allowDefective }),
      (e: unknown) => {
        assert.ok(e instanceof MasldError);
        assert.equal(e.code, code);
        assert.equal(e.exitCode, 2);
        assert.match(e.message, pattern);
        return true;
      },
    );
  }

  it('refuses a set of other cases, an edited or truncated set, another prompt style, and files that are not sets', async () => {
    await refusedByCli(
      ['--variants', set, '--limit', '2'],
      /the set was written for other cases \(3 cases from builtin, sha256 [0-9a-f]{12}…\) than these \(2 cases/,
    );
    const text = gunzipSync(readFileSync(set)).toString('utf8');
    const edited = join(dir, 'edited.jsonl');
    const ls = lines(text);
    ls[5] = ls[5].replace(/year-old/, 'year old');
    writeFileSync(edited, `${ls.join('\n')}\n`);
    refused({ variantSetFile: edited }, /edited\.jsonl:1: sha256: the variant lines do not match the header's sha256/);
    const short = join(dir, 'short.jsonl');
    writeFileSync(short, `${lines(text).slice(0, -1).join('\n')}\n`);
    refused({ variantSetFile: short }, /short\.jsonl:1: count: the header says \d+ variants but the file has \d+/);
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, gzipSync(text).subarray(0, 4000));
    refused({ variantSetFile: cut }, /cut\.jsonl\.gz: not a readable gzip file/);
    const designEdited = join(dir, 'design.jsonl');
    const header = JSON.parse(lines(text)[0]);
    header.design.seed = 8;
    writeFileSync(designEdited, `${[JSON.stringify(header), ...lines(text).slice(1)].join('\n')}\n`);
    refused({ variantSetFile: designEdited }, /design: the header's design does not match its own hash/);
    const reasoning = join(dir, 'reasoning.yaml');
    writeFileSync(reasoning, `${readFileSync(config, 'utf8')}prompt: {style: reasoning}\n`);
    refused(
      { variantSetFile: set, config: reasoning },
      /design\.prompt: the set was written for prompt style "direct" with the default system prompt; this config asks for "reasoning"/,
    );
    refused({ variantSetFile: config }, /masld\.yaml:1: line 1 is not a variant-set header/);
    refused({ variantSetFile: join(dir, 'absent.jsonl') }, /absent\.jsonl: variant set not found/);
    refused({ variantSetFile: set, allowDefective: true }, /--allow-defective cannot add variants to a frozen set/, 'E_USAGE');
  });
});
