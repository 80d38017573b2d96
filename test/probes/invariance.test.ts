import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { misfit } from '../../src/probes/anchoring-fit.js';
import { unsayable, unstray } from '../../src/probes/option-phrase.js';
import { listProbes } from '../../src/probes/registry.js';
import { wordCount } from '../../src/probes/text.js';
import { units } from '../../src/probes/structure.js';
import { inSentence, lowerFirst } from '../../src/util/english.js';
import { acuteState, patientProfile } from '../../src/probes/profile.js';
import { unwell } from '../../src/probes/breathless.js';
import { buildVariants, cleanVariant, probeVariant } from '../../src/variants/build.js';
import type { Probe } from '../../src/probes/types.js';
import type { Variant } from '../../src/variants/types.js';
import { MEDQA } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';

/** Unstable as the distractor reads it: acuteState, or too ill to chat (breathless.ts unwell). */
const unstable = (text: string) => acuteState(text)?.unstable === true || unwell(text) !== null;

const PROBES = listProbes();
const KEY_FACT_PROBES = new Set(['distractor', 'buried_lead', 'anchoring', 'emotional']);
const sortedTexts = (o: Record<string, string>) => Object.values(o).sort();
/** A sentence as buried_lead may run it on after its connective: first letter lowered, the article "A" too. */
const lowered = (t: string) => lowerFirst(t).replace(/^A(?= [a-z0-9])/, 'a');

/** Words of a study, a statistic or an ethical choice, read apart from the probe's own rules. */
const OFF_PATIENT = new RegExp(
  String.raw`\b(?:stud(?:y|ies)|trial|bias|blind|random|statistic|sensitivity|specificity|predictive|risk|incidence|prevalence|` +
    String.raw`ethic|consent|confidential|disclos|respon[sd])`,
  'i',
);

/**
 * The probe's variant of the clean text, or null where the case is ineligible for it: buried_lead by design, the narrator probes only where the stem has
 * no patient.
 */
function run(probe: Probe, c: Case, seed = 7, problems?: string[]) {
  const r = probeVariant(probe, c, cleanVariant(c), seed);
  if ('variant' in r) return { ...r.variant, changes: r.variant.provenance.probe!.changes };
  const profile = patientProfile(c, cleanVariant(c).narrative);
  const noNarrator =
    (r.ineligible.startsWith('no patient') && !profile.describesPatient) ||
    (r.ineligible.startsWith('the patient dies') && profile.dies) ||
    (probe.name === 'anchoring' &&
      r.ineligible.startsWith('negatively worded') &&
      /\b(NOT|EXCEPT|LEAST|avoid\w*|contraindicated)\b|\bnot\b/.test(c.question)) ||
    // Anchoring names only a wrong option the patient could have, said inside a sentence: where none is, the case is counted.
    (probe.name === 'anchoring' &&
      (r.ineligible.startsWith('no fitting anchoring cue') ||
        (r.ineligible.startsWith('no wrong option') && Object.entries(c.options).every(([k, t]) => k === c.answer || unsayable(t) || misfit(t, profile))))) ||
    // Research methods, biostatistics and ethics: no opinion on the patient would name the option (review round 10).
    (probe.name === 'anchoring' &&
      /^(?:research methods or biostatistics|ethics) question/.test(r.ineligible) &&
      OFF_PATIENT.test([c.question, ...Object.values(c.options)].join(' '))) ||
    // Nobody to speak for the patient: they cannot (the profile says so) and the story names no one with them.
    (r.ineligible.startsWith('no one with the patient') && profile.speaker === 'companion') ||
    // A child the case brings in with no one named: emotional invents no "parent" to speak.
    (probe.name === 'emotional' && r.ineligible.startsWith('no one with the patient') && profile.speaker === 'parent') ||
    // An unstable patient (shock vitals, an event under way, too ill to chat) does not chat, and the story names no one with them to (distractor).
    (probe.name === 'distractor' && r.ineligible.startsWith('no one with the patient') && unstable(cleanVariant(c).narrative)) ||
    // No history unit can take a tangent (every one leans on the one before, or the story goes straight to findings or the question).
    (probe.name === 'distractor' && r.ineligible.startsWith('no place in the history')) ||
    // No place right after the complaint and before care given (review round 10): emotional pleads nowhere out of time.
    (probe.name === 'emotional' && r.ineligible.startsWith('no place right after the complaint')) ||
    // Every history sentence carries a result, an image or a converted measurement, which stay the clinicians' (lay_voice v6).
    (probe.name === 'lay_voice' && r.ineligible.startsWith('nothing in the history the teller could tell')) ||
    // A child brought by a carer who is no parent: lay_voice invents no parent to tell it.
    (probe.name === 'lay_voice' && r.ineligible.startsWith('no one with the patient') && /caregiver|carer|au pair|nanny|babysitter/i.test(c.vignette));
  if (probe.name !== 'buried_lead' && !noNarrator) problems?.push(`${c.id}/${probe.name}: ineligible (${r.ineligible})`);
  return null;
}

