import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promptOptions, startFakeOpenAI } from '../support/fake-openai.js';
import { MEDQA, runCli, tempDir } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { optionKey } from '../support/oracle.js';

/**
 * Fairness verdicts on MedQA against the project's fake server (a real HTTP
 * server on 127.0.0.1). Three models with a behaviour known by design, each
 * answering from the prompt text alone:
 * - `edit`: right on the case as written, wrong after any edit of its opening sentence, whoever the patient is;
 * - `female`: right, except wrong when the text tells a female patient and the case's hash puts it in a 40% share;
 * - `black`: right, except wrong whenever the opening tells a Black patient.
 */
const N = 200;
const FEMALE_SHARE = 0.4;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Raw {
  question: string;
  options: Record<string, string>;
  answer_idx: string;
  realidx?: string | number;
}
const skip = needs(MEDQA_DATA);
const raw: Raw[] = !skip
  ? readFileSync(MEDQA, 'utf8')
      .split('\n')
      .filter(Boolean)
      .slice(0, N)
      .map((l) => JSON.parse(l))
  : [];
const idKey = new Map(raw.map((r, i) => [r.realidx !== undefined ? `medqa-${r.realidx}` : `medqa-L${i + 1}`, optionKey(Object.values(r.options))]));
const byOptions = new Map(
  raw.map((r) => [optionKey(Object.values(r.options)), { gold: norm(r.options[r.answer_idx]), opening: openingSentence(norm(r.question)) }]),
);

function openingSentence(text: string): string {
  return /^[\s\S]*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
}
const inShare = (key: string) => createHash('sha256').update(key).digest()[0] / 256 < FEMALE_SHARE;

function answer(userText: string, model: string): string {
  const opts = promptOptions(userText);
  const key = optionKey(opts.map((o) => o.text));
  const c = byOptions.get(key);
  if (!c) return 'I do not know this case.';
  const gold = opts.find((o) => norm(o.text) === c.gold)!.letter;
  const wrong = opts.filter((o) => o.letter !== gold).sort((a, b) => a.text.localeCompare(b.text))[0].letter;
  const text = norm(userText);
  const opening = openingSentence(text.slice(text.search(/\b(?:A|An)\b/)));
  // The patient's sex as the text tells it: its female words outnumber its male ones (a swap turns every one of them).
  const stem = text.slice(0, text.search(/\n?A\. /) >>> 0);
  const count = (re: RegExp) => stem.match(re)?.length ?? 0;
  const told = count(/\b(she|her|hers|herself|woman|girl|female|lady)\b/gi) > count(/\b(he|him|his|himself|man|boy|male|gentleman)\b/gi) ? 'female' : 'other';
  let right = true;
  if (model === 'edit') right = text.includes(c.opening);
  else if (model === 'female') right = !(told === 'female' && inShare(key));
  else if (model === 'black') right = !/\b(Black|African[- ]American)\b/.test(opening);
  return `{"answer": "${right ? gold : wrong}"}`;
}

interface Cf {
  cfi: { value: number };
  cfiExcess: { value: number | null; ci95: [number, number] | null };
  editSensitivity: { value: number | null };
  mentionSensitivity: { value: number | null };
  disadvantaged: string | null;
  groupTestPHolm: number | null;
}
interface ModelOut {
  id: string;
  phenotype: { label: string; flags: string[]; evidence: string[] };
  counterfactuals: Record<string, Cf>;
}

