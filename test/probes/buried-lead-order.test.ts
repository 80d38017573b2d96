import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Case } from '../../src/cases/types.js';
import { buriedLead } from '../../src/probes/buried-lead.js';
import { sectionOf } from '../../src/probes/buried-lead/place.js';
import { sharedSubject } from '../../src/probes/buried-lead/same-subject.js';
import { leftLeaning } from '../../src/probes/structure/dangling.js';
import { isBackground } from '../../src/probes/decisive/weigh.js';
import { sesSentence } from '../../src/variants/free-text/ses.js';
import { cleanVariant, probeVariant } from '../../src/variants/build.js';

/** The probe's answer on a small original case (our own wording): the variant, or why it is ineligible. */
function tryBury(vignette: string, options: Case['options'], question = 'Which of the following is the most likely diagnosis?'): string {
  const c = { id: 'bl-order', specialty: 'test', vignette, question, options, answer: 'A' } as unknown as Case;
  const r = probeVariant(buriedLead, c, cleanVariant(c), 9001);
  return 'variant' in r ? r.variant.narrative : `ineligible: ${r.ineligible}`;
}

describe('buried_lead: a generic sign is no decisive finding against a specific result (review round 10, class 1)', () => {
  it('makes the case ineligible when a lab table told later weighs about as much as the sign', () => {
    const v = [
      'A 40-year-old man with a kidney transplant comes to the emergency department because of headache and fever for 10 days.',
      'He takes tacrolimus and prednisone.',
      'He has had no rash, cough or diarrhoea.',
      'He keeps two cats and a dog at home and works in an office.',
      'His temperature is 38.4°C.',
      'Physical examination shows nuchal rigidity.',
      'He is drowsy but follows commands, and the pupils react to light.',
      'The abdomen is soft and the skin shows no lesions on inspection.',
      'The heart sounds are normal and the lungs are clear to auscultation.',
      'Cerebrospinal fluid analysis shows:\nOpening pressure 30 cm H2O\nLeukocyte count 40/mm3\nGlucose 30 mg/dL\nIndia ink stain positive',
      'He is admitted to the ward.',
    ].join(' ');
    const options = { A: 'Cryptococcal meningitis', B: 'Bacterial meningitis', C: 'Viral encephalitis', D: 'Tuberculous meningitis' };
    assert.match(tryBury(v, options), /^ineligible: no clear decisive finding/);
  });
});

describe('buried_lead: a counterfactual social marker is no decisive finding (review round 10, class 1)', () => {
  it('counts every socioeconomic marker sentence as background', () => {
    for (let k = 0; k < 40; k++)
      for (const age of [8, 25, 45, 70])
        for (const value of ['low', 'high'] as const) {
          const marker = sesSentence(`case-${k}`, value, age);
          assert.ok(isBackground(marker), marker);
        }
    assert.ok(!isBackground('He works as a guard in a prison.'));
  });
});

describe('buried_lead: chart order after the move (review round 10, class 2)', () => {
  it('keeps an examination finding among the examination findings, before the results', () => {
    const v = [
      'A 62-year-old woman comes to the physician because of breathlessness on exertion for 2 months.',
      'She has had no chest pain.',
      'There is a loud diastolic murmur with an opening snap at the apex.',
      'Her ankles are puffy by evening.',
      'The jugular venous pressure is raised 5 cm.',
      'There are fine crackles at both lung bases.',
      'The liver edge is felt 3 cm below the costal margin.',
      'The haemoglobin is 12.9 g/dL and the creatinine 0.9 mg/dL.',
      'A chest radiograph shows straightening of the left heart border.',
    ].join(' ');
    const options = { A: 'Mitral stenosis with an opening snap', B: 'Aortic stenosis', C: 'Hypertrophic cardiomyopathy', D: 'Constrictive pericarditis' };
    const out = tryBury(v, options);
    assert.ok(!out.startsWith('ineligible'), out);
    assert.ok(out.indexOf('opening snap') < out.indexOf('The haemoglobin'), out);
    assert.ok(out.indexOf('opening snap') > out.indexOf('The liver edge'), out);
  });

  it('charts a swollen joint or a sign "present" with the examination, and never leaves the lead-in behind its continuation', () => {
    assert.equal(sectionOf('The right knee is swollen.'), 'examination');
    assert.equal(sectionOf('Kernig and Brudzinski signs are present.'), 'examination');
    assert.equal(sectionOf('There is no family history of serious illness.'), 'history');
    const v = [
      'A 19-year-old student is brought to the emergency department because of fever and headache since this morning.',
      'She shares a dormitory room with two others.',
      'Her temperature is 39.6°C.',
      'Physical examination shows a non-blanching purpuric rash on the legs.',
      'The neck is stiff and tender on flexion.',
      'The pupils react to light and the fundi are normal.',
      'The abdomen is soft and the liver is not palpable.',
      'Both knees have a full range of motion without effusion.',
      'A lumbar puncture is pending.',
    ].join(' ');
    const options = { A: 'Meningococcal meningitis with purpuric rash', B: 'Viral meningitis', C: 'Migraine', D: 'Subarachnoid haemorrhage' };
    assert.match(tryBury(v, options), /^ineligible: decisive finding heads the examination/);
  });
});

