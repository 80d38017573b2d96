import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listLints, getLint } from '../../../src/variants/check/registry.js';
import { lint } from './fixture.js';

const ADULT =
  'A 48-year-old man presents to the emergency department with 2 days of fever. He works as a baker and rents a ' +
  'flat. He has asthma and smokes. Pulse is 104/min and blood pressure 112/70 mm Hg. He has no rash.';

describe('the lint registry', () => {
  it('lists fourteen lints once each, found by name', () => {
    const names = listLints().map((l) => l.name);
    assert.equal(new Set(names).size, names.length);
    assert.deepEqual(names.sort(), [
      'age-state-fit',
      'doubled-word',
      'facts-preserved',
      'finding-as-own',
      'finding-in-quote',
      'first-person-agreement',
      'hedge-on-measurement',
      'mixed-script',
      'narrator',
      'sex-specific',
      'table-integrity',
      'third-person-in-quote',
      'time-anchor',
      'unchanged',
    ]);
    assert.equal(getLint('narrator')?.name, 'narrator');
    assert.equal(getLint('nope'), undefined);
  });
});

describe('finding-as-own', () => {
  const base = 'A 24-year-old man wears a Holter monitor after a screening ECG showed sinus bradycardia at 48/min. Pulse is 52/min.';
  it('flags the teller in the place of a test', () => {
    for (const bad of ['"I showed sinus bradycardia at 48/min."', '"Then I revealed a murmur."', '"We demonstrated a 2-cm mass."']) {
      const out = lint('finding-as-own', base, `A man, in his own words: ${bad} Pulse is 52/min.`, 'lay_voice');
      assert.equal(out.length, 1, bad);
    }
  });
  it('passes the teller showing someone something, and other probes', () => {
    for (const ok of ['"I showed the doctor my rash."', '"I wear a monitor because an ECG showed a slow pulse."'])
      assert.deepEqual(lint('finding-as-own', base, `A man, in his own words: ${ok} Pulse is 52/min.`, 'lay_voice'), [], ok);
    assert.deepEqual(lint('finding-as-own', base, 'I showed sinus bradycardia.', 'distractor'), []);
  });
});

describe('finding-in-quote', () => {
  const base = 'A 53-year-old man has shoulder pain. On exam, he has pain to palpation below the acromion. A murmur was found on a routine exam last year.';
  it("flags this visit's examination inside the quote", () => {
    for (const bad of ['"On exam, I have pain to palpation below the acromion."', '"I also complain of tenderness on examination."'])
      assert.equal(lint('finding-in-quote', base, `A man, in his own words: ${bad}`, 'lay_voice').length, 1, bad);
  });
  it('passes an earlier finding the teller passes on, the examination outside the quote, and other probes', () => {
    for (const ok of [
      'A man, in his own words: "A murmur was found on a routine exam last year." On exam, he has pain to palpation.',
      'A man, in his own words: "My shoulder hurts." On exam, he has pain to palpation below the acromion.',
    ])
      assert.deepEqual(lint('finding-in-quote', base, ok, 'lay_voice'), [], ok);
    assert.deepEqual(lint('finding-in-quote', base, '"On exam, I have pain."', 'distractor'), []);
  });
  it('flags how the patient behaves while interviewed inside the quote, and passes it outside', () => {
    const seen = 'A 76-year-old man is confused. He dozes off between questions and loses the thread of the conversation.';
    for (const bad of ['"I doze off between questions."', '"I lose the thread of the conversation."', '"I avoid eye contact during the interview."'])
      assert.equal(lint('finding-in-quote', seen, `A man, as told by his son: "He is confused." He adds: ${bad}`, 'lay_voice').length, 1, bad);
    const ok = 'A man, as told by his son: "My father is confused." He dozes off between questions and loses the thread of the conversation.';
    assert.deepEqual(lint('finding-in-quote', seen, ok, 'lay_voice'), []);
  });
});