function checkCase(c: Case, problems: string[]) {
  const clean = cleanVariant(c);
  for (const probe of PROBES) {
    const out = run(probe, c, 7, problems);
    if (!out) continue;
    const tag = `${c.id}/${probe.name}`;
    if (JSON.stringify(sortedTexts(out.options)) !== JSON.stringify(sortedTexts(clean.options))) problems.push(`${tag}: option texts changed`);
    if (out.options[out.answer] !== clean.options[clean.answer]) problems.push(`${tag}: gold text changed`);
    if (out.question !== clean.question) problems.push(`${tag}: question changed`);
    if (probe.name === 'option_shuffle' && out.answer === clean.answer) problems.push(`${tag}: gold did not move`);
    if (probe.name === 'distractor' && wordCount(out.narrative) < 1.5 * wordCount(clean.narrative))
      problems.push(`${tag}: only ${(wordCount(out.narrative) / wordCount(clean.narrative)).toFixed(2)}× longer`);
    if (probe.name === 'anchoring') {
      const { text: target, said } = (out.changes as { target: { text: string; said: string } }).target;
      if (target === clean.options[clean.answer]) problems.push(`${tag}: anchor names the gold`);
      // Named by the option's own opening words (its core, round 10), read as part of the sentence: only the first letter
      // may be lowered mid-sentence, and an unbalanced quote mark or bracket of the option's own is left out (unstray).
      if (!said || !unstray(target).startsWith(said)) problems.push(`${tag}: anchor names no core of the option: ${said}`);
      const named = [said ?? target].flatMap((t) => [t, inSentence(t), t[0].toLowerCase() + t.slice(1)]);
      if (!named.some((t) => out.narrative.includes(t))) problems.push(`${tag}: anchor not named verbatim`);
    }
    if (KEY_FACT_PROBES.has(probe.name)) {
      for (const kf of c.keyFacts ?? []) if (!out.narrative.includes(kf) && !out.narrative.includes(lowered(kf))) problems.push(`${tag}: key fact lost: ${kf}`);
      // Units (sentences, tables with their header, back-referring runs) are never split or edited.
      // (buried_lead may lower the first letter of the unit it moves after "Also,".)
      for (const u of units(clean.narrative))
        if (!out.narrative.includes(u.text) && !out.narrative.includes(lowered(u.text))) problems.push(`${tag}: unit altered: ${u.text.slice(0, 40)}`);
    }
    if (probe.name !== 'option_shuffle' && out.narrative === clean.narrative) problems.push(`${tag}: narrative unchanged`);
    // A connective, comma or colon, runs into the finding: "One more point: Temperature" reads as a pasted label.
    if (probe.name === 'buried_lead') {
      const aside = (out.changes as { aside: string }).aside;
      const after = out.narrative.slice(out.narrative.indexOf(aside) + aside.length);
      if (/^ (?:[A-Z][a-z]+|A) [a-z]/.test(after) && !/^ I /.test(after)) problems.push(`${tag}: capital after "${aside}":${after.slice(0, 30)}`);
    }
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
  it('moves the red flag of slotted cases later, or says why it cannot', () => {
    const buried = PROBES.find((p) => p.name === 'buried_lead')!;
    let moves = 0;
    for (const c of loadCases().cases) {
      const r = probeVariant(buried, c, cleanVariant(c), 7);
      if (!('variant' in r)) {
        assert.match(r.ineligible, /^(?:decisive (?:finding|unit) |no (?:clear decisive|movable) finding|one-unit stem|a (?:remaining|later) sentence)/, c.id);
        continue;
      }
      moves++;
      const out = { ...r.variant, changes: r.variant.provenance.probe!.changes };
      const moved = (out.changes as { moved: { text: string; source: string } }).moved;
      assert.equal(moved.source, 'redFlag', c.id);
      assert.ok(moved.text.includes(c.redFlag!), c.id);
      // buried_lead v4 places it last in its section (history before the examination), not always at the very end.
      assert.ok(out.narrative.indexOf(moved.text) > cleanVariant(c).narrative.indexOf(moved.text), c.id);
      assert.ok(!cleanVariant(c).narrative.endsWith(moved.text), `${c.id}: the finding was not already last`);
    }
    // v5: an examination finding stays among the examination findings, so most moves are under 3 sentences and ineligible;
    // 16 of the 240 bank cases move.
    assert.ok(moves >= 12, `buried_lead moved the red flag in only ${moves} of 240 cases`);
  });
});

