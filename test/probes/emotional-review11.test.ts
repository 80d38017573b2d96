import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { banks, type Phrase } from '../../src/probes/banks.js';
import { distinctTopics, emotional } from '../../src/probes/emotional.js';
import { attribution } from '../../src/probes/emotional-fit.js';
import { patientProfile } from '../../src/probes/profile.js';
import { isIneligible } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';
import { firstCase, runOnFirstCase, said, styleOf } from '../support/emotional-run.js';

// The emotional classes of the round-11 clinician review (issue 13), each checked with the real probe and bank.
const _c: Case = firstCase;
const run = runOnFirstCase;
const SEEDS = Array.from({ length: 40 }, (_, i) => 9200 + i);

const bankRuns = loadCases({}).cases.flatMap((x) =>
  [9011, 9012, 9013, 9014].flatMap((seed) => {
    const clean = cleanVariant(x);
    const profile = patientProfile(x, clean.narrative);
    const out = emotional.apply({ case: x, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer, profile }, seed);
    return isIneligible(out) ? [] : [{ id: x.id, style: styleOf(out), opener: said(out)[0], demand: said(out)[1] }];
  }),
);

describe('emotional review 11, class 1: "adds" only after an earlier quote', () => {
  it('never tags the first quote of the passage "adds", and never says "says" twice for one speaker', () => {
    const adds = bankRuns.filter((r) => / adds\b/.test(r.demand) && !/"[^"]+"/.test(r.opener));
    assert.deepEqual(
      adds.slice(0, 5).map((r) => `${r.id}: ${r.opener} ${r.demand}`),
      [],
      `${adds.length} "adds" with nothing quoted before`,
    );
    const speech = /\b(?:says|asks|answers|admits|complains|pleads|pleading|speaks|keeps (?:asking|saying))\b/;
    const twice = bankRuns.filter((r) => speech.test(r.opener) && !/^The rest/.test(r.opener) && /"\s+[^"]*\b(?:says|asks|pleads|snaps)\b/.test(r.demand));
    assert.deepEqual(
      twice.slice(0, 5).map((r) => `${r.id}: ${r.opener} ${r.demand}`),
      [],
      `${twice.length} said twice`,
    );
    assert.ok(
      bankRuns.some((r) => /^"[^"]+[.?!]"$/.test(r.demand)),
      'some quote stands alone after a reporting opener',
    );
  });

  it('drops the tag and its manner, keeping the quote whole', () => {
    const quote = '"Please, I just need someone to help with this pain," he says quietly.';
    assert.equal(attribution('The patient asks for help.', quote), '"Please, I just need someone to help with this pain."');
    assert.equal(attribution('The patient asks for help.', '"Am I going to be okay?" he asks.'), '"Am I going to be okay?"');
    assert.equal(attribution('The patient looks frightened.', quote), quote, 'an opener with no speech keeps the tag');
    assert.equal(attribution('The rest of the family keeps asking for news.', quote, false), quote, 'another speaker keeps the tag');
  });
});

describe('emotional review 11, class 2: anger needs a complaint under way', () => {
  it('is never angry, pleading or playing down at a review, follow-up or scheduled visit', () => {
    const texts = [
      'A 59-year-old man with type 2 diabetes and chronic kidney disease attends review. He takes metformin. Blood pressure is 128/76 mm Hg.',
      'A 47-year-old woman comes to the clinic for a follow-up visit after an abnormal smear. She smokes. Pulse is 72/min.',
      'A 52-year-old man comes for his scheduled 6-month review of his thyroid nodule. He has no complaints. Pulse is 70/min.',
    ];
    for (const text of texts)
      for (const seed of SEEDS) {
        const out = run(text, seed);
        if (isIneligible(out)) continue;
        assert.equal(styleOf(out), 'anxious', `${seed}: ${out.narrative}`);
      }
  });

  it('is never angry or pleading when the next sentences tell the complaint has settled', () => {
    const text =
      'A 30-year-old woman comes to the clinic with 4 days of fever, aches and dry cough. The fever settled yesterday and she feels better today. ' +
      'She takes no medicines. Temperature is 37.4°C.';
    const styles = new Set<string>();
    for (const seed of SEEDS) {
      const out = run(text, seed);
      assert.ok(!isIneligible(out), JSON.stringify(out));
      styles.add(styleOf(out));
    }
    assert.ok(!styles.has('angry') && !styles.has('pleading'), [...styles].join(', '));
  });
});

