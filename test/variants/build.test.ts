import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { getProbe } from '../../src/probes/registry.js';
import { buildVariants, cleanVariant, counterfactualVariant, probeVariant } from '../../src/variants/build.js';
import { ATTRIBUTE_VALUES } from '../../src/variants/counterfactuals.js';
import { NEUTRAL_VALUE } from '../../src/variants/types.js';

const imported = (id: string, vignette: string): Case => ({
  id,
  specialty: 'unspecified',
  vignette,
  question: 'Which of the following is the most likely diagnosis?',
  options: { A: 'Aspirin', B: 'Heparin' },
  answer: 'A',
  source: { file: 'test', line: 1, format: 'medqa' },
});

// Slotted bank cases, and free-text cases whose own sex and race are stated (their own value is a neutral edit, not the clean text).
const cases = [
  ...loadCases({ limit: 4 }).cases,
  imported('ft-man', 'A 58-year-old White man has chest pain. He smokes. His wife says he has been tired.'),
  imported('ft-woman', 'A 24-year-old Black woman has a cough. She works in a laboratory.'),
];

describe('one counterfactual variant, as the audit sends it', () => {
  it('is, for every case, attribute and value, the variant buildVariants sends under that id', () => {
    const set = buildVariants(cases, { probes: [], counterfactuals: ['sex', 'race_ethnicity', 'ses'], doubleStress: false, retest: 0, seed: 7 });
    const sent = new Map(set.variants.map((v) => [v.id, v]));
    let compared = 0;
    for (const c of cases) {
      for (const attribute of ['sex', 'race_ethnicity', 'ses'] as const) {
        for (const value of [...ATTRIBUTE_VALUES[attribute], NEUTRAL_VALUE]) {
          const r = counterfactualVariant(c, { attribute, value });
          if ('excluded' in r) {
            assert.ok(
              set.exclusions.some((e) => e.caseId === c.id && e.attribute === attribute && e.reason === r.excluded),
              `${c.id} ${attribute}`,
            );
            continue;
          }
          const built = sent.get(r.variant.id);
          // A slotted case's own value is its clean prompt, which is not sent again under a counterfactual id.
          if (!built) continue;
          assert.deepEqual(r.variant, built, r.variant.id);
          compared++;
        }
      }
    }
    assert.ok(compared > 20, `${compared} variants compared`);
  });

  it("tells a free-text case's own sex as the neutral edit only: no pronoun of anyone else is swapped", () => {
    const r = counterfactualVariant(cases.at(-2)!, { attribute: 'sex', value: 'male' });
    assert.ok('variant' in r);
    assert.equal(r.variant.narrative, 'A fifty-eight-year-old White man has chest pain. He smokes. His wife says he has been tired.');
    assert.equal(r.variant.provenance.neutralEdit, true);
  });

  it('says why a case is left out of an attribute', () => {
    const c = { ...cases[0], attributeRelevance: { sex: true } };
    assert.deepEqual(counterfactualVariant(c, { attribute: 'sex', value: 'female' }), { excluded: 'clinically_relevant', detail: 'attributeRelevance' });
  });

  it('a probe on top of it gives the double-stress variant the audit sends', () => {
    const probe = getProbe('distractor')!;
    // The first bank case a tangent fits (a patient in the middle of chest pain does not chat).
    const c = cases.find((x) => 'variant' in probeVariant(probe, x, cleanVariant(x), 7))!;
    const set = buildVariants([c], { probes: [probe], counterfactuals: ['sex'], doubleStress: true, retest: 0, seed: 7 });
    const r = counterfactualVariant(c, { attribute: 'sex', value: 'female' });
    assert.ok('variant' in r);
    const out = probeVariant(probe, c, r.variant, 7);
    assert.ok('variant' in out);
    assert.deepEqual(
      out.variant,
      set.variants.find((v) => v.id === out.variant.id),
    );
  });
});