describe('finding-in-quote: the mental-status examination', () => {
  const base = 'A 72-year-old man is confused. He is disoriented to date and place and cannot recall three words. He cannot perform serial sevens.';
  it('flags orientation, word recall, serial sevens and scores inside the quote, and passes them outside', () => {
    for (const bad of [
      '"My friend is disoriented to date and place."',
      '"He cannot recall three words after 5 minutes."',
      '"I cannot perform serial sevens."',
      '"My MMSE score is 18."',
      '"He follows one-step commands."',
    ])
      assert.equal(lint('finding-in-quote', base, `A man, as told by his friend: ${bad}`, 'lay_voice').length, 1, bad);
    const ok = 'A man, as told by his friend: "My friend is muddled." He is disoriented to date and place and cannot recall three words.';
    assert.deepEqual(lint('finding-in-quote', base, ok, 'lay_voice'), []);
  });
});

describe('first-person-agreement', () => {
  const base = ADULT;
  it('flags "I" with a third-person verb, also coordinated or after an adverb', () => {
    for (const bad of [
      'I work as a baker and rents a flat.',
      'I have asthma and smokes.',
      'I am shivering, has a dry cough and feels weak.',
      'I occasionally takes paracetamol.',
      'I is tired.',
      'Pulse is 104/min and me is sweaty.',
      'I do not smoke, nor does I drink.',
    ]) {
      const out = lint('first-person-agreement', base, `${bad} Pulse is 104/min and blood pressure 112/70 mm Hg.`, 'lay_voice');
      assert.ok(out.length >= 1, `expected a flag for: ${bad}`);
    }
  });
  it('stays silent on correct first person and on other subjects', () => {
    for (const ok of [
      'I work as a baker and rent a flat.',
      'I think she has asthma and smokes.',
      'My son has asthma.',
      'The doctor says I need rest.',
      'I have pain that comes and goes.',
      'I have a cough, fever and chills.',
      'I have diabetes, which is well controlled.',
      'It began while I was at work and persists at rest.',
    ]) {
      assert.deepEqual(lint('first-person-agreement', base, `${ok} Pulse is 104/min.`, 'lay_voice'), [], ok);
    }
  });
  it('looks only at lay_voice variants', () => {
    assert.deepEqual(lint('first-person-agreement', base, 'I is tired.', 'distractor'), []);
  });
});

describe('narrator', () => {
  const child = 'A 6-year-old girl is brought to the clinic by her father with 3 days of ear pain. She had a cold last week. Temperature is 38.4°C.';
  it('flags a child narrating in the first person', () => {
    const out = lint(
      'narrator',
      child,
      "I'm a 6-year-old girl, and I was brought to the clinic by my father with 3 days of ear pain. I had a cold last week. Temperature is 38.4°C.",
      'lay_voice',
    );
    assert.ok(out.length >= 2);
  });
  it('accepts a parent telling the story about the child', () => {
    assert.deepEqual(
      lint(
        'narrator',
        child,
        'My daughter is 6, and I brought her to the clinic with 3 days of ear pain. She had a cold last week. Temperature is 38.4°C.',
        'lay_voice',
      ),
      [],
    );
  });
  it("accepts the mother's own worry about her son in her words, and still flags the son's state as hers", () => {
    const boy = 'An 11-month-old boy is brought to the clinic by his mother. She is concerned about his leg. He has a cough.';
    assert.deepEqual(lint('narrator', boy, 'An 11-month-old boy, as told by his mother: "I am concerned about his leg. He has a cough."', 'lay_voice'), []);
    assert.equal(lint('narrator', boy, 'An 11-month-old boy, as told by his mother: "She is concerned about my leg. I have a cough."', 'lay_voice').length, 1);
  });
  it('flags added "the patient says" for a child or an intubated patient, not for an adult', () => {
    assert.equal(lint('narrator', child, `${child} The patient says the school bus was late.`).length, 1);
    const icu = 'A 60-year-old man is intubated in the intensive care unit after a cardiac arrest. Temperature is 36.1°C.';
    assert.equal(lint('narrator', icu, `${icu} 'I just want to go home,' the patient says.`, 'emotional').length, 1);
    assert.deepEqual(lint('narrator', ADULT, `${ADULT} The patient says the bus was late.`), []);
    // The baby is who the nurse looks after; the nurse speaks.
    assert.deepEqual(lint('narrator', child, `${child} The nurse looking after the child says it looks like croup.`), []);
  });
});

