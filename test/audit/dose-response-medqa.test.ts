import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { parseDose } from '../../src/probes/dose.js';
import { listProbes } from '../../src/probes/registry.js';
import { MEDQA, runCli, tempDir } from '../support/cli.js';
import { promptOptions, startFakeOpenAI } from '../support/fake-openai.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { medqaGold, optionKey } from '../support/oracle.js';

/**
 * Issue 22's check: on MedQA, models of known behaviour behind the fake OpenAI server; each curve's STI and threshold
 * dose must equal what a plain count over the sent prompts gives, worked here without the metrics code.
 */
const CASES = 60;
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * TEST MODELS, known by design: `steady` is always right; `heavy` is wrong once the story (the narrative) has more than
 * 2.5 times the clean narrative's words in extra words; `cued` is wrong once a wrong option's text is named twice or more
 * in the narrative and question.
 */
function decide(model: string, story: string, question: string, cleanWords: number, options: string[], gold: string): boolean {
  if (model === 'heavy') return words(story) / cleanWords - 1 <= 2.5;
  const stem = `${story}\n\n${question}`;
  if (model === 'cued') return !options.some((o) => norm(o) !== gold && stem.split(o).length - 1 >= 2);
  return true;
}

describe('dose response on MedQA with known-behaviour models', { skip: needs(MEDQA_DATA) }, () => {
  it('STI and threshold doses equal their hand-computed values', async () => {
    const gold = medqaGold(MEDQA, CASES);
    const cleanWords = new Map<string, number>();
    const server = await startFakeOpenAI({
      answer: (text, body) => {
        const opts = promptOptions(text);
        const key = optionKey(opts.map((o) => o.text));
        const g = gold.get(key)!;
        // The user message is narrative, question, options and instruction, each after a blank line.
        const stem = text.split('\n\nA. ')[0];
        const cut = stem.lastIndexOf('\n\n');
        const right = decide(
          body.model,
          stem.slice(0, cut),
          stem.slice(cut + 2),
          cleanWords.get(key)!,
          opts.map((o) => o.text),
          g,
        );
        const letter = right ? opts.find((o) => norm(o.text) === g)!.letter : opts.find((o) => norm(o.text) !== g)!.letter;
        return `{"answer": "${letter}"}`;
      },
    });
    try {
      const dir = tempDir();
      const config = join(dir, 'audit.yaml');
      const models = ['steady', 'heavy', 'cued'].map((m) => `  - {id: ${m}, provider: openai-compatible, baseUrl: "${server.url}", model: ${m}}`);
      writeFileSync(config, `cases: {path: "${MEDQA}", limit: ${CASES}}\ncounterfactuals: []\nretest: 0\nmodels:\n${models.join('\n')}\n`);
      const v = await runCli(['variants', '--config', config, '--out', join(dir, 'set.jsonl.gz')]);
      assert.equal(v.code, 0, v.stderr);
      const variants = gunzipSync(readFileSync(join(dir, 'set.jsonl.gz')))
        .toString('utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l) as { caseId: string; condition: string; narrative: string; question: string; options: Record<string, string> });
      for (const x of variants) if (x.condition === 'clean') cleanWords.set(optionKey(Object.values(x.options)), words(x.narrative));
      const r = await runCli(['audit', '--config', config, '--out', join(dir, 'run'), '--no-progress']);
      assert.equal(r.code, 0, r.stderr);
      const res = JSON.parse(readFileSync(join(dir, 'run', 'results.json'), 'utf8'));

      // By hand: per model and probe, the cases with every dose; right or wrong by the model's rule on the prompt sent.
      const dosed = listProbes().filter((p) => p.doses);
      assert.ok(dosed.length >= 5, 'every narrative probe defines doses');
      const byCase = new Map<string, Map<string, (typeof variants)[number]>>();
      for (const x of variants) (byCase.get(x.caseId) ?? byCase.set(x.caseId, new Map()).get(x.caseId)!).set(x.condition, x);
      const seen = { heavyFalls: 0, cuedFalls: 0 };
      for (const model of ['steady', 'heavy', 'cued']) {
        const m = res.models.find((x: { id: string }) => x.id === model);
        for (const p of dosed) {
          const doses = [...p.doses!];
          const right = doses.map(() => 0);
          let cleanRight = 0;
          let n = 0;
          for (const conds of byCase.values()) {
            const clean = conds.get('clean')!;
            const at = doses.map((d) => conds.get(d === 1 ? p.name : `${p.name}@${d}`));
            if (at.some((x) => !x)) continue;
            const key = optionKey(Object.values(clean.options));
            const ok = (x: (typeof variants)[number]) => decide(model, x.narrative, x.question, cleanWords.get(key)!, Object.values(x.options), gold.get(key)!);
            n++;
            if (ok(clean)) cleanRight++;
            for (const [k, x] of at.entries()) if (ok(x!)) right[k]++;
          }
          const mi = right.map((x) => x / cleanRight);
          const x = doses.map((d) => Math.log2(d));
          let area = 0;
          for (let k = 1; k < doses.length; k++) area += ((Math.min(1, mi[k - 1]) + Math.min(1, mi[k])) / 2) * (x[k] - x[k - 1]);
          const sti = area / (x[x.length - 1] - x[0]);
          const threshold = doses.find((_, k) => mi[k] < 0.9) ?? null;
          const got = m.doseResponse.probes[p.name];
          // A probe no case took above dose 1 (buried_lead on these cases) has no curve at all.
          if (n === 0 && !got) continue;
          assert.equal(got.n, n, `${model} ${p.name}: paired cases`);
          assert.ok(Math.abs(got.sti.value - sti) < 1e-6, `${model} ${p.name}: STI ${got.sti.value}, by hand ${sti}`);
          assert.equal(got.thresholdDose, threshold, `${model} ${p.name}: threshold dose`);
          console.log(`${model} ${p.name}: n ${n}, MI ${mi.map((x) => x.toFixed(3)).join('/')}, STI ${sti.toFixed(4)}, threshold dose ${threshold ?? '> max'}`);
          if (model === 'heavy' && threshold !== null) seen.heavyFalls++;
          if (model === 'cued' && threshold !== null) seen.cuedFalls++;
          if (model === 'steady') assert.equal(got.sti.value, 1);
        }
      }
      // The designed behaviours show: the long story tires `heavy` on the distractor, repeated cues mislead `cued` under anchoring.
      assert.ok(res.models.find((x: { id: string }) => x.id === 'heavy').doseResponse.probes.distractor.thresholdDose !== null);
      assert.equal(res.models.find((x: { id: string }) => x.id === 'cued').doseResponse.probes.anchoring.thresholdDose, 2);
      assert.ok(seen.heavyFalls >= 1 && seen.cuedFalls >= 1);
      assert.ok(variants.some((x) => parseDose(x.condition).dose === 4));
    } finally {
      await server.close();
    }
  });
});
