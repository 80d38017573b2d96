import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { banks } from '../../src/probes/banks.js';
import { distractor } from '../../src/probes/distractor.js';
import { patientProfile } from '../../src/probes/profile.js';
import { units } from '../../src/probes/structure.js';
import { type Ineligible, isIneligible, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

// Clinician review round 10 (issue 13): five classes, each on the real probe, over the bank or on vignettes written for this test.
type Inserted = { after: number; text: string; thread: string };
const threads = new Map(banks().threads.map((t) => [t.id, t]));
const inserted = (out: ProbeOutput) => (out.changes as { inserted: Inserted[] }).inserted;
const OPTIONS = { A: 'Option one', B: 'Option two', C: 'Option three', D: 'Option four' };
function tell(narrative: string, seed: number): ProbeOutput | Ineligible {
  const c = { id: `r10-${seed}`, narrative } as unknown as Case;
  return distractor.apply(
    { case: c, narrative, question: 'Which is next?', options: OPTIONS, answer: 'A', profile: patientProfile({ demographics: undefined }, narrative) },
    seed,
  );
}
const bankRuns = [9101, 9102, 9103].flatMap((seed) =>
  loadCases({}).cases.flatMap((c) => {
    const clean = cleanVariant(c);
    const out = distractor.apply({ ...clean, case: c, profile: patientProfile(c, clean.narrative) }, seed);
    return isIneligible(out) ? [] : [{ id: c.id, out }];
  }),
);
const frameOf = (x: Inserted) => x.text.replace(/"[^"]*"/g, '"…"');
const SEEDS = Array.from({ length: 30 }, (_, i) => 9200 + i);

describe('distractor after review round 10', () => {
  it('joins passages with a plain speech tag: no frame names the topic, and no verb twice in a variant', () => {
    assert.ok(bankRuns.length > 300, `${bankRuns.length} variants`);
    for (const { id, out } of bankRuns) {
      const xs = inserted(out);
      for (const x of xs) {
        const t = threads.get(x.thread)!;
        assert.ok(!frameOf(x).includes(t.topic) && !frameOf(x).includes(t.again), `${id}: ${frameOf(x)}`);
      }
      const verbs = xs.map(
        (x) => /\b(?:says|explains|adds|goes on|continues|tells|talks|gets|mentions|raises|brings|turns|returns|comes|moves|has)\b/.exec(frameOf(x))?.[0],
      );
      assert.equal(new Set(verbs).size, verbs.length, `${id}: ${xs.map(frameOf).join(' | ')}`);
    }
  });

  it('gives no two threads of one variant a kin word or an object in common ("my cousin", a spare key)', () => {
    const MARK = /\b(cousin|aunt|uncle|godparent|grandparent|friend|neighbou?r|keys?|car|wallet|coat|bag|phone|email|folder)\b/gi;
    for (const { id, out } of bankRuns) {
      const ids = [...new Set(inserted(out).map((x) => x.thread))];
      const marks = ids.map((t) => new Set([...threads.get(t)!.beats.join(' ').matchAll(MARK)].map((m) => m[1].toLowerCase().replace(/s$/, ''))));
      for (let i = 0; i < marks.length; i++)
        for (let j = i + 1; j < marks.length; j++) {
          const shared = [...marks[i]].filter((m) => marks[j].has(m));
          assert.deepEqual(shared, [], `${id}: ${ids[i]} and ${ids[j]}`);
        }
    }
  });

  it('tells no patient brought in by others, nor a minor, that they drove or walked in past the desk; asks no receptionist questions', () => {
    const DROVE_OR_WALKED = /\bI left the car|when I came in|where I put it down|taxi dropped me|bus stop by the entrance/;
    const teen = 'A 16-year-old girl is brought to the emergency department by her mother because of abdominal pain. She has had it for a day. ';
    const adult = 'A 40-year-old woman comes to the emergency department because of abdominal pain. She has had it for a day. ';
    const rest = 'Her periods are regular. She takes no medicines. She has no allergies. Her temperature is 37.9°C.';
    let adultDrove = 0;
    for (const seed of SEEDS) {
      const out = tell(teen + rest, seed);
      assert.ok(!isIneligible(out));
      for (const x of inserted(out)) assert.doesNotMatch(x.text, DROVE_OR_WALKED, x.text);
      const free = tell(adult + rest, seed);
      if (!isIneligible(free) && inserted(free).some((x) => DROVE_OR_WALKED.test(x.text))) adultDrove++;
    }
    assert.ok(adultDrove > 0, 'an adult who came in alone never got those threads: the check above proves nothing');
    const desk = banks().threads.flatMap((t) =>
      t.beats.filter((b) => /look after .*for me|lost property|nearest bus stop|closest to the parking|password I could/i.test(b)),
    );
    assert.deepEqual(desk, []);
  });

  // SpO2 under 92%, a rate above 24 with breathlessness, chest pain now, sick after surgery.
  it('leaves a patient too ill to chat to a companion the story names, else out', () => {
    const ill = [
      'A 52-year-old woman in the intensive care unit is receiving norepinephrine for pyelonephritis. ' +
        'She has diabetes. She takes insulin. Her urine is dark.',
      'A 30-year-old woman comes to the emergency department after taking many tablets. ' +
        'She has vomited and is breathing quickly. She takes no medicines. Respiratory rate is 28/min.',
      'A 64-year-old man comes to the emergency department because of shortness of breath for two days. ' +
        'He has smoked for 40 years. He takes no medicines. Respiratory rate is 26/min and oxygen saturation is 93% on room air.',
      'A 70-year-old man comes to the clinic because of a cough for a week. ' +
        'He has hypertension. He takes amlodipine. Pulse oximetry shows an oxygen saturation of 91%.',
      'A 58-year-old man comes to the emergency department because of chest pain that began 1 hour ago. ' +
        'He has diabetes. He takes metformin. Pulse is 96/min.',
      'A 45-year-old woman develops fever and vomiting 5 days after a cholecystectomy. ' + 'She has hypertension. She takes lisinopril. She is jaundiced.',
    ];
    for (const text of ill) {
      for (const seed of SEEDS.slice(0, 5)) {
        const alone = tell(text, seed);
        assert.ok(
          isIneligible(alone) && alone.ineligible.startsWith('no one with the patient'),
          `${text.slice(0, 70)}: ${JSON.stringify(alone).slice(0, 200)}`,
        );
      }
      const withWife = tell(text.replace(/\. (He|She) has/, '. The patient is accompanied by a friend. $1 has'), 9201);
      assert.ok(!isIneligible(withWife), text.slice(0, 70));
      for (const x of inserted(withWife)) assert.ok(threads.get(x.thread)!.practical, x.thread);
    }
    const calm =
      'A 64-year-old man comes to the clinic because of a cough for two days. He has hypertension. Respiratory rate is 18/min and oxygen saturation is 97%.';
    assert.ok(!isIneligible(tell(calm, 9201)), 'a patient breathing easily is told as before');
  });

  it('puts no passage between two sentences about one complaint (onset, then what provokes it; a diagnosis, then "He now …")', () => {
    const text =
      'A 58-year-old man comes to the clinic because of chest pain for three weeks. Climbing stairs makes the pain worse. ' +
      'He has a dry cough. He was diagnosed with heart failure two years ago. He now becomes breathless only after climbing two flights of stairs. ' +
      'He takes furosemide. He has no allergies. His father had a stroke. He does not smoke. Blood pressure is 130/80 mm Hg.';
    const us = units(text);
    const splits = (i: number) => /makes the pain worse|He now becomes/.test(us[i + 1]?.text ?? '');
    let told = 0;
    for (const seed of SEEDS) {
      const out = tell(text, seed);
      assert.ok(!isIneligible(out));
      for (const x of inserted(out)) {
        told++;
        assert.ok(!splits(x.after), `seed ${seed}: a passage before "${us[x.after + 1].text}"`);
      }
    }
    assert.ok(told > 0);
  });
});
