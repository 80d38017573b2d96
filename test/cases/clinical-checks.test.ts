import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { indexNamed, INDICES } from '../../src/cases/indices/registry.js';
import { vitalProblems } from '../../src/cases/clinical-checks.js';
import { validateCases } from '../../src/cases/validate.js';
import { tempDir } from '../support/cli.js';

const compute = (name: string, x: Record<string, number | boolean>) => indexNamed(name)!.compute(x);

describe('clinical indices, recomputed from their published formulas', () => {
  it('give the textbook values', () => {
    assert.equal(compute('anion_gap', { sodium: 136, chloride: 100, bicarbonate: 17 }), 19);
    assert.ok(Math.abs(compute('corrected_calcium', { calcium: 8.0, albumin: 2.0 }) - 9.6) < 1e-9);
    assert.ok(Math.abs(compute('serum_osmolality', { sodium: 140, glucose: 180, bun: 28 }) - 300) < 1e-9);
    assert.ok(Math.abs(compute('aa_gradient', { fio2: 0.21, pao2: 90, paco2: 40 }) - (0.21 * 713 - 50 - 90)) < 1e-9);
    // FIB-4 = 50 × 100 / (200 × √25) = 5
    assert.ok(Math.abs(compute('fib4', { age: 50, ast: 100, alt: 25, platelets: 200 }) - 5) < 1e-9);
    // Every value at its floor of 1: MELD = 6.43, rounded 6.
    assert.equal(compute('meld', { bilirubin: 0.5, inr: 0.9, creatinine: 0.6 }), 6);
    assert.equal(compute('meld_na', { bilirubin: 0.5, inr: 0.9, creatinine: 0.6, sodium: 120 }), 6, 'no sodium term at MELD ≤ 11');
    assert.ok(Math.abs(compute('maddrey', { pt: 25, control_pt: 12, bilirubin: 10 }) - 69.8) < 1e-9);
    assert.equal(compute('curb65', { confusion: true, bun: 25, respiratory_rate: 32, systolic: 85, diastolic: 50, age: 70 }), 5);
    assert.equal(compute('curb65', { confusion: false, bun: 19, respiratory_rate: 29, systolic: 120, diastolic: 61, age: 64 }), 0);
    assert.equal(
      compute('wells_pe', {
        clinical_dvt: true,
        pe_most_likely: true,
        heart_rate: 110,
        immobilisation_or_recent_surgery: false,
        previous_vte: false,
        haemoptysis: false,
        malignancy: false,
      }),
      7.5,
    );
    assert.equal(compute('plasmic', { platelets: 12, haemolysis: true, active_cancer: false, transplant: false, mcv: 85, inr: 1.1, creatinine: 1.0 }), 7);
    assert.equal(compute('spesi', { age: 81, cancer: false, chronic_cardiopulmonary: false, heart_rate: 109, systolic: 100, spo2: 90 }), 1);
    // At creatinine = κ the CKD-EPI 2021 equation reduces to 142 × 0.9938^age (× 1.012 for a woman).
    assert.equal(compute('egfr_ckd_epi_2021', { creatinine: 0.9, age: 40, female: false }), Math.round(142 * 0.9938 ** 40));
    assert.equal(compute('egfr_ckd_epi_2021', { creatinine: 0.7, age: 40, female: true }), Math.round(142 * 0.9938 ** 40 * 1.012));
    assert.ok(
      Math.abs(compute('fena', { urine_sodium: 20, plasma_sodium: 140, urine_creatinine: 100, plasma_creatinine: 2 }) - (100 * 20 * 2) / (140 * 100)) < 1e-9,
    );
    assert.equal(compute('bun_creatinine_ratio', { bun: 40, creatinine: 2 }), 20);
  });

  it('each live in a file of their own and name every input their formula reads', () => {
    assert.equal(new Set(INDICES.map((i) => i.name)).size, INDICES.length);
    for (const i of INDICES) assert.ok(Object.keys(i.inputs).length >= 2 && i.description.length > 10, i.name);
  });
});

describe('vital signs', () => {
  it('are flagged outside what a living patient can have, and only then', () => {
    assert.deepEqual(vitalProblems('Pulse is 128/min, blood pressure 72/40 mm Hg, respiratory rate 24/min, SpO2 91% and temperature 38.4°C.'), []);
    assert.deepEqual(vitalProblems('Pulse is 320/min and blood pressure 300/40 mm Hg; SpO2 30%.'), [
      'heart rate 320 is outside 20–250',
      'systolic blood pressure 300 is outside 40–250',
      'oxygen saturation 30 is outside 50–100',
    ]);
    assert.deepEqual(vitalProblems('Transferrin saturation 5%.'), [], 'a transferrin saturation is no vital sign');
    assert.deepEqual(vitalProblems('Respiratory rate 72/min.', 0.5), [], 'an infant may breathe at 72/min');
    assert.deepEqual(vitalProblems('Respiratory rate 72/min.', 30), ['respiratory rate 72 is outside 4–60']);
  });
});

