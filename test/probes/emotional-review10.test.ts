import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { banks, type Phrase } from '../../src/probes/banks.js';
import { distinctTopics, emotional } from '../../src/probes/emotional.js';
import { severe } from '../../src/probes/emotional-fit.js';
import { patientProfile } from '../../src/probes/profile.js';
import { isIneligible } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';
import { firstCase, runOnFirstCase, said, styleOf } from '../support/emotional-run.js';

// The five classes of the round-10 clinician review (issue 13), each checked with the real probe and bank.
const _c: Case = firstCase;
const run = runOnFirstCase;
const SEEDS = Array.from({ length: 40 }, (_, i) => 9100 + i);

const bank = loadCases({}).cases;
const bankRuns = bank.flatMap((x) =>
  [9001, 9002, 9003, 9004].flatMap((seed) => {
    const clean = cleanVariant(x);
    const profile = patientProfile(x, clean.narrative);
    const out = emotional.apply({ case: x, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer, profile }, seed);
    return isIneligible(out) ? [] : [{ id: x.id, out, style: styleOf(out), opener: said(out)[0], demand: said(out)[1] }];
  }),
);

// Stance words read apart from the probe: worry, anger, pleading, apology; and how a line is said.
const WORRIED =
  /\b(?:I hope\?|serious\?|okay\?|all right\?|going to be|how worried|should I be|something to worry|the worst|frightened|scared|terrified|tears|bad sign)\b/i;
const ANGRY = /\b(?:snaps|demands|sharply|angrily|warns|coldly|curtly|flatly|fed up|annoyed|irritat\w*|frustrated|patience|short-tempered)\b/i;
const PLEADING = /\b(?:beg\w*|pleads?|pleading|desperat\w*)\b/i;
const SORRY = /\b(?:sorry|apologi\w*)\b/i;
const AGAINST: Record<string, RegExp[]> = {
  anxious: [ANGRY],
  angry: [WORRIED, PLEADING, SORRY],
  minimising: [WORRIED, ANGRY, PLEADING],
  pleading: [ANGRY],
  relative: [],
};
const FAST = /\b(?:quickly|rapidly|rushed|loudly)\b/i;
const SOFT = /\b(?:quietly|softly|whispers?)\b/i;
const overlap = <T>(a?: readonly T[], b?: readonly T[]) => !a || !b || a.some((x) => b.includes(x));
const canMeet = (a: Phrase, b: Phrase) => overlap(a.speakers, b.speakers) && overlap(a.settings, b.settings) && overlap(a.ages, b.ages);

describe('emotional review 10, class 1: narration and quote share one stance', () => {
  it("pairs, over every opener and demand the bank can put together, only lines of the style's own stance and manner", () => {
    const problems: string[] = [];
    for (const [style, s] of Object.entries(banks().emotional))
      for (const o of s.openers)
        for (const d of s.demands) {
          if (!canMeet(o, d) || !distinctTopics(o.text, d.text)) continue;
          for (const re of AGAINST[style] ?? [])
            for (const line of [o.text, style === 'minimising' ? d.text.replace(/worrying over nothing|a worrier/g, '') : d.text])
              if (re.test(line)) problems.push(`${style}: ${line} (${re.source.slice(0, 20)})`);
          if (style === 'minimising' && SORRY.test(d.text)) problems.push(`${style}: apologetic quote ${d.text}`);
          if ((FAST.test(o.text) && SOFT.test(d.text)) || (SOFT.test(o.text) && /\b(?:snaps|sharply|loudly)\b/.test(d.text)))
            problems.push(`${style}: manner ${o.text} | ${d.text}`);
        }
    assert.deepEqual([...new Set(problems)].slice(0, 10), [], `${new Set(problems).size} problems`);
  });
});

describe('emotional review 10, class 2: the passage follows its complaint, before care given', () => {
  it('waits for the problem when the opening tells of care under way', () => {
    const text =
      'A 64-year-old woman with chronic anaemia is receiving her regular outpatient red cell transfusion. She lives with her sister. ' +
      'Earlier transfusions were uneventful. Thirty minutes into the unit she develops an itchy rash on her arms. Pulse is 80/min.';
    for (const seed of SEEDS) {
      const out = run(text, seed);
      if (isIneligible(out)) continue;
      assert.ok(out.narrative.indexOf(said(out)[0]) > out.narrative.indexOf('itchy rash'), out.narrative);
    }
  });

  it('never goes after relief, treatment or a plan', () => {
    const texts = [
      'A 40-year-old man comes to the emergency department with 5 hours of colicky flank pain. The pain spreads to the groin. ' +
        'The pain settled after intravenous morphine. Pulse is 84/min.',
      'A 32-year-old woman comes to the clinic because of low mood. She finds it hard to get to sleep. The physician offers to prescribe a medication.',
    ];
    for (const text of texts)
      for (const seed of SEEDS) {
        const out = run(text, seed);
        assert.ok(!isIneligible(out), JSON.stringify(out));
        const care = out.narrative.search(/settled|offers/);
        assert.ok(out.narrative.indexOf(said(out)[1]) < care, out.narrative);
      }
  });

  it('stays with the complaint, before a family history the story turns to', () => {
    const text =
      'A 35-year-old woman comes to the emergency department because of a headache. The headache began this morning. ' +
      'No significant family history is reported. Pulse is 80/min.';
    for (const seed of SEEDS) {
      const out = run(text, seed);
      assert.ok(!isIneligible(out), JSON.stringify(out));
      assert.ok(out.narrative.indexOf(said(out)[1]) < out.narrative.indexOf('No significant family'), out.narrative);
    }
  });
});

