import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acuteState, ageBand, impairment, patientProfile, setting, statedAge } from '../../src/probes/profile.js';

const profile = (text: string, age?: number) => patientProfile({ demographics: age === undefined ? undefined : { age } }, text);

describe('patient profile', () => {
  it('reads the age band from the first stated age, the demographics as a fallback', () => {
    assert.equal(profile('A 3-day-old boy is brought in by his mother.').ageBand, 'neonate');
    assert.equal(profile('A 4-month-old girl has a cough.').ageBand, 'infant');
    assert.equal(profile('A 9-year-old boy has a rash.').ageBand, 'child');
    assert.equal(profile('A 15-year-old girl has a headache.').ageBand, 'adolescent');
    assert.equal(profile('A 67-year-woman has numbness.').ageBand, 'older_adult', 'the common "67-year-woman" slip still states an age');
    assert.equal(profile('The patient has chest pain.', 40).ageBand, 'adult');
    assert.equal(profile('The patient has chest pain.').ageBand, null);
  });

  it("reads a newborn delivered to a mother as the newborn, not the mother's age or sex", () => {
    const p = profile('A 3,100 g male newborn is delivered at term to a 31-year-old woman. The mother had an uncomplicated pregnancy. She is well.');
    assert.equal(p.ageBand, 'neonate');
    assert.equal(p.sex, 'male', "the mother's 'woman', 'mother' and 'she' do not outvote the newborn");
    assert.equal(p.speaker, 'parent');
    assert.equal(profile('A 2-day-old girl born at 36 weeks is brought to the clinic by her father.').ageBand, 'neonate');
    assert.equal(profile('A 31-year-old woman says her baby was delivered to a midwife at home.').ageBand, 'adult', 'only an opening on the newborn');
    assert.equal(profile('A stillborn infant is delivered at 39 weeks to a 30-year-old woman.').dies, true);
    assert.equal(profile('A 30-year-old woman had a stillborn infant 2 years ago.').dies, false, "a past stillbirth is the mother's history");
    assert.equal(statedAge('A 2-week-old infant'), (2 * 7) / 365.25);
    assert.deepEqual([0.01, 0.5, 11.9, 12, 17.9, 18, 64.9, 65].map(ageBand), [
      'neonate',
      'infant',
      'child',
      'adolescent',
      'adolescent',
      'adult',
      'adult',
      'older_adult',
    ]);
  });

  it('gives the story to a parent under 12 and to a companion when the patient cannot speak', () => {
    assert.equal(profile('A 6-year-old girl has a fever.').speaker, 'parent');
    assert.equal(profile('A 70-year-old man is brought in unresponsive by his wife.').speaker, 'companion');
    assert.equal(profile('A 54-year-old woman is brought in because of confusion and lethargy.').speaker, 'companion');
    assert.equal(profile('A 30-year-old man is intubated in the emergency department.').speakerReason, 'intubated');
    assert.equal(profile('A 40-year-old woman has a cough. She denies confusion.').speaker, 'patient', 'a negated state does not count');
    assert.equal(
      profile('A 60-year-old man fainted and was unresponsive for about 20 seconds. He is now well.').speaker,
      'patient',
      'a passing past episode does not count',
    );
    assert.equal(impairment('She had a brief episode of confusion last night.'), null);
    // Someone brought in for failing memory cannot be trusted to tell their own history: the relative tells it.
    assert.equal(profile('A 72-year-old woman is brought in by her daughter because of 6 months of worsening memory loss.').speaker, 'companion');
    assert.equal(profile('An 80-year-old man with dementia is brought from his care home with a cough.').speaker, 'companion');
    assert.equal(profile('A 66-year-old man has a cough. He has no memory loss.').speaker, 'patient', 'a negated memory loss does not count');
  });

  // Sleepiness told as a symptom over time is the patient's own story; seen now, the patient cannot tell it.
  it('tells a sleepiness symptom the patient reports from a drowsy state seen now', () => {
    const told = [
      'A 22-year-old student comes to the clinic complaining of drowsiness in lectures for 4 months.',
      'A 35-year-old man has excessive daytime somnolence. He snores loudly.',
      'A 41-year-old woman feels drowsy after starting a new antihistamine.',
      'A 29-year-old nurse is drowsy during the day since changing to night shifts.',
      'A 50-year-old man has had increasing lethargy over the past 2 weeks. He is alert and says he cannot keep up at work.',
      'A 33-year-old woman reports feeling lethargic and cold. Her weight has risen.',
      'A 45-year-old woman had fever, lethargy and a sore throat that resolved after a week. She now has a neck lump.',
    ];
    for (const text of told) assert.equal(impairment(text), null, text);
    const shown: [string, string][] = [
      ['A 70-year-old man is brought in by his son. On arrival he is drowsy but rousable.', 'drowsy'],
      ['A 64-year-old woman appears lethargic. Her temperature is 39.2°C.', 'lethargic'],
      ['A 58-year-old man is somnolent but arousable, with a GCS of 13.', 'somnolent'],
      ['A 19-year-old woman is found drowsy at home beside an empty pill bottle.', 'drowsy'],
      // A duration alone, with no sign the patient is alert or talking: in doubt, the state stays.
      ['A 77-year-old woman is brought in with 2 weeks of increasing lethargy.', 'lethargy'],
      ["A 48-year-old man's wife reports excessive drowsiness for a month.", 'drowsiness'],
      ['A 30-year-old man complains of headache and is drowsy during the examination.', 'drowsy'],
    ];
    for (const [text, word] of shown) assert.equal(impairment(text), word, text);
    assert.equal(impairment('A 36-year-old man reports headaches. He denies drowsiness.'), null, 'a negation still cancels it');
    assert.equal(impairment('A 66-year-old woman had memory loss that resolved, and it has returned.'), 'memory loss', 'memory stays impaired');
  });

  it('reads the setting, most acute first', () => {
    assert.equal(setting('She is admitted to the intensive care unit from the emergency department.'), 'icu');
    assert.equal(setting('He is brought to the emergency department.'), 'emergency');
    assert.equal(setting('On postoperative day 2 she develops a fever.'), 'ward');
    assert.equal(setting('He comes to the physician for a routine examination.'), 'clinic');
    assert.equal(setting('A man has a cough.'), null);
  });

  it('knows a stem with no patient, and a story that ends in death', () => {
    assert.equal(profile('A researcher is studying a strain of virus in cell culture. He notes that it replicates quickly.').describesPatient, false);
    assert.equal(profile('Researchers are comparing two drugs in a trial.').describesPatient, false);
    assert.equal(profile('A 45-year-old man in a drug trial reports a rash.').describesPatient, true, 'a stated age is a patient even in a trial');
    assert.equal(
      profile('A junior surgical resident is closing a hand wound when she nicks a nerve. The patient is still under anaesthesia.').describesPatient,
      false,
      "a clinician's own situation: the patient is not the story's teller",
    );
    assert.equal(profile('A medical student is asked to consent a patient for surgery.').describesPatient, false);
    assert.equal(profile('A 52-year-old nurse comes to the clinic with a cough.').describesPatient, true, 'a clinician with a stated age is the patient');
    assert.equal(profile('A 72-year-old man is admitted with pneumonia. He dies on day 3; an autopsy is performed.').dies, true);
    assert.equal(profile('A 72-year-old man is admitted with pneumonia. His brother died of a stroke.').dies, false, "a relative's death is history");
  });

  it('reads the patient sex from the text, so a counterfactual has its own profile', () => {
    assert.equal(profile('A 30-year-old woman has a cough. She smokes.').sex, 'female');
    assert.equal(profile('A 30-year-old man has a cough. He smokes.').sex, 'male');
  });
});

