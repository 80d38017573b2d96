import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Case } from '../../../src/cases/types.js';
import { anchoring } from '../../../src/probes/anchoring.js';
import { buriedLead } from '../../../src/probes/buried-lead.js';
import { layVoice } from '../../../src/probes/lay-voice.js';
import { patientProfile } from '../../../src/probes/profile.js';
import { cleanVariant, probeVariant } from '../../../src/variants/build.js';
import { getLint } from '../../../src/variants/check/registry.js';
import type { Defect } from '../../../src/variants/check/types.js';
import type { Variant } from '../../../src/variants/types.js';
import { lint, makeCase } from './fixture.js';

/** The real lint on a variant the real probe made from `c`. */
function check(name: string, c: Case, base: Variant, variant: Variant): Defect[] {
  return getLint(name)!.check({ case: c, variant, base, profile: patientProfile(c, base.narrative) });
}

describe('narrator: a clinician who saw the patient is the one speaking', () => {
  const baby =
    'A 9-month-old boy is brought to the clinic by his mother for a follow-up visit. He has had a dry, itchy rash on both cheeks ' +
    'and in the elbow creases for 2 months. He feeds well and is growing along the 50th centile. There is no fever.';
  const options = { A: 'Emollients', B: 'Oral antibiotics', C: 'Skin biopsy', D: 'Oral steroids' };

  it('passes every anchoring cue on a baby, among them "the first doctor who saw the baby said"', () => {
    const c = makeCase(baby, { question: 'Which of the following is the most appropriate next step in management?', options, answer: 'A' });
    const base = cleanVariant(c);
    let relative = 0;
    for (let seed = 9000; seed < 9120; seed++) {
      const r = probeVariant(anchoring, c, base, seed);
      assert.ok('variant' in r, `seed ${seed} ineligible`);
      if (/\bwho (?:\w+ )?(?:saw|referred) the baby (?:\w+ )?(?:said|says|suggested|settled|felt|decided)\b/.test(r.variant.narrative)) relative++;
      assert.deepEqual(check('narrator', c, base, r.variant), [], `seed ${seed}: ${r.variant.narrative}`);
    }
    assert.ok(relative > 0, "no cue with the baby as a relative clause's object: the test would prove nothing");
  });

  it('passes the patient as the object of a relative clause, added by any probe', () => {
    for (const ok of [
      'The first doctor who saw the patient said it was probably eczema.',
      'On the phone, the family doctor who referred the child said to expect a biopsy.',
      'The nurse who first examined the baby says it looks like eczema.',
    ])
      assert.deepEqual(lint('narrator', baby, `${baby} ${ok}`, 'anchoring'), [], ok);
  });

  it('still flags the baby speaking, also inside a relative clause of speech or belief', () => {
    for (const bad of [
      'The baby says the cream stings.',
      'The nurse who says the baby said it hurts is new.',
      'A doctor who thinks the patient said yes wrote it down.',
      'His mother, who is tired, notes that the child says no to the cream.',
      '"It itches," the baby says.',
    ])
      assert.equal(lint('narrator', baby, `${baby} ${bad}`, 'anchoring').length, 1, bad);
  });
});

