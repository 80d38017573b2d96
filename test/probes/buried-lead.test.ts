import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Case } from '../../src/cases/types.js';
import { loadCases } from '../../src/cases/load.js';
import { buriedLead } from '../../src/probes/buried-lead.js';
import { asidesFor } from '../../src/probes/buried-lead/asides.js';
import { patientProfile } from '../../src/probes/profile.js';
import { units } from '../../src/probes/structure.js';
import { brokenByMove, carriesOn, leansOnTest, movedSpan, refersInto } from '../../src/probes/structure/dangling.js';
import { goldWeights, weigh } from '../../src/probes/decisive/weigh.js';
import { cleanVariant, probeVariant } from '../../src/variants/build.js';

type Moved = { moved: { from: number; to: number; decisive: number; text: string; source: string }; aside: string };

/** A small original free-text case (our own wording) run through buried_lead. */
function bury(vignette: string, question: string, options: Case['options'], seed = 7): { narrative: string; changes: Moved } {
  const c = { id: 'bl-test', specialty: 'test', vignette, question, options, answer: 'A' } as unknown as Case;
  const r = probeVariant(buriedLead, c, cleanVariant(c), seed);
  assert.ok('variant' in r, `ineligible: ${'ineligible' in r ? r.ineligible : ''}`);
  return { narrative: r.variant.narrative, changes: r.variant.provenance.probe!.changes as Moved };
}

const ANAEMIA = [
  'A 34-year-old woman comes to the physician because of tiredness for 3 months.',
  'She works as a primary school teacher.',
  'Her haemoglobin is 9.1 g/dL.',
  'Her temperature is 37.0°C, pulse is 88/min, and blood pressure is 118/76 mm Hg.',
  'A peripheral blood smear shows small, pale red cells with pencil cells.',
  'Examination shows conjunctival pallor and spoon-shaped nails.',
  'The abdomen is soft and non-tender.',
  'She takes no medications.',
].join(' ');
const ANAEMIA_OPTIONS = { A: 'Iron deficiency anaemia', B: 'Vitamin B12 deficiency anaemia', C: 'Beta-thalassaemia trait', D: 'Anaemia of chronic disease' };

describe('buried_lead: the decisive unit of free text', () => {
  it('is the specific test or examination finding, not vital signs, a normal abdomen or the job', () => {
    const r = bury(ANAEMIA, 'Which of the following is the most likely diagnosis?', ANAEMIA_OPTIONS);
    assert.match(r.changes.moved.text, /^(?:A peripheral blood smear|Examination shows conjunctival pallor)/);
    assert.ok(r.narrative.trimEnd().endsWith(r.changes.moved.text.slice(1)), r.narrative);
  });

  it('weighs the gold option only by words no wrong option shares', () => {
    const w = goldWeights('Distributive shock with warm skin', [
      'Hypovolemic shock with warm skin',
      'Obstructive shock with cold skin',
      'Neurogenic shock with cold skin',
    ]);
    // "shock" and "skin" are in every option: they tell nothing apart; "warm" one wrong option shares.
    assert.deepEqual(Object.fromEntries(w), { distri: 3, warm: 1 });
  });

  it('counts a sign named only to be denied as nothing found', () => {
    const none = new Map<string, number>();
    const denied = weigh('There is no lymphadenopathy.', 'examination', 'diagnosis', none);
    const found = weigh('There is cervical lymphadenopathy.', 'examination', 'diagnosis', none);
    assert.ok(found - denied >= 4, `${found} vs ${denied}`);
  });
});

describe('buried_lead: nothing left dangling', () => {
  it('moves a sentence that names what only the decisive unit brought in along with it', () => {
    const us = units(
      'A 48-year-old woman comes to the clinic because of a lump in her neck. She has no other symptoms. ' +
        'On examination there is a 2-cm firm nodule in the left lobe of the thyroid gland. The nodule moves on swallowing. ' +
        'Her pulse is 72/min. She does not smoke.',
    );
    assert.deepEqual(movedSpan(us, 2), { from: 2, to: 3 });
  });

  it('makes the case ineligible when such a sentence comes further on', () => {
    const us = units(
      'A 48-year-old woman comes to the clinic because of tiredness. She has no other symptoms. ' +
        'On examination there is a 2-cm firm nodule in the left lobe of the thyroid gland. Her pulse is 72/min. ' +
        'The nodule moves on swallowing. She does not smoke.',
    );
    const span = movedSpan(us, 2);
    assert.ok('ineligible' in span && span.ineligible.startsWith('a later sentence refers back'), JSON.stringify(span));
    // A thing the story named before the moved unit has its antecedent still in place.
    assert.equal(refersInto('The nodule moves on swallowing.', 'There is a 2-cm nodule.', 'She noticed a nodule in her neck.'), false);
    assert.equal(refersInto('These findings prompt a referral.', 'There is a 2-cm nodule.', 'She has a cough.'), true);
    // "these conditions" right after the moved unit points at it; further on it may point at anything before.
    assert.equal(refersInto('He was last seen for these conditions a month ago.', 'He has hypertension.', 'A man.', true), true);
    assert.equal(refersInto('He was last seen for these conditions a month ago.', 'He has hypertension.', 'A man.', false), false);
  });

  it('moves a unit that carries on from the one before together with it, never with the opening', () => {
    assert.ok(carriesOn('On further questioning, he reports night sweats.'));
    // A repeat test leans on the first one, which stays before it: it moves alone.
    assert.ok(!carriesOn('Repeat testing shows a rising titre.'));
    assert.ok(!carriesOn('Chest radiograph shows a cavity in the right upper lobe.'));
    const us = units(
      'A 40-year-old man comes to the physician because of a cough for 2 months. He has lost 5 kg. ' +
        'On further questioning, he reports night sweats. His temperature is 37.9°C. He works in a prison.',
    );
    assert.deepEqual(movedSpan(us, 2), { from: 1, to: 2 });
    const opening = units('A 40-year-old man comes to the physician because of a cough. On further questioning, he reports night sweats. He smokes.');
    const span = movedSpan(opening, 1);
    assert.ok('ineligible' in span && span.ineligible.startsWith('decisive finding carries on from the opening'));
  });
});

