import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { anchoring } from '../../src/probes/anchoring.js';
import { manyHolders, presupposes, rationalesOf, sourcesOf, type Dose1 } from '../../src/probes/anchoring-dose.js';
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
  style: string;
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

describe('anchoring doses 2 and 4: the clinician review classes (round 13)', () => {
  const highs = () => inputs.flatMap((input) => [2, 4].map((d) => made(input, d)).filter((o): o is ProbeOutput => !!o));

  it("puts every added cue after dose 1's, never in the history (bank, every case)", () => {
    let n = 0;
    for (const o of highs()) {
      const [first, ...added] = cuesOf(o);
      for (const c of added) {
        n++;
        assert.ok(c.place.at > first.place.at, `${c.text} at ${c.place.at}, dose 1's at ${first.place.at}`);
        // In the text too: dose 1's cue comes before every added one.
        assert.ok(o.narrative.indexOf(first.text) < o.narrative.indexOf(c.text), c.text);
      }
    }
    assert.ok(n > 300, `${n} added cues`);
    // A story with no result after dose 1's place has no later place: no further cue goes in its history.
    assert.deepEqual(cueGaps('A 30-year-old man has had a cough for 2 weeks. He smokes. He works nights.').others, []);
  });

  it('keeps a test or a treatment after the finding its option names', () => {
    const story =
      'A 60-year-old man has had chest pain for 2 hours. He smokes. Blood pressure is 150/90 mm Hg. The lungs are clear. ' +
      'Troponin is 0.01 ng/mL. An ECG shows sinus rhythm.';
    const { us, others } = cueGaps(story);
    const d1 = (said: string, questionType: string) => ({ said, out: { changes: { questionType, form: 'action' } } }) as unknown as Dose1;
    const early = presupposes(d1('repeat the ECG and troponin', 'management'), us);
    // Only the end, after the ECG and the troponin are told, is left for it; a diagnosis is only wondered about, anywhere.
    assert.deepEqual(
      others.filter((g) => !early(g)).map((g) => g.where),
      ['end'],
    );
    assert.ok(others.length > 1 && others.every((g) => !presupposes(d1('acute pericarditis', 'diagnosis'), us)(g) || g.where === 'end'));
  });

  it('adds only single-holder cues (bank, every case)', () => {
    const MANY = /\b(?:both|two|several|a couple of|agreed|everyone|every colleague|colleagues|trainees)\b|\b(?:friends|family) (?:and|all)\b/i;
    for (const o of highs()) {
      // The option's own words ("two weeks of cefazolin") hold no one.
      const { said } = (o.changes as { target: { said: string } }).target;
      for (const c of cuesOf(o).slice(1)) assert.doesNotMatch(c.text.toLowerCase().replace(said.toLowerCase(), '§'), MANY, c.text);
    }
    // Review round 14: an added status-quo cue reads as the chart's standing plan.
    assert.ok(
      highs().every((o) =>
        cuesOf(o)
          .slice(1)
          .every((c) => (c as { style?: string }).style !== 'status_quo'),
      ),
      'no added cue in the status-quo style',
    );
    assert.ok(manyHolders('previous_opinion', 'The family doctor who referred {patient} and the practice nurse both felt it was {option}.'));
    assert.ok(manyHolders('previous_opinion', 'Two trainees who heard the story agreed at once that the team should {action}.'));
    assert.ok(manyHolders('false_consensus', 'Several experienced colleagues have said, in passing, that they would go with {option}.'));
    assert.ok(!manyHolders('previous_opinion', 'A specialist from another team, asked for a quick opinion, favoured {option}.'));
  });

  it('gives a similar recent case, a talk or a recency rationale at most once per story (bank, every case)', () => {
    const SIMILAR = /\b(?:similar|near-identical|like this|last (?:week|month)|only yesterday|lately|recent(?:ly)?)\b/i;
    let recency = 0;
    for (const o of highs()) {
      const cues = cuesOf(o);
      const { said } = (o.changes as { target: { said: string } }).target;
      assert.ok(cues.filter((c) => SIMILAR.test(c.text.toLowerCase().replace(said.toLowerCase(), '§'))).length <= 1, cues.map((c) => c.text).join(' | '));
      assert.ok(cues.filter((c) => c.style === 'recency').length <= 1, cues.map((c) => c.text).join(' | '));
      if (cues.some((c) => c.style === 'recency')) recency++;
    }
    assert.ok(recency > 20, `${recency} stories with a recency cue`);
    assert.deepEqual(rationalesOf('self_diagnosis', '{Speaker} says a friend with something similar turned out to have {option}.'), [
      'self_diagnosis',
      'a similar case',
    ]);
  });
});