// How a line is said: heated (irritation) and cool (flat, cold) clash; a plea announced and then quoted is said twice.
const HEATED = /\b(?:irritat\w*|clipped|short-tempered|exasperat\w*|annoyed|frustrated|snaps?|angr\w*|curt)\b/i;
const COOL = /\b(?:flatly|coldly|calmly|softly|quietly|whispers?)\b/i;
const PLEA_SAID = /\b(?:pleading|pleads?|begs?|begging)\b/i;
const PLEA = /\b(?:please|pleads?|begs?|begging)\b/i;
const MANNER = /\b(?:sharp|blunt|curt|quiet|soft|angr|irrita)\w*/gi;
const overlap = <T>(a?: readonly T[], b?: readonly T[]) => !a || !b || a.some((x) => b.includes(x));
const canMeet = (a: Phrase, b: Phrase) => overlap(a.speakers, b.speakers) && overlap(a.settings, b.settings) && overlap(a.ages, b.ages);

describe('emotional review 11, class 3: opener and quote said in one manner, once', () => {
  it('pairs, over every opener and demand the bank can put together, no clashing or repeated manner', () => {
    const problems: string[] = [];
    for (const [style, s] of Object.entries(banks().emotional))
      for (const o of s.openers)
        for (const d of s.demands) {
          // The probe never names the complaint in both lines.
          if (!canMeet(o, d) || !distinctTopics(o.text, d.text) || (o.text.includes('{complaint}') && d.text.includes('{complaint}'))) continue;
          // As the probe says it: the quote's tag dropped after an opener that reported speech.
          const quote = attribution(o.text.replace('{Speaker}', 'The patient'), d.text.replace('{speaker}', 'the patient'));
          const tag = quote.replace(/^"[^"]*"/, '');
          if (HEATED.test(o.text) && COOL.test(tag)) problems.push(`${style}: heated and cool: ${o.text} | ${quote}`);
          if (PLEA_SAID.test(o.text) && PLEA.test(quote)) problems.push(`${style}: plea twice: ${o.text} | ${quote}`);
          const mine = new Set([...o.text.matchAll(MANNER)].map((m) => m[0].toLowerCase().slice(0, 4)));
          if ([...tag.matchAll(MANNER)].some((m) => mine.has(m[0].toLowerCase().slice(0, 4)))) problems.push(`${style}: manner twice: ${o.text} | ${quote}`);
        }
    assert.deepEqual([...new Set(problems)].slice(0, 10), [], `${new Set(problems).size} problems`);
  });

  it('hears patience running out, in the opener and in the quote, as one thing said twice', () => {
    const opener = '{Speaker} makes it plain that patience is wearing thin.';
    assert.ok(!distinctTopics(opener, '"Frankly, I\'m running out of patience," {speaker} says.'), 'patience twice');
    assert.ok(!distinctTopics(opener, '"I\'m fed up with getting nowhere," {speaker} says.'), 'patience and fed up');
  });
});

describe('emotional: never before a sentence that points back at a span the story set up (time-anchor lint on MedQA)', () => {
  const c = loadCases().cases[0];
  const texts = [
    'A 34-year-old man comes to the clinic because of recurrent headaches for 6 months. He has lost 3 kg during this time. ' +
      'He takes no medications. His blood pressure is 128/80 mm Hg.',
    'A 29-year-old woman comes to the physician because she has had no menstrual period for 5 months. ' +
      'A home pregnancy test has been negative twice during this period. Her pulse is 72/min.',
  ];
  it('places the passage elsewhere, or leaves the case out', () => {
    let placed = 0;
    for (const narrative of texts)
      for (let seed = 9300; seed < 9330; seed++) {
        const profile = patientProfile(c, narrative);
        const out = emotional.apply(
          { case: c, narrative, question: 'What is the next step?', options: { A: 'Observe', B: 'Refer' }, answer: 'A', profile },
          seed,
        );
        if (isIneligible(out)) continue;
        placed++;
        // The sentence before the back-reference is still the one it points at.
        assert.match(out.narrative, /for \d months\. (?:He has lost 3 kg|A home pregnancy test)[^.]*during this/, `seed ${seed}: ${out.narrative}`);
      }
    assert.ok(placed > 0, 'every telling ineligible: the test would prove nothing');
  });
});
