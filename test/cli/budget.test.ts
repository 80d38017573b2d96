import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { runCli, tempDir } from '../support/cli.js';
import { startFakeOpenAI } from '../support/fake-openai.js';
import { writeMedqaFixture } from '../support/fixtures.js';

const CASES = 8;
// About 500 output tokens a reply, where the dry run assumes 60: the spend outruns the estimate.
const LONG_REPLY = `${'reasoning '.repeat(200)}{"answer": "A"}`;

function config(dir: string, url: string): string {
  const file = join(dir, 'audit.yaml');
  writeFileSync(
    file,
    `cases:\n  path: ${writeMedqaFixture(dir)}\n  limit: ${CASES}\nmodels:\n  - id: priced\n    provider: ` +
      `openai-compatible\n    baseUrl: ${url}\n    model: priced\n    price: {inputPerMTok: 1000, outputPerMTok: ` +
      `1000}\nretest: 0\nprobes: []\ncounterfactuals: []\nconcurrency: 1\n`,
  );
  return file;
}

const storedSpend = (out: string) => {
  const db = new Database(join(out, 'audit.sqlite'), { readonly: true });
  try {
    const r = db.prepare(`SELECT count(*) AS n, SUM(input_tokens) AS i, SUM(output_tokens) AS o FROM calls WHERE status = 'ok'`).get() as {
      n: number;
      i: number;
      o: number;
    };
    return { calls: r.n, usd: ((r.i ?? 0) + (r.o ?? 0)) / 1000 };
  } finally {
    db.close();
  }
};

describe('masld audit --budget', () => {
  it('refuses a plan over the budget, stops before the spend crosses it, and resumes with a larger one', async () => {
    const server = await startFakeOpenAI({ answer: () => LONG_REPLY });
    try {
      const dir = tempDir();
      const cfg = config(dir, server.url);
      const out = join(dir, 'out');

      const refused = await runCli(['audit', '--config', cfg, '--out', out, '--budget', '0.01', '--no-progress']);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /E_BUDGET|estimated at \$[\d.]+/);
      assert.match(refused.stderr, /over the budget of \$0\.01/);
      assert.equal(server.requests, 0, 'nothing was called');
      assert.ok(!existsSync(join(out, 'audit.sqlite')), 'a refused plan leaves no run behind');

      const dry = await runCli(['audit', '--config', cfg, '--dry-run']);
      assert.equal(dry.code, 0, dry.stderr);
      const estimate = Number(/priced\s+TOTAL\s+live\s+\d+\s+[\d,]+\s+[\d,]+\s+\$([\d.]+)/.exec(dry.stdout)?.[1]);
      assert.ok(estimate > 0, dry.stdout);

      // Enough for the estimate, not for the long replies.
      const budget = estimate * 1.05;
      const stopped = await runCli(['audit', '--config', cfg, '--out', out, '--budget', budget.toFixed(2)]);
      assert.equal(stopped.code, 3, stopped.stderr);
      const said = Number(/stopped at the budget: \$([\d.]+) spent/.exec(stopped.stderr)?.[1]);
      const spend = storedSpend(out);
      assert.ok(spend.calls > 0 && spend.calls < CASES, `some calls were made, not all (${spend.calls})`);
      assert.ok(Math.abs(said - spend.usd) < 1e-3, `the message gives the spend so far (${said} vs ${spend.usd})`);
      assert.ok(spend.usd <= Number(budget.toFixed(2)), `the spend stayed within the budget (${spend.usd} of ${budget})`);
      assert.match(stopped.stderr, /\$[\d.]+ spent/, 'progress shows the spend');
      assert.ok(!existsSync(join(out, 'results.json')), 'a partial run writes no result');
      assert.equal(server.requests, spend.calls);

      const resumed = await runCli(['audit', '--config', cfg, '--out', out, '--budget', (budget * 20).toFixed(2), '--no-progress']);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal(server.requests, CASES, 'the resume made only the calls left');
      const res = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      const m = res.models[0];
      assert.equal(m.usage.price.source, 'config');
      assert.equal(m.usage.byMode.live.calls, CASES);
      assert.equal(m.usage.byCondition.clean.calls, CASES);
      assert.ok(Math.abs(m.usage.cost - storedSpend(out).usd) < 1e-6);
      assert.equal(res.cost.total, m.usage.cost);
      assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /## Cost/);
    } finally {
      await server.close();
    }
  });
});
