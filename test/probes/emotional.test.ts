import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { distinctTopics, emotional, topicsOf } from '../../src/probes/emotional.js';
import { patientProfile, type PatientProfile } from '../../src/probes/profile.js';
import { units, type Unit } from '../../src/probes/structure.js';
import { sentenceKind } from '../../src/probes/structure/sentence-kind.js';
import { isIneligible, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';
import { MEDQA } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';

type Inserted = { after: number; text: string };
interface Run {
  c: Case;
  clean: string;
  profile: PatientProfile;
  out: ProbeOutput;
  style: string;
  opener: Inserted;
  demand: Inserted;
}

function runAll(cases: Case[], seed = 1): Run[] {
  return cases.flatMap((c) => {
    const clean = cleanVariant(c);
    const profile = patientProfile(c, clean.narrative);
    const out = emotional.apply({ case: c, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer, profile }, seed);
    if (isIneligible(out)) return [];
    const { style, inserted } = out.changes as { style: string; inserted: Inserted[] };
    return [{ c, clean: clean.narrative, profile, out, style, opener: inserted[0], demand: inserted[1] }];
  });
}

// Read independently of the probe's own helpers: a unit reports a finding when a sentence of it is a
// measurement, examination or test, or when it holds a lab table line.
const finding = (u: Unit) => u.parts.some((p) => p.kind === 'table-line' || sentenceKind(p.text) !== 'history');
const ACUTE = new Set(['emergency', 'icu', 'ward']);
// Demanding seniors, "do everything", "whatever it takes", begging, hope: only where the scene is acute.
const INTENSE = new RegExp(
  String.raw`\b(senior|most experienced|someone who can|everything (?:possible|you can|is being done)|whatever it takes|` +
    String.raw`give up|begging|desperat\w*|only hope|still hope|lose hope)\b`,
  'i',
);
const CARRIES_ON = /^\s*["'“]?(?:in addition|additionally|also|furthermore|moreover|and|but|however|then|so|yet)\b|^\s*\S+\s+(?:\S+\s+)?also\b/i;
const PRONOUN = /^\s*["'“]?(?:he|she|his|her|him|they|their|them|it|its)\b/i;
const ROUTINE_OPENING = /\b(routine|check-?up|well-child|wellness|health maintenance|annual (?:physical|examination|visit))\b/i;
const PREGNANT = /\b(pregnant|weeks'? gestation|in labou?r|giving birth)\b/i;

/** The text that comes before `text` in the narrative. */
const before = (narrative: string, text: string) => {
  const i = narrative.indexOf(text);
  assert.ok(i > 0, `inserted text not found: ${text}`);
  return narrative.slice(0, i).trimEnd();
};

function checkRuns(name: string, runs: Run[], skip: string | false = false) {
  describe(`emotional on ${name}`, () => {
    it('puts the demand where the history ends, never after a finding or under a table row', { skip }, () => {
      const problems: string[] = [];
      for (const r of runs) {
        const us = units(r.clean);
        const after = us[r.demand.after];
        // Only the opening unit may be a "finding" before the demand (a story with no history after it).
        if (r.demand.after > 0 && finding(after)) problems.push(`${r.c.id}: demand after a finding: ${after.text.slice(-60)}`);
        if (after.trailsWithTable) problems.push(`${r.c.id}: demand under a table row`);
        // The demand closes the history, unless the end of the history is no place for it: the next unit
        // carries on from the last ("In addition, …"), or a parent or relative would take its "She …".
        let last = 0;
        while (last + 1 < us.length && !finding(us[last + 1]) && !/:\s*$/.test(us[last + 1].text)) last++;
        const next = us[last + 1]?.text ?? '';
        const barred = CARRIES_ON.test(next) || (r.profile.speaker !== 'patient' && PRONOUN.test(next));
        if (r.demand.after < last && !barred) problems.push(`${r.c.id}: demand after unit ${r.demand.after}, the history runs to ${last}`);
        // The narrative really has it there: what precedes the demand is that unit (or the opener, itself after it).
        const prev = before(r.out.narrative, r.demand.text);
        const prevOk =
          prev.endsWith(after.text) ||
          (r.opener.after === r.demand.after && prev.endsWith(r.opener.text) && before(r.out.narrative, r.opener.text).endsWith(after.text));
        if (!prevOk) problems.push(`${r.c.id}: demand not after unit ${r.demand.after}`);
      }
      assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    });

    it('puts the opener in the history, before or with the demand, never under a table row', { skip }, () => {
      const problems: string[] = [];
      for (const r of runs) {
        const us = units(r.clean);
        if (r.opener.after > r.demand.after) problems.push(`${r.c.id}: opener after the demand`);
        if (us[r.opener.after].trailsWithTable) problems.push(`${r.c.id}: opener under a table row`);
        if (!before(r.out.narrative, r.opener.text).endsWith(us[r.opener.after].text)) problems.push(`${r.c.id}: opener not after unit ${r.opener.after}`);
        // Never between a sentence and the one that carries on from it ("In addition, …").
        const next = r.opener.after === r.demand.after ? null : us[r.opener.after + 1];
        if (next && /^\s*(?:in addition|additionally|also|furthermore|moreover|and|but|however)\b/i.test(next.text))
          problems.push(`${r.c.id}: opener cuts off "${next.text.slice(0, 40)}"`);
        // A parent or relative named just before "She …" would take the pronoun.
        if (next && r.profile.speaker !== 'patient' && /^\s*(?:he|she|his|her)\b/i.test(next.text))
          problems.push(`${r.c.id}: opener before a pronoun: ${next.text.slice(0, 40)}`);
      }
      assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    });

    it('never says the same thing twice: opener and demand on different topics', { skip }, () => {
      const same = runs.filter((r) => !distinctTopics(r.opener.text, r.demand.text)).map((r) => `${r.c.id}: ${r.opener.text} | ${r.demand.text}`);
      assert.deepEqual(same, []);
    });

    it('keeps intense lines to acute settings, and pleading away from check-ups and pregnant narrators', { skip }, () => {
      const problems: string[] = [];
      for (const r of runs) {
        for (const x of [r.opener, r.demand])
          if (INTENSE.test(x.text) && !ACUTE.has(r.profile.setting ?? '')) problems.push(`${r.c.id} (${r.profile.setting}): ${x.text}`);
        if (r.style === 'pleading' && ROUTINE_OPENING.test(units(r.clean)[0].text)) problems.push(`${r.c.id}: pleading at a check-up`);
        if (r.style === 'pleading' && r.profile.speaker === 'patient' && PREGNANT.test(r.clean)) problems.push(`${r.c.id}: pleading by a pregnant patient`);
      }
      assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    });

    it('edits nothing of the case: removing the two sentences gives the clean text back', { skip }, () => {
      for (const r of runs) {
        const stripped = r.out.narrative.replace(r.opener.text, '').replace(r.demand.text, '');
        const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
        assert.equal(squash(stripped), squash(r.clean), r.c.id);
      }
    });
  });
}

const bank = loadCases({}).cases;
const bankRuns = runAll(bank);
checkRuns('the built-in bank', bankRuns);

describe('emotional on the built-in bank: coverage and determinism', () => {
  it('makes a variant for nearly every case and uses every style', () => {
    assert.ok(bankRuns.length >= 170, `only ${bankRuns.length} variants`);
    assert.deepEqual([...new Set(bankRuns.map((r) => r.style))].sort(), ['angry', 'anxious', 'minimising', 'pleading', 'relative']);
  });

  it('is a pure function of input and seed', () => {
    const again = runAll(bank.slice(0, 60));
    assert.deepEqual(
      again.map((r) => r.out.narrative),
      bankRuns.filter((r) => bank.slice(0, 60).includes(r.c)).map((r) => r.out.narrative),
    );
    const other = runAll(bank.slice(0, 60), 2);
    assert.ok(
      other.some((r, i) => r.out.narrative !== again[i]?.out.narrative),
      'another seed changes something',
    );
  });
});

describe('emotional topics', () => {
  it('hears the pair the reviewers found repeated as one topic, and a feeling apart from a request', () => {
    assert.equal(
      distinctTopics('The patient is close to tears and asks to be told honestly what is going on.', "'Am I going to be okay?' the patient asks."),
      false,
    );
    assert.equal(distinctTopics('The patient is visibly frightened and does not try to hide it.', "'Am I going to be okay?' the patient asks."), true);
    assert.deepEqual(topicsOf('The parent is close to tears and struggles to stay composed.'), ['feeling']);
    assert.ok(topicsOf("'I want someone senior here, right now,' the patient demands.").includes('escalation'));
  });
});

describe('emotional on MedQA (real data in ../shared/data)', () => {
  const skip = needs(MEDQA_DATA);
  const runs = skip ? [] : runAll(loadCases({ path: MEDQA, limit: 500 }).cases);
  it('makes variants for the first 500 cases', { skip }, () => assert.ok(runs.length >= 400, `only ${runs.length} variants`));
  checkRuns('MedQA', runs, skip);
});