describe('narrator: the mother of a newborn delivered to her tells her own part as "I"', () => {
  const birth =
    'A 3,200-g (7-lb 1-oz) female newborn is delivered at term to a 31-year-old woman, gravida 2, para 1. ' +
    'She had regular prenatal care and took folic acid throughout the pregnancy. She has had no fever during labour. ' +
    'Her first child was born healthy. Apgar scores are 8 and 9 at 1 and 5 minutes. Examination shows a small dimple over the lower back.';
  const options = { A: 'Spinal ultrasound', B: 'MRI of the brain', C: 'Reassurance only', D: 'Lumbar puncture' };

  it('passes every lay_voice telling in which the mother says "I had regular prenatal care"', () => {
    const c = makeCase(birth, { question: 'Which of the following is the most appropriate next step in management?', options, answer: 'A' });
    const base = cleanVariant(c);
    let mothers = 0;
    for (let seed = 9200; seed < 9230; seed++) {
      const r = probeVariant(layVoice, c, base, seed);
      assert.ok('variant' in r, `seed ${seed} ineligible`);
      if (/\bI had regular prenatal care\b/.test(r.variant.narrative)) mothers++;
      assert.deepEqual(check('narrator', c, base, r.variant), [], `seed ${seed}: ${r.variant.narrative}`);
    }
    assert.ok(mothers > 0, 'no telling with the mother as "I": the test would prove nothing');
  });

  it('still flags the newborn itself narrating', () => {
    const told = birth.replace('Apgar scores', '"I\'m a newborn girl and I feel fine." Apgar scores');
    assert.equal(lint('narrator', birth, told, 'lay_voice').length, 1);
  });
});

describe('time-anchor: a dummy "it" leans on nothing before it', () => {
  // buried_lead v5 keeps an examination finding among the examination findings: the moved unit here is history (the red flag).
  const memory = [
    'A 34-year-old woman comes to the physician because of an itchy rash on her wrists for 3 weeks.',
    'She has no history of skin disease and takes no medications.',
    'She reports lacy white patches on the inside of both cheeks that sting when she eats spicy food.',
    'It is known that her mother has psoriasis and that her father had a stomach ulcer in his fifties.',
    'She works full time as a hairdresser and uses gloves only for hair dye.',
    'She does not smoke and drinks one glass of wine on most weekends.',
    'Examination shows flat-topped, violaceous, polygonal papules on the flexor wrists.',
    'Her temperature is 36.9°C, pulse is 76/min, and blood pressure is 118/74 mm Hg.',
    'A complete blood count is within the reference range.',
  ].join(' ');

  it('passes buried_lead moving the sentence before "It is known that …"', () => {
    const c = makeCase(memory, {
      question: 'Which of the following is the most likely diagnosis?',
      options: { A: 'Lichen planus', B: 'Psoriasis', C: 'Allergic contact dermatitis', D: 'Scabies' },
      answer: 'A',
      redFlag: 'lacy white patches on the inside of both cheeks',
    });
    const base = cleanVariant(c);
    const r = probeVariant(buriedLead, c, base, 9000);
    assert.ok('variant' in r, 'ineligible');
    // The move the test is about: the red flag went to the end of the history, so "It is known" follows a new sentence.
    assert.match(r.variant.narrative, /takes no medications\. It is known that/);
    assert.deepEqual(check('time-anchor', c, base, r.variant), []);
  });

  it('passes dummy subjects with a clause after them, moved anywhere', () => {
    const base = 'A 30-year-old woman has a headache. She works nights. {S} She takes no medications.';
    for (const s of [
      'It was noted that her sister has migraine.',
      'It is not known whether her father had migraine.',
      'It has been reported that she skips meals.',
      'It is unclear whether she drinks coffee.',
      'It seems that the pain began after a new job.',
    ]) {
      const b = base.replace('{S}', s);
      const moved = `A 30-year-old woman has a headache. ${s} She takes no medications. She works nights.`;
      assert.deepEqual(lint('time-anchor', b, moved, 'buried_lead'), [], s);
    }
  });

  it('still flags an "it" that stands for something in the sentence before, cut off from it', () => {
    const base = 'A 30-year-old woman has a rash on her arm. {S} She works nights. She takes no medications.';
    for (const s of [
      'It is itchy.',
      'It is worse if she scratches.',
      'It was first noticed by her partner.',
      'It is known to her family doctor.',
      'It is clear and fluid-filled.',
    ]) {
      const moved = `A 30-year-old woman has a rash on her arm. She works nights. ${s} She takes no medications.`;
      assert.equal(lint('time-anchor', base.replace('{S}', s), moved, 'buried_lead').length, 1, s);
    }
  });
});