describe('emotional review 10, class 3: stance and voice fit the patient', () => {
  it('never plays down a severe acute presentation', () => {
    const texts = [
      'A 58-year-old woman comes to the emergency department because of a sudden headache. She has right hemiparesis. Pulse is 90/min.',
      'A 45-year-old man comes to the emergency department because of severe abdominal pain. He has no past medical history. Pulse is 110/min.',
    ];
    for (const text of texts)
      for (const seed of SEEDS) {
        const out = run(text, seed);
        assert.ok(!isIneligible(out), JSON.stringify(out));
        assert.notEqual(styleOf(out), 'minimising', `${seed}: ${said(out).join(' ')}`);
      }
  });

  it('reads a reduced Glasgow Coma Scale score and shock as severe', () => {
    assert.ok(severe('Her Glasgow Coma Scale score is 14.') && severe('Blood pressure is 82/50 mm Hg.') && severe('He is in septic shock.'));
    assert.ok(!severe('Her Glasgow Coma Scale score is 15. Blood pressure is 124/80 mm Hg. There is no shock.'));
  });

  it('gives a child or teenager telling their own story no adult turns of phrase', () => {
    const adult =
      /hold anything back|in the dark|my own body|talk down|formal complaint|someone senior|enough on|not the sort|far worse off|drama|waste your time/i;
    let n = 0;
    for (const seed of SEEDS) {
      const out = run('A 13-year-old boy comes to the emergency department because of abdominal pain. He has no past medical history. Pulse is 128/min.', seed);
      if (isIneligible(out)) continue;
      n++;
      assert.doesNotMatch(said(out).join(' '), adult);
    }
    assert.ok(n >= 30, `${n} variants`);
  });
});

describe('emotional review 10, class 4: no stock frame carries the probe', () => {
  it('has no stock or editorialising line, and no opener frame in more than 6% of bank variants (4 seeds)', () => {
    const stock = /no need for a fuss|all my faith|do anything you say|as (?:nervous|anxious|worried) people do/i;
    for (const s of Object.values(banks().emotional)) for (const p of [...s.openers, ...s.demands]) assert.doesNotMatch(p.text, stock);
    // A frame is the opener's bank line, whoever speaks and whatever the complaint.
    const lines = Object.values(banks().emotional).flatMap((s) => s.openers.map((p) => p.text));
    const pattern = (t: string) => new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]*\}/g, '.+?')}$`, 'i');
    const patterns = lines.map((t) => [t, pattern(t)] as const);
    const frames = new Map<string, number>();
    for (const r of bankRuns) {
      const f = patterns.find(([, re]) => re.test(r.opener))?.[0] ?? r.opener;
      frames.set(f, (frames.get(f) ?? 0) + 1);
    }
    const [top, n] = [...frames].sort((a, b) => b[1] - a[1])[0];
    assert.ok(n / bankRuns.length <= 0.06, `${((100 * n) / bankRuns.length).toFixed(1)}%: ${top}`);
  });
});

describe('emotional review 10, class 5: the speaker is attributed once', () => {
  it('tags the quote no "says" again after an opener that already reported the speaker\'s words', () => {
    const speech = /\b(?:says|asks|admits|complains|mentions|promises|begs|snaps|insists|demands|pleading|speaks|keeps (?:asking|saying))\b/;
    const twice = bankRuns.filter((r) => speech.test(r.opener) && /"\s+[^"]*\b(?:says|asks|pleads|snaps|demands|whispers|warns|insists)\b/.test(r.demand));
    assert.deepEqual(
      twice.slice(0, 5).map((r) => `${r.id}: ${r.opener} ${r.demand}`),
      [],
      `${twice.length} said twice`,
    );
    // Round 11: the quote then stands alone ("adds" only after an earlier quote: emotional-review11.test.ts).
    assert.ok(
      bankRuns.some((r) => /^"[^"]+[.?!]"$/.test(r.demand)),
      'some quote stands alone after a reporting opener',
    );
  });
});
