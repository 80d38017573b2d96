import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { counterfactualEligibility, renderCounterfactual } from '../../src/variants/counterfactuals.js';
import { detectSex, sexMarkers, swapSex } from '../../src/variants/free-text/sex.js';
import { setRace, statedRace } from '../../src/variants/free-text/race.js';
import { MEDQA } from '../support/cli.js';

describe('free-text sex engine', () => {
  it('swaps nouns, titles, spouse words and pronouns, resolving her → his / him', () => {
    assert.equal(
      swapSex('A 34-year-old woman comes with her husband. She says her pain started after he gave her a massage. Ms. Lee is a mother of two; the pain is hers. Her mother has diabetes.', 'male'),
      'A 34-year-old man comes with his husband. He says his pain started after he gave him a massage. Mr. Lee is a father of two; the pain is his. His mother has diabetes.',
    );
    assert.equal(swapSex('A 6-year-old boy is brought by his father. The boy says he fell; his sister saw it and told him.', 'female'),
      'A 6-year-old girl is brought by her father. The girl says she fell; her sister saw it and told her.');
  });
  it('detects the patient sex by majority and says so when it cannot', () => {
    assert.equal(detectSex('A 40-year-old man. He has pain.'), 'male');
    assert.equal(detectSex('A 40-year-old presents.'), null);
  });
  it('writes race into the opening phrase, replacing a stated one', () => {
    assert.equal(setRace('A 45-year-old man has pain.', 'black'), 'A 45-year-old Black man has pain.');
    assert.equal(setRace('A 45-year-old African American man has pain.', 'asian'), 'A 45-year-old Asian man has pain.');
    assert.equal(setRace('A 45-year-old Caucasian man has pain.', 'unspecified'), 'A 45-year-old man has pain.');
    assert.equal(statedRace('No opening phrase here.'), null);
  });
});

describe('sex swaps of real MedQA vignettes', { skip: !existsSync(MEDQA) && 'MedQA file absent (../shared/data)' }, () => {
  it('leave no marker of the original sex, apart from documented exclusions', (t) => {
    const cases = loadCases({ path: MEDQA, limit: 200 }).cases;
    const leftovers: string[] = [];
    const excluded: Record<string, number> = {};
    let swapped = 0;
    for (const c of cases) {
      const elig = counterfactualEligibility(c, 'sex');
      if (!elig.eligible) {
        excluded[elig.reason] = (excluded[elig.reason] ?? 0) + 1;
        continue;
      }
      const from = elig.baseline as 'male' | 'female';
      const to = from === 'male' ? 'female' : 'male';
      const { narrative, question } = renderCounterfactual(c, { attribute: 'sex', value: to }, 'free-text');
      swapped++;
      const left = sexMarkers(`${narrative}\n${question}`, from);
      if (left.length) leftovers.push(`${c.id}: ${[...new Set(left)].join(', ')}`);
      assert.equal(detectSex(narrative), to, `${c.id} reads as ${to} after the swap`);
    }
    t.diagnostic(`swapped ${swapped}, excluded ${JSON.stringify(excluded)}`);
    if (leftovers.length) t.diagnostic(`markers left: ${leftovers.join(' | ')}`);
    assert.deepEqual(leftovers, []);
    assert.ok(swapped > 100, `most vignettes are eligible (${swapped})`);
  });
});