describe('age-state-fit', () => {
  const infant = 'A 5-month-old boy is brought to the emergency department with 2 days of cough. Temperature is 38.0°C.';
  it('flags adult life added for an infant, and planned care in an emergency', () => {
    const out = lint('age-state-fit', infant, `${infant} The patient mentions a commute to the office that takes an hour.`);
    assert.ok(out.some((d) => /adult life/.test(d.message)));
    assert.ok(lint('age-state-fit', infant, `${infant} A relative booked the appointment for them weeks ago.`).some((d) => /planned care/.test(d.message)));
  });
  it('flags retirement for an adolescent and chatting for a confused patient', () => {
    const teen = 'A 15-year-old boy presents to the clinic with knee pain for 3 weeks.';
    assert.equal(lint('age-state-fit', teen, `${teen} He is saving for his retirement.`).length, 1);
    const confused = 'A 79-year-old woman is confused and drowsy on the ward. Temperature is 38.9°C.';
    assert.equal(lint('age-state-fit', confused, `${confused} She is chatting happily about her garden.`).length, 1);
  });
  it("stays silent when the base already had it or when it is someone else's", () => {
    const withParent = 'A 7-year-old boy is brought to the clinic. His mother works as a nurse on night shifts.';
    assert.deepEqual(lint('age-state-fit', withParent, `${withParent} The boy likes drawing trains.`), []);
    assert.deepEqual(lint('age-state-fit', infant, `${infant} A colleague mentioned a similar case at work.`), []);
    // A clinician's opinion about the child, even with a pronoun in it, is not the child's adult life; the child's own workmates would be.
    assert.deepEqual(lint('age-state-fit', infant, `${infant} A colleague who looks over the results says she believes croup is behind the cough.`), []);
    assert.equal(lint('age-state-fit', infant, `${infant} The patient says his colleagues were sick last week.`).length, 1);
    assert.deepEqual(
      lint('age-state-fit', ADULT.replace('emergency department', 'clinic'), `${ADULT.replace('emergency department', 'clinic')} He works as a baker.`),
      [],
    );
  });
});

describe('table-integrity', () => {
  const base =
    'A 40-year-old woman has weakness. Laboratory studies show:\nSodium 131 mEq/L\nPotassium 6.1 mEq/L\nCreatinine 2.0 mg/dL\nAn ECG shows peaked T waves.';
  it('flags prose glued to a row, a sentence between rows, and a table cut from its heading', () => {
    assert.ok(
      lint('table-integrity', base, base.replace('Potassium 6.1 mEq/L', 'Potassium 6.1 mEq/L The patient asks about parking.')).some((d) =>
        /glued/.test(d.message),
      ),
    );
    assert.ok(
      lint('table-integrity', base, base.replace('Potassium 6.1 mEq/L\n', 'Potassium 6.1 mEq/L\nThe patient asks about parking.\n')).some((d) =>
        /inserted/.test(d.message),
      ),
    );
    assert.ok(lint('table-integrity', base, base.replace('show:\n', 'show: The patient likes tea.\n')).some((d) => /heading/.test(d.message)));
    const inline = 'A 30-year-old man has vomiting. pCO2: 22 mmHg, bicarbonate 12 mEq/L.';
    assert.equal(lint('table-integrity', inline, inline.replace('22 mmHg,', '22 mmHg The patient says he is hungry,')).length, 1);
  });
  it('accepts a table kept whole, with text added elsewhere', () => {
    assert.deepEqual(lint('table-integrity', base, `The patient likes tea. ${base} The bus was late.`), []);
  });
});

