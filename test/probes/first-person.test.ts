import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreeWithFirstPerson, baseForm, pronounsToFirstPerson } from '../../src/probes/first-person.js';

describe('pronounsToFirstPerson', () => {
  const cases: [string, 'male' | 'female', string][] = [
    ['He drives a bus and rents a garage.', 'male', 'I drive a bus and rent a garage.'],
    ['He has asthma and smokes.', 'male', 'I have asthma and smoke.'],
    ['He is sweating, has goosebumps, and yawns often.', 'male', 'I am sweating, have goosebumps, and yawn often.'],
    ['He occasionally takes naproxen.', 'male', 'I occasionally take naproxen.'],
    ['He now becomes tired after one flight of stairs.', 'male', 'I now become tired after one flight of stairs.'],
    ['He does not drink and denies cannabis use.', 'male', 'I do not drink and deny cannabis use.'],
    ["She's been tired. She's worried. She isn't eating. She doesn't smoke.", 'female', "I've been tired. I'm worried. I'm not eating. I don't smoke."],
    ['She was admitted last year and has been well since.', 'female', 'I was admitted last year and have been well since.'],
    ['He blames himself. His wife drives him home.', 'male', 'I blame myself. My wife drives me home.'],
    ['Her sister gave her a lift in her car.', 'female', 'My sister gave me a lift in my car.'],
  ];
  for (const [input, sex, expected] of cases) it(`"${input}"`, () => assert.equal(pronounsToFirstPerson(input, sex), expected));

  it("leaves other people's verbs and pronouns alone", () => {
    assert.equal(pronounsToFirstPerson('His mother smokes and she drinks.', 'male'), 'My mother smokes and she drinks.');
    assert.equal(pronounsToFirstPerson('He has a cough and his wife smokes.', 'male'), 'I have a cough and my wife smokes.');
    assert.equal(pronounsToFirstPerson('He takes a tablet, which causes nausea.', 'male'), 'I take a tablet, which causes nausea.');
    assert.equal(pronounsToFirstPerson('He has pain that radiates to his back.', 'male'), 'I have pain that radiates to my back.');
  });

  it('keeps roman numerals that look like "I"', () => {
    assert.equal(agreeWithFirstPerson('Troponin I is raised and type I diabetes is known.'), 'Troponin I is raised and type I diabetes is known.');
  });
});

describe('baseForm', () => {
  it('gives the base of third-person verbs and nothing for other words', () => {
    assert.equal(baseForm('rents'), 'rent');
    assert.equal(baseForm('carries'), 'carry');
    assert.equal(baseForm('goes'), 'go');
    assert.equal(baseForm('is'), 'am');
    assert.equal(baseForm('walked'), null);
  });
});

describe('hyphenated verbs', () => {
  it('agree on their last part and keep the hyphen', () => {
    assert.equal(pronounsToFirstPerson('She co-owns a firm and walks daily.', 'female'), 'I co-own a firm and walk daily.');
  });
});

describe('agreeWithFirstPerson: a plural the tagger misreads right after "I"', () => {
  it('makes it the verb, and the verbs coordinated with it', () => {
    assert.equal(agreeWithFirstPerson('I smells of smoke and am slurring my words.'), 'I smell of smoke and am slurring my words.');
    assert.equal(agreeWithFirstPerson('I rows on a rowing team and stocks shelves at a shop.'), 'I row on a rowing team and stock shelves at a shop.');
    // A complaint list after "I have" keeps its plurals; "we" is left alone.
    assert.equal(agreeWithFirstPerson('I have chills and sweats at night.'), 'I have chills and sweats at night.');
    assert.equal(agreeWithFirstPerson('We sisters share a room.'), 'We sisters share a room.');
  });
});
