import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { emotional } from '../../src/probes/emotional.js';
import { laterLines } from '../../src/probes/emotional-dose.js';
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
      // Later passages each take a place of their own, never dose 1's.
      const places = inserted(isIneligible(d4) ? d2 : d4)
        .slice(2)
        .map((x) => x.after);
      assert.equal(new Set([...places, inserted(d1)[0].after]).size, places.length + 1, input.case.id);
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