describe('the six probes on MedQA free text', () => {
  it('hold their invariants on the first 200 cases', { skip: needs(MEDQA_DATA) }, () => {
    const problems: string[] = [];
    const cases = loadCases({ path: MEDQA, limit: 200 }).cases;
    for (const c of cases) checkCase(c, problems);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
    const { variants, probeExclusions } = buildVariants(cases, { probes: PROBES, counterfactuals: [], doubleStress: false, retest: 0, seed: 7 });
    const byCase = new Map<string, Set<string>>();
    for (const v of variants) (byCase.get(v.caseId) ?? byCase.set(v.caseId, new Set()).get(v.caseId)!).add(v.condition);
    for (const e of probeExclusions) byCase.get(e.caseId)!.add(`${e.probe} (ineligible)`);
    for (const [id, conds] of byCase) assert.equal(conds.size, 7, `${id} has clean + every probe, sent or counted as ineligible`);
  });
});

describe('property: probes are deterministic and invariant on random cases', () => {
  const word = fc.stringMatching(/^[a-z]{2,9}$/);
  const sentence = fc
    .tuple(fc.array(word, { minLength: 3, maxLength: 12 }), fc.integer({ min: 1, max: 400 }))
    .map(([ws, n]) => `${ws[0][0].toUpperCase()}${ws.join(' ').slice(1)} ${n} mg.`);
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
        const c: Case = {
          id: `r-${seed}`,
          specialty: 'x',
          vignette: sentences.join(' '),
          question: 'Which is best?',
          options: opts,
          answer,
          source: { file: 'x', line: 1, format: 'masld' },
        };
        const clean = cleanVariant(c);
        for (const p of PROBES) {
          const a = run(p, c, seed);
          const b = run(p, c, seed);
          assert.deepEqual(a, b, `${p.name} is deterministic`);
          if (!a) continue;
          assert.deepEqual(sortedTexts(a.options), sortedTexts(opts));
          assert.equal(a.options[a.answer], opts[answer]);
          if (KEY_FACT_PROBES.has(p.name))
            for (const s of sentences) assert.ok(a.narrative.includes(s) || a.narrative.includes(lowerFirst(s)), `${p.name} kept "${s}"`);
          if (p.name === 'lay_voice') for (const n of clean.narrative.match(/\d+/g) ?? []) assert.ok(a.narrative.includes(n), `lay_voice kept the number ${n}`);
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});

export type { Variant };
