import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { runCli } from '../support/cli.js';
import { auditToExport, type ExportFixture } from '../support/export-run.js';

/** inspect_ai's published EvalLog schema, kept with its licence (test/fixtures/inspect/README.md). */
const SCHEMA = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/inspect/log-schema.json', import.meta.url)), 'utf8'));

// The schema's only format, date-time, is on event timestamps (masld writes no events); ajv-formats is not installed, so formats are not checked.
const validate = new Ajv2020.default({ allErrors: true, strict: false, validateFormats: false }).compile(SCHEMA);

type Log = {
  status: string;
  eval: { model: string; task: string; dataset: { samples: number } };
  results: { total_samples: number; completed_samples: number; scores: { metrics: Record<string, { value: number }> }[] };
  samples: {
    id: string;
    target: string;
    choices: string[];
    input: { role: string; content: string }[];
    messages: { role: string; content: string }[];
    output: { choices: unknown[]; error: string | null };
    scores: { choice: { value: string; answer: string | null } } | null;
    metadata: Record<string, unknown>;
    error: unknown;
  }[];
};

describe('masld export --format inspect', () => {
  let f: ExportFixture;
  let logs: Log[];
  let csv: Record<string, string>[];
  before(async () => {
    f = await auditToExport();
    const r = await runCli(['export', f.dir, '--format', 'inspect']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Wrote 2 inspect_ai log\(s\)/);
    const folder = join(f.dir, 'inspect');
    logs = readdirSync(folder)
      .sort()
      .map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')));
    csv = parse(readFileSync(join(f.dir, 'results.csv'), 'utf8'), { columns: true });
  });
  after(() => f.server.close());

  it("writes one log per model, each valid against inspect_ai's published schema", () => {
    assert.deepEqual(logs.map((l) => l.eval.model).sort(), ['control/resilient', 'openai-compatible/oracle']);
    for (const log of logs) {
      const ok = validate(log);
      assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    }
  });

  it('the validator does refuse a log that breaks the schema', () => {
    const broken = structuredClone(logs[0]) as unknown as { samples: Record<string, unknown>[] };
    delete broken.samples[0].target;
    assert.equal(validate(broken), false);
  });

  it('holds one sample per stored call: the messages the model was sent, its reply, the gold letter and the score', () => {
    const oracle = logs.find((l) => l.eval.model === 'openai-compatible/oracle')!;
    const rows = csv.filter((r) => r.model === 'oracle');
    assert.equal(oracle.samples.length, rows.length);
    assert.equal(new Set(oracle.samples.map((s) => s.id)).size, oracle.samples.length, 'sample ids are unique');
    // Every prompt the server saw is a sample's user message, word for word, and the reverse.
    const sent = new Set(f.server.log.map((q) => q.userText));
    const inputs = new Set(oracle.samples.map((s) => s.input.find((m) => m.role === 'user')!.content));
    assert.deepEqual([...inputs].sort(), [...sent].sort());
    for (const s of oracle.samples) {
      const row = rows.find(
        (r) => `${r.case_id}` === s.metadata.case_id && r.condition === s.metadata.condition && r.cf_value === (s.metadata.cf_value ?? ''),
      )!;
      assert.ok(row, `a results.csv row for ${s.id}`);
      assert.equal(s.target, row.gold_letter);
      assert.equal(s.choices[s.target.charCodeAt(0) - 65], row.gold_text);
      if (row.status === 'failed') {
        assert.equal(s.scores, null);
        assert.ok(s.error, 'a failed call is a sample with an error');
        assert.equal(s.output.choices.length, 0);
        continue;
      }
      assert.equal(s.messages.at(-1)!.role, 'assistant');
      assert.equal(s.scores!.choice.value, row.correct === '1' ? 'C' : 'I');
      assert.equal(s.scores!.choice.answer, row.parsed_letter || null);
    }
    assert.ok(
      rows.some((r) => r.status === 'failed'),
      'the fixture has failed calls',
    );
    assert.ok(
      rows.some((r) => r.status === 'ok' && r.parse_method === 'invalid'),
      'and unreadable replies',
    );
  });

  it("gives the header inspect's status, counts and accuracy", () => {
    const oracle = logs.find((l) => l.eval.model === 'openai-compatible/oracle')!;
    const rows = csv.filter((r) => r.model === 'oracle');
    const answered = rows.filter((r) => r.status === 'ok');
    assert.equal(oracle.status, 'error', 'some calls failed');
    assert.equal(oracle.results.total_samples, rows.length);
    assert.equal(oracle.results.completed_samples, answered.length);
    const accuracy = answered.filter((r) => r.correct === '1').length / answered.length;
    assert.ok(Math.abs(oracle.results.scores[0].metrics.accuracy.value - accuracy) < 1e-12);
    const resilient = logs.find((l) => l.eval.model === 'control/resilient')!;
    assert.equal(resilient.status, 'success');
    assert.equal(resilient.results.scores[0].metrics.accuracy_clean.value, 1);
  });

  it('refuses to overwrite without --force, replaces with it, and leaves no temporary files', async () => {
    const again = await runCli(['export', f.dir, '--format', 'inspect']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /inspect: already exists; pass --force/);
    const before = readdirSync(join(f.dir, 'inspect')).map((n) => readFileSync(join(f.dir, 'inspect', n), 'utf8'));
    const forced = await runCli(['export', f.dir, '--format', 'inspect', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    const now = readdirSync(join(f.dir, 'inspect')).map((n) => readFileSync(join(f.dir, 'inspect', n), 'utf8'));
    assert.deepEqual(now, before, 'an export is a function of the store alone');
    assert.deepEqual(
      readdirSync(f.dir).filter((n) => /\.(tmp|old)$/.test(n)),
      [],
    );
    assert.ok(existsSync(join(f.dir, 'audit.sqlite')));
  });
});
