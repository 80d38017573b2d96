import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { listProbes } from '../../src/probes/registry.js';
import { wordCount, splitSentences } from '../../src/probes/sentences.js';
import { buildVariants, cleanVariant } from '../../src/variants/build.js';
import type { Variant } from '../../src/variants/types.js';
import { MEDQA } from '../support/cli.js';

const PROBES = listProbes();
const KEY_FACT_PROBES = new Set(['distractor', 'buried_lead', 'anchoring', 'emotional']);
const sortedTexts = (o: Record<string, string>) => Object.values(o).sort();

function checkCase(c: Case, problems: string[]) {
  const clean = cleanVariant(c);
  for (const probe of PROBES) {
    const out = probe.apply({ case: c, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer }, 7);
    const tag = `${c.id}/${probe.name}`;
    if (JSON.stringify(sortedTexts(out.options)) !== JSON.stringify(sortedTexts(clean.options))) problems.push(`${tag}: option texts changed`);
    if (out.options[out.answer] !== clean.options[clean.answer]) problems.push(`${tag}: gold text changed`);
    if (out.question !== clean.question) problems.push(`${tag}: question changed`);
    if (probe.name === 'option_shuffle' && out.answer === clean.answer) problems.push(`${tag}: gold did not move`);
    if (probe.name === 'distractor' && wordCount(out.narrative) < 1.5 * wordCount(clean.narrative)) problems.push(`${tag}: only ${(wordCount(out.narrative) / wordCount(clean.narrative)).toFixed(2)}× longer`);
    if (probe.name === 'anchoring') {
      const target = (out.changes as { target: { text: string } }).target.text;
      if (target === clean.options[clean.answer]) problems.push(`${tag}: anchor names the gold`);
      if (!out.narrative.includes(`"${target}"`)) problems.push(`${tag}: anchor not named verbatim`);
    }
    if (KEY_FACT_PROBES.has(probe.name)) {
      for (const kf of c.keyFacts ?? []) if (!out.narrative.includes(kf)) problems.push(`${tag}: key fact lost: ${kf}`);
      for (const s of splitSentences(clean.narrative).sentences) if (!out.narrative.includes(s)) problems.push(`${tag}: sentence altered: ${s.slice(0, 40)}`);
    }
    if (probe.name !== 'option_shuffle' && out.narrative === clean.narrative) problems.push(`${tag}: narrative unchanged`);
  }
}

describe('the six probes on the built-in bank', () => {
  it('keep options, gold, question and key facts; distractor ≥1.5×; anchors name a wrong option', () => {
    const problems: string[] = [];
    const cases = loadCases().cases;
    for (const c of cases) checkCase(c, problems);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
    assert.equal(PROBES.map((p) => p.name).join(','), 'distractor,buried_lead,lay_voice,anchoring,emotional,option_shuffle');
  });
  it('yields byte-identical variants for the same config', () => {
    const cases = loadCases({ limit: 30 }).cases;
    const opts = { probes: PROBES, counterfactuals: ['sex', 'race_ethnicity', 'ses'] as const, doubleStress: true, retest: 1, seed: 11 };
    const a = JSON.stringify(buildVariants(cases, { ...opts, counterfactuals: [...opts.counterfactuals] }));
    const b = JSON.stringify(buildVariants(cases, { ...opts, counterfactuals: [...opts.counterfactuals] }));
    assert.equal(a, b);
    const other = JSON.stringify(buildVariants(cases, { ...opts, counterfactuals: [...opts.counterfactuals], seed: 12 }));
    assert.notEqual(a, other, 'the seed matters');
  });
  it('moves the red flag of slotted cases to the closing aside', () => {
    for (const c of loadCases({ limit: 40 }).cases) {
      const clean = cleanVariant(c);
      const out = PROBES.find((p) => p.name === 'buried_lead')!.apply({ case: c, ...clean }, 7);
      const moved = (out.changes as { moved: { text: string; source: string } }).moved;
      assert.equal(moved.source, 'redFlag', c.id);
      assert.ok(moved.text.includes(c.redFlag!), c.id);
      assert.ok(out.narrative.endsWith(moved.text), c.id);
    }
  });
});

describe('the six probes on MedQA free text', { skip: !existsSync(MEDQA) && 'MedQA file absent (../shared/data)' }, () => {
  it('hold their invariants on the first 200 cases', () => {
    const problems: string[] = [];
    const cases = loadCases({ path: MEDQA, limit: 200 }).cases;
    for (const c of cases) checkCase(c, problems);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
    const { variants } = buildVariants(cases, { probes: PROBES, counterfactuals: [], doubleStress: false, retest: 0, seed: 7 });
    const byCase = new Map<string, Set<string>>();
    for (const v of variants) (byCase.get(v.caseId) ?? byCase.set(v.caseId, new Set()).get(v.caseId)!).add(v.condition);
    for (const [id, conds] of byCase) assert.equal(conds.size, 7, `${id} has clean + all six probes`);
  });
});

describe('property: probes are deterministic and invariant on random cases', () => {
  const word = fc.stringMatching(/^[a-z]{2,9}$/);
  const sentence = fc.tuple(fc.array(word, { minLength: 3, maxLength: 12 }), fc.integer({ min: 1, max: 400 })).map(([ws, n]) => `${ws[0][0].toUpperCase()}${ws.join(' ').slice(1)} ${n} mg.`);
  const caseArb = fc.record({
    sentences: fc.array(sentence, { minLength: 1, maxLength: 9 }),
    options: fc.uniqueArray(fc.stringMatching(/^[A-Z][a-z]{3,12}( [a-z]{3,8})?$/), { minLength: 2, maxLength: 6, selector: (s) => s.toLowerCase() }),
    answerIndex: fc.nat(),
    seed: fc.integer(),
  });
  it('holds for 200 random cases', () => {
    fc.assert(
      fc.property(caseArb, ({ sentences, options, answerIndex, seed }) => {
        const letters = 'ABCDEF'.slice(0, options.length).split('');
        const opts = Object.fromEntries(letters.map((l, i) => [l, options[i]]));
        const answer = letters[answerIndex % letters.length];
        const c: Case = { id: `r-${seed}`, specialty: 'x', vignette: sentences.join(' '), question: 'Which is best?', options: opts, answer, source: { file: 'x', line: 1, format: 'masld' } };
        const clean = cleanVariant(c);
        for (const p of PROBES) {
          const a = p.apply({ case: c, ...clean }, seed);
          const b = p.apply({ case: c, ...clean }, seed);
          assert.deepEqual(a, b, `${p.name} is deterministic`);
          assert.deepEqual(sortedTexts(a.options), sortedTexts(opts));
          assert.equal(a.options[a.answer], opts[answer]);
          if (KEY_FACT_PROBES.has(p.name)) for (const s of sentences) assert.ok(a.narrative.includes(s), `${p.name} kept "${s}"`);
          if (p.name === 'lay_voice') for (const n of clean.narrative.match(/\d+/g) ?? []) assert.ok(a.narrative.includes(n), `lay_voice kept the number ${n}`);
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});

export type { Variant };
