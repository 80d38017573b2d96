import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Case } from '../../src/cases/types.js';
import { loadCases } from '../../src/cases/load.js';
import { buriedLead } from '../../src/probes/buried-lead.js';
import { jumpedOver, placeFor, sectionOf } from '../../src/probes/buried-lead/place.js';
import { units } from '../../src/probes/structure.js';
import { brokenByMove, carriesOn, leansOnTest, leftLeaning, movedSpan, refersInto } from '../../src/probes/structure/dangling.js';
import { goldWeights, isBackground, weigh } from '../../src/probes/decisive/weigh.js';
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
  'The lungs are clear to auscultation and the heart sounds are normal with no added sounds.',
  'Her platelet count and white cell count are within the reference range.',
  'She takes no medications.',
].join(' ');
const ANAEMIA_OPTIONS = { A: 'Iron deficiency anaemia', B: 'Vitamin B12 deficiency anaemia', C: 'Beta-thalassaemia trait', D: 'Anaemia of chronic disease' };

describe('buried_lead: the decisive unit of free text', () => {
  it('is the specific test or examination finding, not vital signs, a normal abdomen or the job', () => {
    const r = bury(ANAEMIA, 'Which of the following is the most likely diagnosis?', ANAEMIA_OPTIONS);
    assert.match(r.changes.moved.text, /^(?:A peripheral blood smear|Examination shows conjunctival pallor)/);
    // A finding goes after the last finding, before the closing history.
    assert.ok(r.narrative.trimEnd().endsWith(`${r.changes.moved.text} She takes no medications.`), r.narrative);
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

const TRIP = [
  'A 29-year-old woman comes to the clinic because of fever and headache for 4 days.',
  'She returned from a two-week trip to rural Ghana 10 days ago, where she did not take malaria prophylaxis.',
  'She has had shaking chills and drenching sweats every other evening since the day before yesterday.',
  'She has felt tired and has lost her appetite.',
  'She has no cough, rash or urinary symptoms.',
  'Her temperature is 39.2°C and pulse is 104/min.',
  'The abdomen is soft.',
  'Her haemoglobin is 10.2 g/dL.',
].join(' ');
const TRIP_OPTIONS = { A: 'Plasmodium falciparum malaria after travel', B: 'Influenza', C: 'Bacterial meningitis', D: 'Infectious mononucleosis' };
const DX = 'Which of the following is the most likely diagnosis?';
const sentencesOf = (t: string) =>
  t
    .split(/(?<=[.!?])\s+|\n+/)
    .filter(Boolean)
    .sort();

/** The probe's answer on a small original case: the variant, or why it is ineligible. */
function tryBury(vignette: string, options: Case['options'], question = DX): string {
  const c = { id: 'bl-test', specialty: 'test', vignette, question, options, answer: 'A' } as unknown as Case;
  const r = probeVariant(buriedLead, c, cleanVariant(c), 7);
  return 'variant' in r ? r.variant.narrative : `ineligible: ${r.ineligible}`;
}

describe('buried_lead: placed, not spliced (review round 8, class 1)', () => {
  it('puts history last among the history, before the examination, with no connective', () => {
    const r = bury(TRIP, DX, TRIP_OPTIONS);
    assert.equal(r.changes.aside, '');
    const trip = TRIP.split('. ')[1];
    assert.match(r.narrative, new RegExp(`no cough, rash or urinary symptoms\\. ${trip.slice(0, 30)}.*\\. Her temperature is`));
    assert.deepEqual(sentencesOf(r.narrative), sentencesOf(TRIP));
  });

  it('never adds a connective on the bank, keeps every sentence, and puts history before the findings that follow it', () => {
    for (const c of loadCases().cases) {
      const a = probeVariant(buriedLead, c, cleanVariant(c), 11);
      assert.deepEqual(a, probeVariant(buriedLead, c, cleanVariant(c), 11));
      if (!('variant' in a)) continue;
      const { aside, moved } = a.variant.provenance.probe!.changes as Moved;
      assert.equal(aside, '', c.id);
      assert.doesNotMatch(a.variant.narrative, /\b(?:Also|Additionally|In addition), [a-z]/, c.id);
      assert.deepEqual(sentencesOf(a.variant.narrative), sentencesOf(cleanVariant(c).narrative), c.id);
      if (sectionOf(moved.text) !== 'history') continue;
      const after = units(a.variant.narrative.slice(a.variant.narrative.indexOf(moved.text) + moved.text.length));
      assert.ok(!after.length || sectionOf(after[0].text) !== 'history', `${c.id}: ${after[0]?.text}`);
    }
  });
});

describe('buried_lead: nothing left leaning on the moved text (class 2)', () => {
  it('finds "otherwise", a trip, an injury explained or a thing only the moved text names', () => {
    assert.ok(leftLeaning('She is otherwise healthy.', 'She has a rash on her shins.', 'A woman comes in.'));
    assert.ok(leftLeaning('She denies eating seafood while travelling.', 'She returned from Peru.', 'A woman has diarrhoea.'));
    assert.ok(!leftLeaning('She denies eating seafood while travelling.', 'She has a fever.', 'She returned from Peru.'));
    assert.ok(leftLeaning('His mother says he fell from the sofa.', 'There are bruises on his back.', 'A boy is brought in.'));
    assert.ok(leftLeaning('The lesion is not tender.', 'There is a violaceous lesion on the cheek.', 'A man comes in.'));
    assert.ok(!leftLeaning('The lesion is not tender.', 'There is a violaceous lesion on the cheek.', 'He noticed a lesion.'));
  });

  it('finds "the remainder of the examination" told before the finding it excepts (review round 9)', () => {
    assert.ok(leftLeaning('The remainder of the examination shows no abnormalities.', 'There is a vesicular rash on the trunk.', 'A boy has a fever.'));
    assert.ok(leftLeaning('The rest of the physical examination is normal.', 'The liver edge is palpable.', 'A man comes in.'));
  });

  it('never moves a finding past a years-later turn of the story (review round 9)', () => {
    const story = [
      'A 58-year-old woman comes for a routine visit and has no complaints.',
      'She takes levothyroxine for hypothyroidism.',
      'Her leukocyte count is 31,000/mm3, and a peripheral smear shows numerous smudge cells and small mature lymphocytes.',
      'The diagnosis is confirmed by flow cytometry, and she is followed in clinic with regular visits.',
      'Two years after the diagnosis, she comes back with night sweats and a weight loss of 5 kg over 3 months.',
      'Examination shows bulky cervical and axillary lymphadenopathy and splenomegaly 4 cm below the costal margin.',
      'Her haemoglobin concentration is 9.8 g/dL and her platelet count is 96,000/mm3.',
    ].join(' ');
    const options = { A: 'Chronic lymphocytic leukaemia', B: 'Hairy cell leukaemia', C: 'Follicular lymphoma', D: 'Mantle cell lymphoma' };
    const out = tryBury(story, options);
    if (out.startsWith('ineligible')) return;
    assert.ok(out.indexOf('smudge cells') < out.indexOf('Two years after'), out);
  });

  it('makes the case ineligible rather than leave a denial before the trip it refers to', () => {
    const v = TRIP.replace('She has felt tired', 'She denies eating undercooked food while travelling. She has felt tired');
    assert.match(tryBury(v, TRIP_OPTIONS), /ineligible: a remaining sentence leans on the decisive finding/);
  });
});

describe('buried_lead: a weak or background pick is no decisive finding (class 3)', () => {
  it('does not move a comorbidity list', () => {
    const v =
      'A 61-year-old man comes to the physician for a routine visit. He has hypertension, type 2 diabetes mellitus and hyperlipidaemia. ' +
      'He feels well. He walks every day. His pulse is 72/min. The abdomen is soft. He takes no other medicines.';
    const options = { A: 'Hypertension and diabetes screening', B: 'Colonoscopy', C: 'Chest x-ray', D: 'Bone scan' };
    assert.match(tryBury(v, options), /^ineligible: no clear decisive finding/);
    assert.ok(isBackground('Past medical history is notable for hypertension and gout.'));
    assert.ok(isBackground('Current medications include lisinopril and metformin.'));
    assert.ok(!isBackground('A chest radiograph shows a cavity in the right upper lobe.'));
  });
});

describe('buried_lead: a move must bury the finding (class 4)', () => {
  it('makes a move past fewer than 3 sentences ineligible', () => {
    const v = [
      'A 45-year-old man comes to the physician because of a cough for 3 weeks. He has a fever.',
      'A chest radiograph shows a cavity in the right upper lobe. He smokes. His pulse is 90/min.',
    ].join(' ');
    const options = { A: 'Pulmonary tuberculosis with cavity', B: 'Asthma', C: 'Heart failure', D: 'Sarcoidosis' };
    assert.match(tryBury(v, options), /^ineligible: decisive finding moves too little/);
    const rest = units('One. Two is here. Three is here too.');
    assert.equal(jumpedOver(rest, 0, 2), null);
    assert.equal(placeFor(units('A man. He smokes. He drinks. Pulse is 80/min.'), 1, 'history'), 3);
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
    const operated = units(`${open}A biopsy shows ganglion cells are absent. During the operation, a segment is removed. He is lethargic.`);
    assert.match(brokenByMove(operated, { from: 1, to: 1 })?.ineligible ?? '', /tied to a time/);
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