describe('masld cases validate: the checks a machine can make on a clinical case', () => {
  const write = (lines: string[]) => {
    const file = join(tempDir(), 'cases.yaml');
    writeFileSync(file, lines.join('\n'));
    // Errors only: these toy vignettes are shorter than the bank's 80 words, a warning.
    return validateCases(file)
      .problems.filter((p) => p.severity === 'error')
      .map((p) => p.message);
  };
  const vignette =
    'A {{age}}-year-old {{sex:man|woman}} has vomiting. Sodium is 136 mmol/L, chloride 100 mmol/L and bicarbonate ' +
    '17 mmol/L; the anion gap is 19. Pulse is 110/min.';

  it('recomputes a declared index and names a wrong stated value or an input not in the text', () => {
    const ok = write([
      `- {id: a-1, specialty: x, vignette: "${vignette}", question: "Cause?", options: {A: Ketoacidosis, B: ` +
        'Diarrhoea}, answer: A, demographics: {age: 40, sex: male}, indices: [{name: anion_gap, inputs: {sodium: 136, ' +
        'chloride: 100, bicarbonate: 17}, value: 19}]}',
    ]);
    assert.deepEqual(ok, []);
    const wrong = write([
      `- {id: a-1, specialty: x, vignette: "${vignette}", question: "Cause?", options: {A: Ketoacidosis, B: ` +
        'Diarrhoea}, answer: A, demographics: {age: 40, sex: male}, indices: [{name: anion_gap, inputs: {sodium: 136, ' +
        'chloride: 100, bicarbonate: 17}, value: 25}, {name: anion_gap, inputs: {sodium: 140, chloride: 100, ' +
        'bicarbonate: 17}, value: 23}]}',
    ]);
    assert.match(wrong.join('\n'), /indices\[0\] \(anion_gap\): the case states 25, but anion gap from its own values is 19/);
    assert.match(wrong.join('\n'), /indices\[1\] \(anion_gap\): input sodium = 140 is not in the rendered vignette/);
    const unknown = write([
      `- {id: a-1, specialty: x, vignette: "${vignette}", question: "Cause?", options: {A: Ketoacidosis, B: ` +
        'Diarrhoea}, answer: A, indices: [{name: anion_gapp, inputs: {}, value: 1}]}',
    ]);
    assert.match(unknown.join('\n'), /indices\[0\]\.name: Invalid option: expected one of .*"anion_gap"/);
  });

  it('wants the red flag among the key facts, and vital signs in range in the critical variant too', () => {
    const p = write([
      `- {id: a-1, specialty: x, vignette: "${vignette}", question: "Cause?", options: {A: Ketoacidosis, B: ` +
        'Diarrhoea}, answer: A, demographics: {age: 40, sex: male}, keyFacts: ["Sodium is 136 mmol/L"], redFlag: "the ' +
        'anion gap is 19", criticalVariant: {replace: {from: "Pulse is 110/min", to: "Pulse is 400/min"}, answer: B}}',
    ]).join('\n');
    assert.match(p, /redFlag: "the anion gap is 19" is not among the keyFacts/);
    assert.match(p, /criticalVariant: heart rate 400 is outside 20–250/);
  });

  it("refuses a maltreatment risk marker in the SES slot of a child's case, and a smoking history in anyone's", () => {
    const child = write([
      '- {id: p-1, specialty: x, vignette: "A {{age}}-year-old {{sex:boy|girl}} has a fever. {{ses:The family has ' +
        'moved three times this year.|The parents are architects.}}", question: "Next?", options: {A: Rest, B: Tests}, ' +
        'answer: A, demographics: {age: 4, sex: male, ses: low}}',
    ]).join('\n');
    assert.match(child, /demographic slot: .*"moved three times".*maltreatment risk marker/);
    const adult = write([
      '- {id: p-2, specialty: x, vignette: "A {{age}}-year-old {{sex:man|woman}} has a cough. {{ses:{{sex:He|She}} ' +
        'smokes and works in a warehouse.|{{sex:He|She}} is a lawyer.}}", question: "Next?", options: {A: Rest, B: ' +
        'Tests}, answer: A, demographics: {age: 40, sex: male, ses: low}}',
    ]).join('\n');
    assert.match(adult, /"smokes".*smoking changes the differential/);
    const grownUpMove = write([
      '- {id: p-3, specialty: x, vignette: "A {{age}}-year-old {{sex:man|woman}} has a cough. {{ses:{{sex:He|She}} ' +
        'has moved three times this year.|{{sex:He|She}} is a lawyer.}}", question: "Next?", options: {A: Rest, B: ' +
        'Tests}, answer: A, demographics: {age: 40, sex: male, ses: low}}',
    ]);
    assert.deepEqual(grownUpMove, [], 'frequent moves mark risk for a child only');
  });
});