// Issue 13: a woman bleeding minutes after a delivery told wedding stories; the scene is acute whatever the place.
describe('acuteState', () => {
  it('reads an event under way and shock vitals, not a past episode or a low pressure alone', () => {
    assert.deepEqual(acuteState('A woman is seen 25 minutes after a vaginal delivery. Pulse is 118/min and blood pressure is 98/60 mm Hg.'), {
      reason: 'minutes after a vaginal delivery',
      unstable: true,
    });
    assert.equal(acuteState('A woman is admitted in spontaneous labour with regular contractions.')?.unstable, false);
    assert.equal(acuteState('A man develops anaphylaxis after a bee sting.')?.reason, 'anaphylaxis');
    assert.equal(acuteState('A man with a history of anaphylaxis to penicillin. Pulse is 72/min, blood pressure 96/60 mm Hg.'), null);
    assert.equal(acuteState('A woman has had heavy periods for a year. Blood pressure is 98/62 mm Hg and pulse is 70/min.'), null);
    assert.equal(acuteState('A man is brought in. Blood pressure is 82/50 mm Hg.')?.reason, 'shock vitals');
  });

  it('reads a patient too short of breath to talk at length, by the age, not a denial or a normal infant rate (review round 9)', () => {
    assert.deepEqual(acuteState('A 64-year-old man has had a cough for 3 days. His respiratory rate is 32/min.'), {
      reason: 'respiratory rate 32/min',
      unstable: true,
    });
    assert.equal(acuteState('A 70-year-old woman has a fever. Oxygen saturation is 86% on room air.')?.reason, 'oxygen saturation 86%');
    assert.equal(acuteState('A 30-year-old woman is wheezing and speaks in short phrases.')?.unstable, true);
    assert.equal(acuteState('A 4-month-old boy has a cough. Respiratory rate is 45/min.'), null, 'a normal rate for an infant');
    assert.equal(acuteState('A 40-year-old man has a cough. He is not in respiratory distress. Respiratory rate is 18/min.'), null);
  });

  it('has a patient on a vasopressor told by whoever is with them, not a denial of one (review round 12)', () => {
    const icu =
      'A 67-year-old woman is in the intensive care unit with pyelonephritis, receiving intravenous meropenem and norepinephrine. ' +
      'Her husband is at the bedside.';
    assert.equal(patientProfile({}, icu).speaker, 'companion');
    assert.equal(patientProfile({}, icu).speakerReason, 'unstable');
    assert.equal(patientProfile({}, 'A 50-year-old man comes to the clinic for a check-up. He is not on vasopressors.').speaker, 'patient');
  });
});