describe('fairness verdicts on MedQA against the fake server', () => {
  let models: Record<string, ModelOut> = {};
  /** The designed sex cfiExcess of `female`: the share of the cases asked about sex that fall in its hash share. */
  let designedFemale = NaN;
  it('runs one audit of the three designed models', { skip }, async (tc) => {
    const server = await startFakeOpenAI({ answer: (u, b) => answer(u, b.model) });
    try {
      const dir = tempDir();
      const config = join(dir, 'audit.yaml');
      const model = (id: string) => `  - id: ${id}\n    provider: openai-compatible\n    baseUrl: ${server.url}\n    model: ${id}\n`;
      writeFileSync(
        config,
        `cases:\n  path: ${MEDQA}\n  limit: ${N}\nmodels:\n${['edit', 'female', 'black'].map(model).join('')}retest: ` +
          `0\nprobes: []\ncounterfactuals: [sex, race_ethnicity, ses]\nbootstrap:\n  resamples: 1000\n`,
      );
      const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out'), '--no-progress'], { timeoutMs: 300_000 });
      assert.equal(r.code, 0, r.stderr);
      const res = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
      assert.equal(res.schemaVersion, 7);
      models = Object.fromEntries(res.models.map((m: ModelOut) => [m.id, m]));
      const asked = new Set(
        readFileSync(join(dir, 'out', 'results.csv'), 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('female,') && l.includes(',clean,sex,'))
          .map((l) => l.split(',')[2]),
      );
      designedFemale = [...asked].filter((id) => inShare(idKey.get(id)!)).length / asked.size;
      tc.diagnostic(`female: designed sex cfiExcess ${designedFemale.toFixed(4)} over ${asked.size} cases`);
      for (const m of res.models as ModelOut[])
        for (const [a, c] of Object.entries(m.counterfactuals)) {
          tc.diagnostic(
            `${m.id} ${a}: CFI ${c.cfi.value}, cfiExcess ${c.cfiExcess.value} ${JSON.stringify(c.cfiExcess.ci95)}, ` +
              `edit ${c.editSensitivity.value}, mention ${c.mentionSensitivity.value}, Holm p ${c.groupTestPHolm}, ` +
              `disadvantaged ${c.disadvantaged}`,
          );
        }
    } finally {
      await server.close();
    }
  });

  it('a model that breaks on any edit is biased on no attribute; its edit and mention sensitivity are shown', { skip }, () => {
    const m = models.edit;
    assert.ok(!m.phenotype.flags.includes('biased'), JSON.stringify(m.phenotype));
    for (const [a, c] of Object.entries(m.counterfactuals)) {
      assert.equal(c.disadvantaged, null, a);
      assert.ok(c.cfiExcess.value! < 0.05, `${a}: cfiExcess ${c.cfiExcess.value}`);
    }
    // Sex and race are edited in the opening sentence, the neutral edit with them; the SES sentences come after it.
    for (const a of ['sex', 'race_ethnicity'])
      assert.ok(m.counterfactuals[a].editSensitivity.value! > 0.9, `${a}: edit sensitivity ${m.counterfactuals[a].editSensitivity.value}`);
    assert.equal(m.counterfactuals.ses.editSensitivity.value, 0);
    assert.notEqual(m.counterfactuals.race_ethnicity.mentionSensitivity.value, null);
    assert.notEqual(m.counterfactuals.ses.mentionSensitivity.value, null);
  });

  it('a model wrong when the patient is female (in a 40% share of cases) is biased against female, cfiExcess at its designed value', { skip }, () => {
    const m = models.female;
    assert.ok(m.phenotype.flags.includes('biased'), JSON.stringify(m.phenotype));
    const sex = m.counterfactuals.sex;
    assert.equal(sex.disadvantaged, 'female');
    assert.ok(Math.abs(sex.cfiExcess.value! - designedFemale) < 0.01, `sex cfiExcess ${sex.cfiExcess.value}, designed ${designedFemale}`);
    assert.ok(sex.cfiExcess.ci95![0] > 0, 'its interval excludes 0');
    assert.equal(sex.editSensitivity.value, 0);
    for (const a of ['race_ethnicity', 'ses']) assert.equal(m.counterfactuals[a].disadvantaged, null, a);
    assert.ok(!m.phenotype.evidence.some((e) => /groups of (race_ethnicity|ses)/.test(e)), m.phenotype.evidence.join(' '));
  });

  it('a model biased against one named race group names that group, and only on race', { skip }, () => {
    const m = models.black;
    assert.ok(m.phenotype.flags.includes('biased'), JSON.stringify(m.phenotype));
    assert.equal(m.counterfactuals.race_ethnicity.disadvantaged, 'black');
    assert.ok(m.phenotype.evidence.some((e) => e.startsWith('biased: the groups of race_ethnicity')));
    for (const a of ['sex', 'ses']) assert.equal(m.counterfactuals[a].disadvantaged, null, a);
  });
});
