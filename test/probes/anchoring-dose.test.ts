import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { anchoring } from '../../src/probes/anchoring.js';
import { sourcesOf } from '../../src/probes/anchoring-dose.js';
import { cueGaps, placeCue, placeCues } from '../../src/probes/anchoring-place.js';
import { banks } from '../../src/probes/banks.js';
import { suspicionCues } from '../../src/probes/anchoring-fit.js';
import { patientProfile } from '../../src/probes/profile.js';
import { cleanVariant } from '../../src/variants/build.js';
import { isIneligible, type ProbeInput, type ProbeOutput } from '../../src/probes/types.js';

const SEED = 9417;
const inputs: ProbeInput[] = loadCases().cases.map((c) => {
  const v = cleanVariant(c);
  return { case: c, narrative: v.narrative, question: v.question, options: v.options, answer: v.answer, profile: patientProfile(c, v.narrative) };
});

interface Cue {
  source: string;
  text: string;
  place: { at: number; where: string };
}
const cuesOf = (o: ProbeOutput) => (o.changes as { cues: Cue[] }).cues;
const run = (input: ProbeInput, dose: number) => {
  const o = anchoring.apply(input, SEED, dose);
  return isIneligible(o) ? null : o;
};
// Each case at each dose once: the tests read these.
const memo = new Map<string, ProbeOutput | null>();
const made = (input: ProbeInput, dose: number) => {
  const key = `${input.case.id}@${dose}`;
  if (!memo.has(key)) memo.set(key, run(input, dose));
  return memo.get(key) ?? null;
};

describe('anchoring doses (issue 22)', () => {
  it('declares doses 1, 2 and 4; dose 1 is the single-dose call', () => {
    assert.deepEqual(anchoring.doses, [1, 2, 4]);
    for (const input of inputs) {
      const single = anchoring.apply(input, SEED);
      assert.deepEqual(made(input, 1), isIneligible(single) ? null : single);
    }
  });

  it('each higher dose keeps the lower one verbatim and adds one cue from a new source (bank, every case)', () => {
    let d4 = 0;
    for (const input of inputs) {
      const one = made(input, 1);
      const two = made(input, 2);
      const four = made(input, 4);
      if (!one) continue;
      assert.equal(!!two || !four, true, `${input.case.id}: dose 4 without dose 2`);
      for (const [lo, hi, n] of [[one, two, 2] as const, [two, four, 3] as const]) {
        if (!lo || !hi) continue;
        const cues = cuesOf(hi);
        assert.equal(cues.length, n, input.case.id);
        assert.equal(cues[0].text, (one.changes as { cue: string }).cue);
        // Taking the newest cue out gives the lower dose back, byte for byte.
        const last = cues[n - 1].text;
        assert.equal(hi.narrative.split(` ${last}`).length, 2, `${input.case.id}: ${last}`);
        assert.equal(hi.narrative.replace(` ${last}`, ''), lo.narrative, input.case.id);
        assert.deepEqual([hi.question, hi.options, hi.answer], [input.question, input.options, input.answer]);
        const sources = cues.flatMap((c) => c.source.split(' + '));
        assert.equal(new Set(sources).size, sources.length, `${input.case.id}: a source twice: ${sources}`);
        assert.equal(new Set(cues.map((c) => c.place.at)).size, n, `${input.case.id}: two cues at one place`);
      }
      if (four) d4++;
    }
    // Eligibility at dose 4 stays within ten points of dose 1.
    const d1 = inputs.filter((i) => made(i, 1)).length;
    assert.ok(d1 - d4 <= inputs.length / 10, `dose 1 ${d1}, dose 4 ${d4}`);
  });

  it('keeps every number of the story and is deterministic', () => {
    inputs.forEach((input, i) => {
      const four = made(input, 4);
      if (!four) return;
      for (const n of input.narrative.match(/\d+(?:\.\d+)?/g) ?? []) assert.ok(four.narrative.includes(n), `${input.case.id}: ${n}`);
      if (i % 6 === 0) assert.deepEqual(run(input, 4), four);
    });
  });

  it('names a source for every bank cue, and tells a nurse from a senior colleague', () => {
    const all = [...Object.values(banks().anchoring).flatMap((st) => Object.values(st).flat()), ...Object.values(suspicionCues()).flat()];
    for (const p of all) assert.ok(sourcesOf(p.text).length, p.text);
    assert.deepEqual(sourcesOf('The nurse looking after {patient} and a senior colleague on the phone both think it is {option}.'), [
      'nurse',
      'senior colleague',
    ]);
    assert.deepEqual(sourcesOf('{Speaker} firmly believes this is {option}.'), ['patient or family']);
  });

  it('places further cues only between whole units, never before a sentence that points back or beside a table', () => {
    const story =
      'A 40-year-old woman has had a cough for 3 weeks. Her husband has asthma. She smokes. During this time she lost 3 kg. ' +
      'Temperature is 37.9°C. She is short of breath at rest. Laboratory studies show:\nHemoglobin 12 g/dL\nPlatelets 250,000/mm3\nA chest x-ray is shown.';
    const { us, first, others } = cueGaps(story);
    assert.equal(placeCues(us, new Map([[first.at, 'CUE.']])), placeCue(story, 'CUE.'));
    for (const g of others) {
      const text = placeCues(us, new Map([[g.at, 'CUE.']]));
      assert.doesNotMatch(text, /CUE\. During this time/);
      assert.doesNotMatch(text, /CUE\.\s*\n|\nCUE|shown\. CUE/);
    }
    // "… 37.9°C. She is short of breath": only a cue naming no man or woman stands before "She".
    assert.ok(others.some((g) => g.pronounNext));
  });
});