describe('buried_lead: no contradiction by reordering (review round 10, class 3)', () => {
  it('never moves a result past a later sentence about the same test', () => {
    assert.equal(sharedSubject('Her blood cultures grow Klebsiella.', 'Repeat blood cultures are negative.'), 'culture');
    assert.equal(sharedSubject('Her blood cultures grow Klebsiella.', 'A chest radiograph is clear.'), null);
    const v = [
      'A 58-year-old man is in the intensive care unit for the fifth day with pneumonia and septic shock.',
      'His blood cultures on admission grow Klebsiella pneumoniae sensitive to meropenem, which he has received since then.',
      'He has type 2 diabetes mellitus.',
      'His temperature is 37.2°C and blood pressure 92/58 mm Hg on noradrenaline.',
      'There are crackles at the right base.',
      'Repeat blood cultures are negative.',
      'His morning cortisol is 4 µg/dL.',
      'A chest radiograph shows a resolving right lower lobe consolidation.',
    ].join(' ');
    const options = { A: 'Klebsiella bacteraemia treated with meropenem', B: 'Adrenal crisis', C: 'Pulmonary embolism', D: 'Heart failure' };
    assert.match(tryBury(v, options), /^ineligible: decisive finding would cross a sentence about the same test or finding/);
  });
});

describe('buried_lead: no "other" left before what it is other than (review round 11, class 4)', () => {
  const lines = [
    'A 34-year-old woman comes to the physician because of tiredness for 3 months.',
    'She works as a primary school teacher.',
    'Her haemoglobin is 9.1 g/dL.',
    'Her temperature is 37.0°C, pulse is 88/min, and blood pressure is 118/76 mm Hg.',
    'A peripheral blood smear shows small, pale red cells with pencil cells.',
    'Examination shows conjunctival pallor and spoon-shaped nails.',
    'No other abnormal cells are seen on the film.',
    'The lungs are clear to auscultation and the heart sounds are normal with no added sounds.',
    'Her platelet count and white cell count are within the reference range.',
    'She takes no medications.',
  ];
  const options = { A: 'Iron deficiency anaemia', B: 'Vitamin B12 deficiency anaemia', C: 'Beta-thalassaemia trait', D: 'Anaemia of chronic disease' };

  it('makes the case ineligible when a "no other …" sentence would stay before the moved finding', () => {
    assert.match(tryBury(lines.join(' '), options), /ineligible: a remaining sentence leans on the decisive finding/);
    // Without it the same case moves the smear: the rule, not the case, makes it ineligible.
    const without = tryBury(lines.filter((l) => !l.startsWith('No other')).join(' '), options);
    assert.ok(!without.startsWith('ineligible'), `without the "other" sentence: ${without}`);
  });

  it('reads "the other …" and "any other …" the same way', () => {
    for (const other of ['The other red cell changes are mild.', 'There are no other visible defects.', 'She has no other symptoms.'])
      assert.ok(leftLeaning(other, 'A smear shows pencil cells.', 'A woman is tired.'), other);
  });
});