describe('facts-preserved', () => {
  it('flags a lost value, a lost negation and a changed option or gold text', () => {
    assert.ok(lint('facts-preserved', ADULT, ADULT.replace('104/min', '140/min')).some((d) => /values lost: 104\/min/.test(d.message)));
    assert.ok(lint('facts-preserved', ADULT, ADULT.replace('no rash', 'a rash')).some((d) => /negations lost: no rash/.test(d.message)));
    assert.ok(
      lint('facts-preserved', ADULT, ADULT, 'option_shuffle', {
        variant: { options: { A: 'Intravenous fluids', B: 'Oral fluid', C: 'Observation', D: 'Discharge home' }, answer: 'A' },
      }).some((d) => /option texts changed/.test(d.message)),
    );
    assert.ok(
      lint('facts-preserved', ADULT, ADULT, 'option_shuffle', {
        variant: { options: { A: 'Intravenous fluids', B: 'Oral fluids', C: 'Observation', D: 'Discharge home' }, answer: 'B' },
      }).some((d) => /gold option text changed/.test(d.message)),
    );
  });
  it('accepts moved letters, added facts, and lay words after a kept negation', () => {
    assert.deepEqual(
      lint('facts-preserved', ADULT, `${ADULT} It rained 2 days ago.`, 'option_shuffle', {
        variant: { options: { A: 'Intravenous fluids', B: 'Oral fluids', C: 'Observation', D: 'Discharge home' }, answer: 'A' },
      }),
      [],
    );
    assert.deepEqual(lint('facts-preserved', ADULT, ADULT.replace('no rash', 'no spots').replace('He has asthma', 'I have asthma'), 'lay_voice'), []);
    assert.ok(lint('facts-preserved', ADULT, ADULT.replace('no rash', 'a few spots'), 'lay_voice').length > 0);
  });
});

describe('hedge-on-measurement', () => {
  it('flags a hedge on a value, a finding or the red flag', () => {
    assert.equal(lint('hedge-on-measurement', ADULT, ADULT.replace('Pulse is', 'I think pulse is'), 'lay_voice').length, 1);
    const withExam = `${ADULT} Examination shows neck stiffness.`;
    assert.equal(lint('hedge-on-measurement', withExam, withExam.replace('Examination shows', 'Maybe examination shows'), 'lay_voice').length, 1);
    const flagged = 'A 30-year-old woman reports the worst headache of her life. She vomited once.';
    assert.equal(
      lint('hedge-on-measurement', flagged, flagged.replace('A 30-year-old woman reports', 'If I remember right, a 30-year-old woman reports'), 'lay_voice', {
        case: { redFlag: 'the worst headache of her life' },
      }).length,
      1,
    );
  });
  it('accepts a hedge on history and an aside that frames a base sentence unchanged', () => {
    assert.deepEqual(lint('hedge-on-measurement', ADULT, ADULT.replace('He has asthma', 'I guess he has asthma'), 'lay_voice'), []);
    assert.deepEqual(lint('hedge-on-measurement', ADULT, ADULT.replace('Pulse is', 'Well-rested, pulse is'), 'lay_voice'), []);
    const moved =
      `${ADULT.replace(' Pulse is 104/min and blood pressure 112/70 mm Hg.', '')} Oh, and one more thing: Pulse is ` +
      '104/min and blood pressure 112/70 mm Hg.';
    assert.deepEqual(lint('hedge-on-measurement', ADULT, moved, 'buried_lead'), []);
  });
});

