import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { emotional } from '../../src/probes/emotional.js';
import { laterLines } from '../../src/probes/emotional-dose.js';
import { laterTopics, tagOf } from '../../src/probes/emotional-later.js';
import { isFinding, laterPlaces } from '../../src/probes/emotional-place.js';
import { units } from '../../src/probes/structure.js';
import { patientProfile } from '../../src/probes/profile.js';
import { isIneligible, type ProbeInput, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

type Inserted = { after: number; text: string };
const inputs: ProbeInput[] = loadCases().cases.map((c) => {
  const clean = cleanVariant(c);
  return { case: c, ...clean, profile: patientProfile(c, clean.narrative) };
});
const SEED = 9123;
const runs = inputs.map((input) => ({ input, at: [1, 2, 4].map((d) => emotional.apply(input, SEED, d)) }));
const inserted = (o: ProbeOutput) => (o.changes as { inserted: Inserted[] }).inserted;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const count = (text: string, xs: string[]) => xs.filter((x) => text.includes(x)).length;

describe('emotional doses (issue 22)', () => {
  it('declares doses 1, 2 and 4; dose 1 is the single-dose call', () => {
    assert.deepEqual(emotional.doses, [1, 2, 4]);
    for (const { input } of runs.slice(0, 60)) assert.deepEqual(emotional.apply(input, SEED, 1), emotional.apply(input, SEED));
  });

  it('each dose keeps everything the lower one added, in place, and adds passages elsewhere', () => {
    let checked = 0;
    for (const { input, at } of runs) {
      const [d1, d2, d4] = at;
      if (isIneligible(d1)) {
        assert.ok(isIneligible(d2) && isIneligible(d4), `${input.case.id}: a higher dose without dose 1`);
        continue;
      }
      if (isIneligible(d2)) {
        assert.ok(isIneligible(d4), `${input.case.id}: dose 4 without dose 2`);
        continue;
      }
      for (const [lo, hi] of [
        [d1, d2],
        [d2, d4],
      ] as const) {
        if (isIneligible(hi)) continue;
        assert.deepEqual(inserted(hi).slice(0, inserted(lo).length), inserted(lo), input.case.id);
        for (const x of inserted(lo)) assert.ok(hi.narrative.includes(x.text), `${input.case.id}: lost "${x.text}"`);
        checked++;
      }
      assert.equal(inserted(d2).length, 3, input.case.id);
      if (!isIneligible(d4)) assert.ok(inserted(d4).length >= 4 && inserted(d4).length <= 5, input.case.id);
      // Later passages never take dose 1's place, and hold one sentence, or two where dose 4 has too few places.
      const places = inserted(isIneligible(d4) ? d2 : d4)
        .slice(2)
        .map((x) => x.after);
      assert.ok(!places.includes(inserted(d1)[0].after), input.case.id);
      for (const p of places) assert.ok(places.filter((q) => q === p).length <= 2, input.case.id);
    }
    assert.ok(checked > 300, `only ${checked} dose pairs checked`);
  });

  it('keeps every number of the clean text and the question, options and answer', () => {
    for (const { input, at } of runs)
      for (const o of at.slice(1)) {
        if (isIneligible(o)) continue;
        const nums = input.narrative.match(NUMBER) ?? [];
        assert.equal(count(o.narrative, nums), nums.length, input.case.id);
        assert.equal((o.narrative.match(NUMBER) ?? []).length, nums.length, `${input.case.id}: a number added`);
        assert.deepEqual([o.question, o.options, o.answer], [input.question, input.options, input.answer]);
        // The clean text's sentences all stay, in order.
        let from = 0;
        for (const s of input.narrative.split(/(?<=[.?!])\s+/)) {
          const i = o.narrative.indexOf(s, from);
          assert.ok(i >= from, `${input.case.id}: "${s}" lost or moved`);
          from = i + s.length;
        }
      }
  });

  it('is deterministic and changes with the seed', () => {
    let differs = 0;
    for (const { input, at } of runs.slice(0, 80)) {
      assert.deepEqual(emotional.apply(input, SEED, 4), at[2]);
      const other = emotional.apply(input, SEED + 1, 4);
      if (!isIneligible(other) && !isIneligible(at[2]) && other.narrative !== at[2].narrative) differs++;
    }
    assert.ok(differs > 10);
  });

  it('says no later line twice and keeps most cases at every dose', () => {
    const eligible = [0, 1, 2].map((i) => runs.filter((r) => !isIneligible(r.at[i])).length);
    assert.ok(eligible[2] >= eligible[0] * 0.9, `dose 4 keeps ${eligible[2]} of ${eligible[0]}`);
    for (const { at } of runs) {
      const d4 = at[2];
      if (isIneligible(d4)) continue;
      const texts = inserted(d4).map((x) => x.text);
      assert.equal(new Set(texts).size, texts.length);
    }
    for (const lines of Object.values(laterLines())) assert.ok(lines.length >= 8);
  });
});

/** Each dose-4 (else dose-2) variant's later lines with the units they follow. */
const later = runs.flatMap(({ input, at }) => {
  const o = [at[2], at[1]].find((x) => !isIneligible(x)) as ProbeOutput | undefined;
  if (!o) return [];
  const us = units(input.narrative);
  return [{ input, us, all: inserted(o), lines: inserted(o).slice(2) }];
});
/** The later template a filled line came from (its placeholders matched loosely). */
const templates = Object.values(laterLines()).flat();
const templateOf = (text: string) =>
  templates.find((t) => new RegExp(`^${t.text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\\{[^}]*\}|\{[^}]*\}/g, '.+?')}$`, 'i').test(text))?.text;
const NEGATIVE = /^(?:he|she|the patient) (?:has|had|reports) no\b|^(?:he|she|the patient) denies\b|^there (?:is|was|are|were) no\b/i;

describe('emotional doses: clinician review round 13', () => {
  it('puts no later passage inside the findings, between two pertinent negatives, or after care under way', () => {
    let checked = 0;
    for (const { input, us, lines } of later)
      for (const { after, text } of lines) {
        const next = us[after + 1];
        if (!next) continue;
        // Between two findings, results or vital signs: never.
        assert.ok(!(isFinding(us[after]) && isFinding(next)), `${input.case.id}: "${text}" among the findings`);
        // After a finding, only as the story's last sentence (checked above: next exists).
        assert.ok(!isFinding(us[after]), `${input.case.id}: "${text}" after a finding`);
        assert.ok(!(NEGATIVE.test(us[after].text) && NEGATIVE.test(next.text)), `${input.case.id}: "${text}" among the negatives`);
        // Pressing for the plan or the next step only after the findings.
        assert.ok(!/\bplan\b|what happens (?:next|now)|written down|write (?:that|this|it) down/i.test(text), `${input.case.id}: "${text}" early`);
        checked++;
      }
    assert.ok(checked > 150, `${checked}`);
  });

  it('finds no place among findings or negatives in a small original story', () => {
    const story = units(
      'A 40-year-old woman presents with 2 days of sore throat. She has no cough. She has no hoarseness. She works as a baker. ' +
        'Temperature is 38.2°C and pulse is 96/min. Examination shows tonsillar exudate. A rapid antigen test is positive.',
    );
    const at = laterPlaces(story, 0, false).map((p) => p.at);
    // After the two negatives' first (1), after a vital sign (4) or an examination finding (5): never.
    assert.deepEqual(
      at.filter((g) => [1, 4, 5].includes(g)),
      [],
    );
    assert.ok(at.includes(3) && at.includes(6), `places ${at}`);
  });

  it('says no speech tag, topic or "The patient …" opening twice in a story', () => {
    let named = 0;
    for (const { input, us, all, lines } of later) {
      const tags = all.map((x) => tagOf(x.text)).filter((t) => t !== null);
      assert.equal(new Set(tags).size, tags.length, `${input.case.id}: ${tags}`);
      const ts = lines.map((x) => templateOf(x.text));
      assert.ok(ts.every(Boolean), `${input.case.id}: ${lines.map((x) => x.text)}`);
      for (let i = 0; i < ts.length; i++)
        for (let j = i + 1; j < ts.length; j++) {
          const a = laterTopics(ts[i] as string);
          assert.ok(!laterTopics(ts[j] as string).some((t) => a.includes(t)), `${input.case.id}: ${ts[i]} / ${ts[j]}`);
        }
      // A patient who speaks, of known sex, is "she" or "he" after the story has named them.
      if (input.profile.speaker === 'patient' && input.profile.sex)
        for (const { after, text } of lines)
          if (
            !/\b(?:mother|father|wife|husband|partner|friend|sister|brother|son|daughter|colleague|neighbou?r|child|baby|parents?|roommate)\b/i.test(
              us[after].text,
            )
          ) {
            assert.ok(!/^The patient\b|," the patient\b/.test(text), `${input.case.id}: "${text}"`);
            named++;
          }
    }
    assert.ok(named > 100, `${named}`);
  });

  it('waits only before the findings in an emergency or a clinic, and ends the story only on a plea or a question', () => {
    for (const { input, us, all, lines } of later)
      for (const { after, text } of lines) {
        const last = after === us.length - 1;
        if (/\bwait\w*|how much longer|nearly done|kept long/i.test(text)) {
          assert.ok(['emergency', 'clinic'].includes(input.profile.setting ?? ''), `${input.case.id}: "${text}"`);
          // Nor before dose 1's passage, when nothing yet tells of time spent.
          assert.ok(after > all[0].after, `${input.case.id}: "${text}" before any wait`);
          assert.ok(!last && !isFinding(us[after]), `${input.case.id}: "${text}" after the findings`);
        }
        if (last) assert.ok(/\?|\bask(?:s|ing)?\b|\bplease\b|\bbeg|\bplead|\bimplor/i.test(text), `${input.case.id}: "${text}" ends the story`);
      }
  });

  it('has no later line on how much or how the speaker talks, or how responsive they are', () => {
    const QUIET =
      /says very little|little now|clipped|quiet(?:ly)?\b|softly|whisper|shaky|tired|restless|barely|mumbl|mutter|in a (?:small|weak|low) voice|silent/i;
    const bad = templates.filter((t) => QUIET.test(t.text)).map((t) => t.text);
    assert.deepEqual(bad, []);
  });
});
