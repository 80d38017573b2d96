import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { banks } from '../../src/probes/banks.js';
import { distractor } from '../../src/probes/distractor.js';
import { psychiatric, reasonAt, SIGN_LIKE, underWay } from '../../src/probes/distractor-scene.js';
import { patientProfile } from '../../src/probes/profile.js';
import { units } from '../../src/probes/structure.js';
import { type Ineligible, isIneligible, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

// Clinician review round 13 (doses 2 and 4): four classes, on the real probe over the bank or on vignettes written for this test.
type Inserted = { after: number; text: string; thread: string };
const inserted = (out: ProbeOutput) => (out.changes as { inserted: Inserted[] }).inserted;
const OPTIONS = { A: 'Option one', B: 'Option two', C: 'Option three', D: 'Option four' };
function tell(narrative: string, seed: number, dose: number): ProbeOutput | Ineligible {
  const c = { id: `r13-${seed}`, narrative } as unknown as Case;
  const profile = patientProfile({ demographics: undefined }, narrative);
  return distractor.apply({ case: c, narrative, question: 'Which is next?', options: OPTIONS, answer: 'A', profile }, seed, dose);
}
const SEED = 9413;
const bank = loadCases({}).cases.map((c) => {
  const clean = cleanVariant(c);
  const input = { ...clean, case: c, profile: patientProfile(c, clean.narrative) };
  return { id: c.id, input, at: [1, 2, 4].map((d) => distractor.apply(input, SEED, d)) };
});
const HISTORY = [
  'He has had a dull ache in the lower back for 3 months, worse after long drives.',
  'He takes no medications.',
  'He has no allergies.',
  'He lives with a flatmate in a rented flat.',
  'He does not smoke and rarely drinks alcohol.',
  'His father had gout.',
  'He cycles to the shops at weekends.',
].join(' ');

describe('distractor after review round 13 (doses 2 and 4)', () => {
  it('stacks at most two passages at one place on every bank case, dose 1 passages included', () => {
    let told = 0;
    for (const { id, at } of bank)
      for (const out of at.slice(1)) {
        if (isIneligible(out)) continue;
        told++;
        const per = new Map<number, number>();
        for (const x of inserted(out)) per.set(x.after, (per.get(x.after) ?? 0) + 1);
        assert.ok(Math.max(...per.values()) <= 2, `${id}: ${JSON.stringify([...per])}`);
      }
    assert.ok(told > 150, `only ${told} variants`);
  });

  it('puts at most one passage before the reason for the visit when the opening is a bare demographic line', () => {
    const story =
      'A 41-year-old man comes to the clinic. He has had a dull ache in the lower back for 3 months, and he takes no medications, ' +
      'has no allergies, lives with a flatmate in a rented flat and does not smoke. His temperature is 37.0°C. ' +
      'Examination shows tenderness over the lower lumbar spine.';
    assert.equal(reasonAt(units(story)), 1);
    assert.equal(reasonAt(units(`A 41-year-old man comes to the clinic because of back pain. ${HISTORY}`)), 0);
    let told = 0;
    for (let seed = 9400; seed < 9420; seed++) {
      const out = tell(story, seed, 4);
      if (isIneligible(out)) continue;
      told++;
      assert.ok(inserted(out).filter((x) => x.after < 1).length <= 1, `seed ${seed}`);
    }
    assert.ok(told > 5, `only ${told} told`);
  });

  it('refuses doses 2 and 4 to a patient telling their own psychiatric presentation, and keeps dose 1', () => {
    const story = `A 29-year-old man comes to the clinic because his family says he has heard voices for 2 weeks and has new delusions. ${HISTORY}`;
    assert.equal(psychiatric(story), 'delusions');
    assert.equal(psychiatric('She has no psychotic symptoms. Her mother has schizophrenia.'), null);
    for (let seed = 9420; seed < 9425; seed++) {
      assert.ok(!isIneligible(tell(story, seed, 1)), `seed ${seed} dose 1`);
      for (const d of [2, 4]) assert.match((tell(story, seed, d) as Ineligible).ineligible ?? '', /sign of the presentation/);
    }
    const psych = bank.filter((r) => r.input.profile.speaker === 'patient' && psychiatric(r.input.narrative));
    assert.ok(psych.length > 3);
    for (const r of psych) for (const out of r.at.slice(1)) assert.ok(isIneligible(out), r.id);
  });

  it('leaves sign-like beats (through the wall, voices, by itself) out of the threads a higher dose adds', () => {
    const sign = banks().threads.filter((t) => t.beats.some((b) => SIGN_LIKE.test(b)));
    assert.ok(sign.length > 0, 'the bank has none: the test cannot fail');
    for (const { id, at } of bank) {
      const low = isIneligible(at[0]) ? new Set<string>() : new Set(inserted(at[0]).map((x) => x.text));
      for (const out of at.slice(1))
        if (!isIneligible(out)) for (const x of inserted(out)) if (!low.has(x.text)) assert.doesNotMatch(x.text, SIGN_LIKE, `${id}: ${x.thread}`);
    }
  });

  it('refuses doses 2 and 4 when the patient tells during an event under way (bleeding held with gauze, labour, a procedure)', () => {
    const events = [
      'A 15-year-old boy comes to the clinic with persistent bleeding from the nose for the past hour, pressing a gauze to the left nostril.',
      'A 26-year-old woman at 39 weeks gestation comes to the clinic with painful contractions every 5 minutes for 2 hours.',
      'A 58-year-old man is undergoing a routine colonoscopy when he reports cramping.',
      'A 70-year-old woman is receiving her regular outpatient red cell transfusion when she reports chills.',
    ];
    for (const opening of events) {
      const story = `${opening} ${HISTORY}`;
      assert.ok(underWay(story), opening);
      for (const d of [2, 4]) {
        const out = tell(story, 9430, d);
        if (!isIneligible(out) || !/no one|no patient/.test(out.ineligible)) assert.match((out as Ineligible).ineligible ?? '', /event under way/, opening);
      }
    }
    assert.equal(underWay('Five days after undergoing an appendectomy she is well. She had a nosebleed last year.'), null);
    for (const { id, input, at } of bank)
      if (input.profile.speaker === 'patient' && underWay(input.narrative)) for (const out of at.slice(1)) assert.ok(isIneligible(out), id);
  });
});