describe('time-anchor', () => {
  const base = 'A 55-year-old man took a large dose of ibuprofen. Two hours later, he vomited blood. He has no other history.';
  it('flags an anchored sentence cut off from what it followed', () => {
    const out = lint(
      'time-anchor',
      base,
      'A 55-year-old man took a large dose of ibuprofen. The patient owns a red bicycle. Two hours later, he vomited blood. He has no other history.',
    );
    assert.equal(out.length, 1);
    assert.equal(
      lint('time-anchor', base, 'Two hours later, he vomited blood. A 55-year-old man took a large dose of ibuprofen. He has no other history.', 'buried_lead')
        .length,
      1,
    );
  });
  it('accepts the same order with text added elsewhere, and "This morning"', () => {
    assert.deepEqual(lint('time-anchor', base, `${base} The patient owns a red bicycle.`), []);
    const morning = 'A 20-year-old woman has a sore throat. She is a student. This morning she had a fever.';
    assert.deepEqual(lint('time-anchor', morning, 'A 20-year-old woman has a sore throat. This morning she had a fever. She is a student.', 'buried_lead'), []);
  });
  it('accepts the sentence before retold as quoted speech, typo and all', () => {
    const recovering = 'A 40-year-old woman had surgery. The patient has been recovering well. However, she has a cough.';
    const told = 'A 40-year-old woman had surgery. She adds: "You konw, I have been recovering well." However, she has a cough.';
    assert.deepEqual(lint('time-anchor', recovering, told, 'lay_voice'), []);
  });
});

describe('sex-specific', () => {
  const male = 'A 62-year-old man has back pain. He lives with his wife. He has no fever.';
  it("flags the other sex's anatomy in options and a spouse that did not follow the patient", () => {
    const swapped = 'A 62-year-old woman has back pain. She lives with her wife. She has no fever.';
    const out = lint('sex-specific', male, swapped, 'clean', {
      cf: { attribute: 'sex', value: 'female' },
      variant: {
        options: { A: 'Prostate biopsy', B: 'MRI of the spine', C: 'Observation', D: 'Discharge home' },
        provenance: { counterfactualBaseline: 'male' },
      },
    });
    assert.ok(out.some((d) => /option A/.test(d.message)));
    assert.ok(out.some((d) => /spouse/.test(d.message)));
  });
  it('accepts a swap whose spouse followed, and a same-sex couple already in the case', () => {
    const cf = { attribute: 'sex' as const, value: 'female' };
    assert.deepEqual(
      lint('sex-specific', male, 'A 62-year-old woman has back pain. She lives with her husband. She has no fever.', 'clean', {
        cf,
        variant: { provenance: { counterfactualBaseline: 'male' } },
      }),
      [],
    );
    const couple = 'A 62-year-old man has back pain. He lives with his husband.';
    assert.deepEqual(
      lint('sex-specific', couple, 'A 62-year-old woman has back pain. She lives with her wife.', 'clean', {
        cf,
        variant: { provenance: { counterfactualBaseline: 'male' } },
      }).filter((d) => /spouse/.test(d.message) && /same-sex/.test(d.message)),
      [],
    );
  });
});

describe('mixed-script', () => {
  it('flags Latin words with Cyrillic or Greek look-alikes', () => {
    assert.equal(lint('mixed-script', ADULT, ADULT.replace('fever', 'fеver')).length, 1); // Cyrillic е
    assert.equal(lint('mixed-script', ADULT, ADULT.replace('asthma', 'αsthma')).length, 1); // Greek α
  });
  it('accepts Greek letters used as medical symbols', () => {
    assert.deepEqual(lint('mixed-script', ADULT, `${ADULT} TNF-α is raised, a β-blocker was stopped, IFNγ is normal and B12 is 300 μg.`), []);
  });
});

describe('unchanged', () => {
  it('flags a probe that changed nothing, not one that changed anything', () => {
    assert.equal(lint('unchanged', ADULT, ADULT, 'emotional').length, 1);
    assert.deepEqual(
      lint('unchanged', ADULT, ADULT, 'option_shuffle', {
        variant: { options: { A: 'Intravenous fluids', B: 'Oral fluids', C: 'Observation', D: 'Discharge home' }, answer: 'A' },
      }),
      [],
    );
    assert.deepEqual(lint('unchanged', ADULT, ADULT, 'clean'), []);
  });
});
