import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { banks } from '../../src/probes/banks.js';
import { distractor } from '../../src/probes/distractor.js';
import { patientProfile } from '../../src/probes/profile.js';
import { type Ineligible, isIneligible, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';
import { timeAnchor } from '../../src/variants/check/lints/time-anchor.js';

// Clinician review round 11 (issue 13): three classes, each on the real probe, over the bank or on vignettes written for this test.
type Inserted = { after: number; text: string; thread: string };
const threads = new Map(banks().threads.map((t) => [t.id, t]));
const inserted = (out: ProbeOutput) => (out.changes as { inserted: Inserted[] }).inserted;
const OPTIONS = { A: 'Option one', B: 'Option two', C: 'Option three', D: 'Option four' };
function tell(narrative: string, seed: number): ProbeOutput | Ineligible {
  const c = { id: `r11-${seed}`, narrative } as unknown as Case;
  return distractor.apply(
    { case: c, narrative, question: 'Which is next?', options: OPTIONS, answer: 'A', profile: patientProfile({ demographics: undefined }, narrative) },
    seed,
  );
}
const bankRuns = [9111, 9112].flatMap((seed) =>
  loadCases({}).cases.flatMap((c) => {
    const clean = cleanVariant(c);
    const out = distractor.apply({ ...clean, case: c, profile: patientProfile(c, clean.narrative) }, seed);
    return isIneligible(out) ? [] : [{ id: c.id, out, clean }];
  }),
);
const SEEDS = Array.from({ length: 20 }, (_, i) => 9300 + i);
const BACK = /\b(?:during (?:this|that) time|(?:this|that) period|since then|the episodes|at that point|over this period)\b/i;

describe('distractor after review round 11', () => {
  it('puts no passage right before a sentence that refers back ("during this time", "since then"), and the checker flags one', () => {
    const story =
      'A 34-year-old man comes to the physician because of intermittent vomiting and loose stools for 6 months. ' +
      'He has had a 3-kg weight loss during this time. He takes no medications. He works as a carpenter. Since then he has avoided dairy. ' +
      'He does not smoke. His temperature is 37.0°C. Which is next?';
    let told = 0;
    for (const seed of SEEDS) {
      const out = tell(story, seed);
      if (isIneligible(out)) continue;
      told++;
      for (const x of inserted(out)) {
        const next = out.narrative.slice(out.narrative.indexOf(x.text) + x.text.length).trim();
        assert.doesNotMatch(next.split(/(?<=\.)\s+(?=[A-Z])/)[0], BACK, `seed ${seed}: passage before "${next.slice(0, 60)}"`);
      }
    }
    assert.ok(told > 10, `only ${told} variants told`);
    const base = { narrative: story, question: 'Which is next?', options: OPTIONS, answer: 'A' };
    const moved = story.replace('months. He has had', 'months. "My aunt has taken up the trombone," he says. He has had');
    const defects = timeAnchor.check({ variant: { ...base, narrative: moved, probe: 'distractor' }, base } as never);
    assert.ok(
      defects.some((d) => /during this/i.test(d.message)),
      `the lint missed it: ${JSON.stringify(defects)}`,
    );
    for (const { id, out, clean } of bankRuns) {
      const ds = timeAnchor.check({ variant: { ...out, probe: 'distractor' }, base: clean } as never);
      assert.deepEqual(ds, [], `${id}: ${JSON.stringify(ds)}`);
    }
  });

  it('gives a minor telling their own story no householder thread (keys, the house, forms, contacts, cars)', () => {
    const HOUSE = /\b(?:keys?|house|form|forms|contact|record|car|wallet|paperwork|package|email)\b/i;
    const story = (age: number, where: string) =>
      `A ${age}-year-old boy comes to ${where} because of pain in his right eye for 2 days. He wears contact lenses. ` +
      'He has no other medical problems. He takes no medications. His temperature is 37.0°C. Which is next?';
    let minors = 0;
    let adults = 0;
    for (const seed of SEEDS)
      for (const [age, where] of [
        [13, 'the emergency department'],
        [15, 'the emergency department'],
        [34, 'the emergency department'],
      ] as const) {
        const out = tell(story(age, where).replace('boy', age < 18 ? 'boy' : 'man'), seed);
        if (isIneligible(out)) continue;
        for (const x of inserted(out)) {
          const t = threads.get(x.thread);
          assert.ok(t, `unknown thread ${x.thread}`);
          if (age < 18) {
            minors++;
            assert.ok(!(t.presumes ?? []).includes('householder'), `age ${age}, seed ${seed}: ${x.thread}`);
            assert.doesNotMatch(t.beats.join(' '), HOUSE, `age ${age}, seed ${seed}: ${x.thread} is a householder's matter`);
          } else if ((t.presumes ?? []).includes('householder')) adults++;
        }
      }
    assert.ok(minors > 10, `only ${minors} passages told by a minor`);
    assert.ok(adults > 0, 'no adult got a householder thread: the contrast never ran');
  });

  // Not "she" or "he" for the aunt: the sex swap and the checker read those as the patient's (distractor.test.ts keeps them out).
  it('names a kin word once per passage, and never "godparent"', () => {
    const KIN = /\bmy ((?:second )?cousin|aunt|uncle|godmother|godfather|grandparent|friend)\b/gi;
    let checked = 0;
    for (const t of banks().threads) assert.doesNotMatch(`${t.id} ${t.topic} ${t.beats.join(' ')}`, /godparent/i, `${t.id}`);
    for (const { id, out } of bankRuns)
      for (const x of inserted(out)) {
        const quotes = (x.text.match(/"[^"]*"/g) ?? []).join(' ');
        const seen = new Map<string, number>();
        for (const m of quotes.matchAll(KIN)) seen.set(m[1].toLowerCase(), (seen.get(m[1].toLowerCase()) ?? 0) + 1);
        for (const [k, n] of seen) assert.equal(n, 1, `${id} ${x.thread}: "my ${k}" ${n} times: ${quotes}`);
        checked++;
      }
    assert.ok(checked > 300, `only ${checked} passages`);
  });
});