describe('buried_lead: connectives', () => {
  it('brings in a result or an examination finding with no connective, history with a plain one', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = bury(ANAEMIA, 'Which of the following is the most likely diagnosis?', ANAEMIA_OPTIONS, seed);
      assert.equal(r.changes.aside, '', r.changes.moved.text);
    }
    const profile = patientProfile(loadCases().cases[0], 'A 30-year-old woman comes to the clinic.');
    assert.deepEqual(asidesFor('Laboratory studies show a hemoglobin of 8 g/dL.', 'test', profile, false), []);
    assert.deepEqual(asidesFor('On examination, a diastolic murmur is heard at the apex.', 'examination', profile, false), []);
    assert.deepEqual(asidesFor('Her temperature is 38.9°C.', 'measurement', profile, false), []);
    const history = asidesFor('She works on a sheep farm.', 'history', profile, false).map((a) => a.text);
    assert.ok(history.length > 0 && history.every((a) => /^(?:Also|In addition|Additionally),$/.test(a)), history.join(' | '));
  });

  it('uses no mechanical colon connective anywhere in the bank variants', () => {
    for (const c of loadCases().cases) {
      const a = probeVariant(buriedLead, c, cleanVariant(c), 11);
      if (!('variant' in a)) continue;
      const { aside } = a.variant.provenance.probe!.changes as Moved;
      assert.doesNotMatch(aside, /:$|another|one more/i, `${c.id}: ${aside}`);
    }
  });

  it('never glues a moved unit to a table row on the bank, and is deterministic', () => {
    for (const c of loadCases().cases) {
      const a = probeVariant(buriedLead, c, cleanVariant(c), 11);
      const b = probeVariant(buriedLead, c, cleanVariant(c), 11);
      assert.deepEqual(a, b);
      if (!('variant' in a)) continue;
      const { aside } = a.variant.provenance.probe!.changes as Moved;
      if (!aside) continue;
      const line = a.variant.narrative.split('\n').find((l) => l.includes(aside))!;
      // The aside opens its line or follows a sentence's end, never a "name value unit" row.
      const before = line.slice(0, line.indexOf(aside)).trim();
      assert.ok(before === '' || /[.!?:"”)]$/.test(before), `${c.id}: ${before.slice(-40)}|${aside}`);
    }
  });
});

describe('buried_lead: chronology and care survive the move (issue 13 review)', () => {
  const open = 'A 3-day-old boy is brought to the physician because of poor feeding. ';
  it('keeps a unit that leans on an earlier one, or sits before a time shift, or is care given, where it is', () => {
    const leans = units(`${open}An echocardiogram is performed. The technician further notes a ventricular septal defect. He is afebrile.`);
    assert.match(brokenByMove(leans, { from: 2, to: 2 })?.ineligible ?? '', /leans on an earlier/);
    const timed = units(`${open}A blood culture grows gram-positive cocci. He is treated and discharged. One year later, he returns with a limp.`);
    assert.match(brokenByMove(timed, { from: 1, to: 1 })?.ineligible ?? '', /tied to a time/);
    const care = units(`${open}Intravenous fluids are started. After a second bolus, his blood pressure is 70/40 mm Hg. He is lethargic.`);
    assert.match(brokenByMove(care, { from: 2, to: 2 })?.ineligible ?? '', /care given/);
    const fine = units(`${open}A blood smear shows schistocytes. He is lethargic.`);
    assert.equal(brokenByMove(fine, { from: 1, to: 1 }), null);
  });
  it('moves a later "the organism" / "the technician" sentence with the test that brought it in', () => {
    assert.ok(leansOnTest('The organism grows well on chocolate agar.', 'A culture of the fluid is positive.', 'He has a fever.'));
    assert.ok(!leansOnTest('The organism grows well on chocolate agar.', 'His neck is stiff.', 'A culture of the fluid is positive.'));
    const us = units(`${open}A culture of the fluid is positive. The organism grows well on chocolate agar. He is lethargic.`);
    assert.deepEqual(movedSpan(us, 1), { from: 1, to: 2 });
  });
});
