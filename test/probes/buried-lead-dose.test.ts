import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Case } from '../../src/cases/types.js';
import { loadCases } from '../../src/cases/load.js';
import { buriedLead } from '../../src/probes/buried-lead.js';
import { patientProfile } from '../../src/probes/profile.js';
import { isIneligible, type ProbeInput, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

type Changes = { moved: { text: string }; dose?: number; split?: { past: string[] }; says?: { class: string; text: string } };

function input(c: Case): ProbeInput {
  const v = cleanVariant(c);
  return { case: c, narrative: v.narrative, question: v.question, options: v.options, answer: v.answer, profile: patientProfile(c, v.narrative) };
}
const at = (c: Case, dose?: number) => (dose === undefined ? buriedLead.apply(input(c), 9001) : buriedLead.apply(input(c), 9001, dose));
const numbers = (t: string) => (t.match(/\d+(?:[.,]\d+)*/g) ?? []).sort();
const sentences = (t: string) => t.split(/(?<=[.!?])\s+/).sort();

const { cases } = loadCases();
const runs = cases.map((c) => ({ c, one: at(c), d1: at(c, 1), d2: at(c, 2), d4: at(c, 4) }));
const ok = (o: ProbeOutput | ReturnType<typeof at>): o is ProbeOutput => !isIneligible(o);

describe('buried_lead doses on the bank', () => {
  it('dose 1 is the single-dose call, byte for byte', () => {
    for (const r of runs) assert.deepEqual(r.d1, r.one, r.c.id);
  });
  it('doses 1 ⊂ 2 ⊂ 4: dose 2 tells dose 1 sentences and moved text verbatim; dose 4 is dose 2 plus one sentence', () => {
    let twos = 0;
    for (const { c, d1, d2, d4 } of runs) {
      if (ok(d2)) {
        assert.ok(ok(d1), `${c.id}: eligible at dose 2 only`);
        twos++;
        const moved = (d1.changes as Changes).moved.text;
        assert.ok(d2.narrative.includes(moved), c.id);
        assert.deepEqual(sentences(d2.narrative), sentences(d1.narrative), c.id);
        assert.ok(d2.narrative.endsWith(moved) || d2.narrative.indexOf(moved) > d1.narrative.indexOf(moved), c.id);
      }
      if (ok(d4)) {
        assert.ok(ok(d2), `${c.id}: eligible at dose 4 only`);
        const says = (d4.changes as Changes).says!.text;
        assert.equal(d4.narrative.replace(` ${says}`, ''), d2.narrative, c.id);
      }
    }
    assert.ok(twos >= 3, `only ${twos} bank cases at dose 2`);
  });
  it('keeps every number, the question, options and answer at every dose, deterministically', () => {
    for (const r of runs)
      for (const [d, out] of [[2, r.d2] as const, [4, r.d4] as const]) {
        if (!ok(out)) continue;
        const clean = input(r.c);
        assert.deepEqual(numbers(out.narrative), numbers(clean.narrative), `${r.c.id}@${d}`);
        assert.deepEqual([out.question, out.options, out.answer], [clean.question, clean.options, clean.answer]);
        assert.deepEqual(at(r.c, d), out);
      }
  });
});

/** A small original case (our own wording) whose decisive finding, named as its red flag, is one a patient could see. */
function own(vignette: string, redFlag: string): Case {
  const options = { A: 'Primary sclerosing cholangitis', B: 'Primary biliary cholangitis', C: 'Choledocholithiasis', D: 'Hepatitis A' };
  return {
    id: 'bl-dose',
    specialty: 'test',
    vignette,
    question: 'Which of the following is the most likely diagnosis?',
    options,
    answer: 'A',
    redFlag,
  } as unknown as Case;
}
const PSC = [
  'A 52-year-old man comes to the physician because of tiredness and itching for 2 months.',
  'He drinks two glasses of wine a week.',
  'He has ulcerative colitis treated with mesalazine.',
  'His temperature is 36.9°C and pulse is 76/min.',
  'There is scleral icterus.',
  'The abdomen is soft and non-tender.',
  'The heart sounds are normal and the lungs are clear to auscultation.',
  'Neurological examination shows no asterixis or tremor of the outstretched hands.',
  'Serum alkaline phosphatase is 640 U/L and total bilirubin 3.1 mg/dL.',
  'Magnetic resonance cholangiography shows multifocal strictures and dilatations of the bile ducts.',
];

describe('buried_lead doses on an original case', () => {
  const c = own(PSC.join(' '), 'There is scleral icterus.');
  it('dose 2 tells the examination finding after the results; dose 4 adds the patient not noticing it, in the history', () => {
    const [d1, d2, d4] = [at(c, 1), at(c, 2), at(c, 4)];
    assert.ok(ok(d1) && ok(d2) && ok(d4), JSON.stringify([d1, d2, d4]));
    assert.ok(d1.narrative.indexOf('There is scleral icterus.') < d1.narrative.indexOf('Serum alkaline'));
    assert.ok(d2.narrative.endsWith('bile ducts. There is scleral icterus.'), d2.narrative);
    assert.match(d4.narrative, /mesalazine\. He says he has not noticed any yellowing of his skin or eyes\. His temperature/);
    assert.deepEqual((d4.changes as Changes).split?.past.length, 2);
  });
  it('is ineligible at dose 4 when the history already tells of it, or nobody could perceive it', () => {
    const told = own(PSC.join(' ').replace('itching', 'yellow eyes'), 'There is scleral icterus.');
    assert.ok(ok(at(told, 2)));
    assert.match((at(told, 4) as { ineligible: string }).ineligible, /already tells/);
    const murmur = own(PSC.join(' ').replace('There is scleral icterus.', 'There is a systolic murmur at the apex.'), 'There is a systolic murmur');
    assert.ok(ok(at(murmur, 2)));
    assert.match((at(murmur, 4) as { ineligible: string }).ineligible, /could perceive/);
  });
});
