import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelSummary, type MetricsContext } from '../../src/metrics/model-metrics.js';
import { cumulativeStdNormalProbability } from 'simple-statistics';
import { exactMcNemar, holm } from '../../src/metrics/mcnemar.js';
import { factFound } from '../../src/metrics/extraction.js';
import type { ScoredCall } from '../../src/scoring/score.js';

const OPTIONS: Record<string, string> = { A: 'a', B: 'b', C: 'c', D: 'd' };
const LETTER: Record<string, string> = { a: 'A', b: 'B', c: 'C', d: 'D' };

function sc(
  caseId: string,
  condition: string,
  answer: string | null,
  o: { gold?: string; cf?: [string, string]; baseline?: string | null; findings?: string[]; neutral?: boolean } = {},
): ScoredCall {
  const gold = o.gold ?? 'a';
  return {
    modelId: 'm',
    variantId: `${caseId}|${condition}${o.cf ? `|${o.cf[0]}=${o.cf[1]}` : ''}`,
    caseId,
    condition,
    counterfactual: o.cf ? { attribute: o.cf[0] as 'sex', value: o.cf[1] } : null,
    counterfactualBaseline: o.cf ? (o.baseline === undefined ? 'male' : o.baseline) : null,
    neutralEdit: o.neutral ?? false,
    letter: answer === null ? null : LETTER[answer],
    method: answer === null ? 'invalid' : 'json',
    answerText: answer === null ? null : OPTIONS[LETTER[answer]],
    goldText: gold,
    goldLetter: LETTER[gold],
    optionCount: 4,
    correct: answer === gold,
    keyFindings: o.findings ?? [],
    truncated: false,
    probs: null,
  };
}

const ctx = (over: Partial<MetricsContext> = {}): MetricsContext => ({
  probes: ['distractor', 'anchoring'],
  attributes: { sex: ['male', 'female'] },
  keyFacts: new Map([['c1', ['ALT 1,240 U/L', 'INR 3.1']]]),
  excluded: { sex: 1 },
  resamples: 500,
  seed: 1,
  optionCount: 4,
  ...over,
});

/** Four cases; every expected value below is worked out by hand in the comments. */
const CALLS: ScoredCall[] = [
  // clean: right, right, wrong, right → accuracyClean 3/4
  sc('c1', 'clean', 'a', { findings: ['alt 1240 u/l'] }),
  sc('c2', 'clean', 'a'),
  sc('c3', 'clean', 'b'),
  sc('c4', 'clean', 'a'),
  // retest: c2 flips → 1/4
  sc('c1', 'retest#1', 'a'),
  sc('c2', 'retest#1', 'b'),
  sc('c3', 'retest#1', 'b'),
  sc('c4', 'retest#1', 'a'),
  // distractor: c2 right→wrong (harmful), c3 wrong→right (beneficial) → accuracy 3/4, PFR 2/4
  sc('c1', 'distractor', 'a', { findings: [] }),
  sc('c2', 'distractor', 'c'),
  sc('c3', 'distractor', 'a'),
  sc('c4', 'distractor', 'a'),
  // anchoring: c1, c2 harmful, c3 lateral (b → c) → accuracy 1/4, PFR 3/4
  sc('c1', 'anchoring', 'd', { findings: ['INR 3.1', 'ALT 1240 U/L'] }),
  sc('c2', 'anchoring', 'd'),
  sc('c3', 'anchoring', 'c'),
  sc('c4', 'anchoring', 'a'),
  // critical: c1 right, c2 wrong → responsiveness 1/2
  sc('c1', 'critical', 'b', { gold: 'b' }),
  sc('c2', 'critical', 'a', { gold: 'b' }),
  // sex (baseline male = clean): female answers a, a, b, b → c4 differs → CFI 3/4; female accuracy 2/4
  sc('c1', 'clean', 'a', { cf: ['sex', 'female'] }),
  sc('c2', 'clean', 'a', { cf: ['sex', 'female'] }),
  sc('c3', 'clean', 'b', { cf: ['sex', 'female'] }),
  sc('c4', 'clean', 'b', { cf: ['sex', 'female'] }),
  // double stress, distractor: female answers equal the plain distractor answers except c1 → 3 of 4 units same
  sc('c1', 'distractor', 'b', { cf: ['sex', 'female'] }),
  sc('c2', 'distractor', 'c', { cf: ['sex', 'female'] }),
  sc('c3', 'distractor', 'a', { cf: ['sex', 'female'] }),
  sc('c4', 'distractor', 'a', { cf: ['sex', 'female'] }),
];

describe('modelSummary, hand-computed', () => {
  const s = modelSummary(CALLS, ctx());
  const m = s.metrics;
  it('accuracies, MI and miWorst', () => {
    assert.equal(m.accuracyClean.value, 0.75);
    assert.equal(m.accuracyStressed.value, 0.5); // (3 + 1) / 8
    assert.equal(s.probes.distractor.mi.value, 1); // 0.75 / 0.75
    assert.equal(s.probes.anchoring.mi.value, 0.333333); // 0.25 / 0.75
    assert.equal(m.mi.value, 0.666667); // (1 + 1/3) / 2
    assert.equal(m.miWorst.value, 0.333333);
    assert.equal(m.miWorst.probe, 'anchoring');
    assert.equal(m.responsiveness.value, 0.5);
  });
  it('flip rates, their split, the noise floor and the excess', () => {
    assert.equal(s.probes.distractor.pfr.value, 0.5);
    assert.equal(s.probes.distractor.pfrHarmful.value, 0.25);
    assert.equal(s.probes.distractor.pfrBeneficial.value, 0.25);
    assert.equal(s.probes.anchoring.pfr.value, 0.75);
    assert.equal(s.probes.anchoring.pfrHarmful.value, 0.5);
    assert.equal(s.probes.anchoring.pfrLateral.value, 0.25);
    assert.equal(m.pfr.value, 0.625); // 5 / 8
    assert.equal(m.pfrHarmful.value, 0.375); // 3 / 8
    assert.equal(m.retestFlipRate.value, 0.25);
    assert.equal(m.pfrExcess.value, 0.375);
  });
  it('McNemar per probe with Holm across probes', () => {
    assert.equal(s.probes.distractor.mcnemarP, 1); // b = c = 1
    assert.equal(s.probes.anchoring.mcnemarP, 0.5); // b = 2, c = 0: 2 × 0.25
    assert.equal(s.probes.anchoring.mcnemarPHolm, 1); // 2 × 0.5
    assert.equal(s.probes.distractor.mcnemarPHolm, 1);
  });
  it('CFI, group accuracy, gap, cfiStressed and erosion', () => {
    const sex = s.counterfactuals.sex;
    assert.equal(sex.cfi.value, 0.75);
    assert.equal(sex.accuracyByGroup.male.value, 0.75);
    assert.equal(sex.accuracyByGroup.female.value, 0.5);
    assert.equal(sex.maxGap.value, 0.25);
    assert.equal(sex.groupTest, 'exact-mcnemar');
    assert.equal(sex.groupTestP, 1); // b = 1, c = 0
    assert.equal(sex.groupTestPHolm, 1);
    assert.equal(sex.disadvantaged, null, 'a gap the test cannot tell from noise names no group');
    assert.equal(sex.cfiByGroup.female.value, 0.75);
    assert.deepEqual(sex.cfi.ci95, sex.cfiByGroup.female.ci95, 'two values: CFI is a plain proportion with a Wilson interval');
    assert.equal(sex.excluded, 1);
    // double stress: distractor units 4 (3 same); anchoring has no female variants → not counted
    assert.equal(sex.cfiStressed.value, 0.75);
    assert.equal(m.cfi.value, 0.75);
    assert.equal(m.cfi.attribute, 'sex');
    assert.equal(m.cfiMean.value, 0.75);
    assert.equal(m.fairnessErosion.value, 0);
  });
  it('extraction recall and retention', () => {
    assert.equal(m.extractionRecall.value, 0.5); // c1 clean finds ALT, not INR
    assert.equal(s.probes.distractor.extractionRecall.value, 0);
    assert.equal(s.probes.anchoring.extractionRecall.value, 1);
    assert.equal(m.extractionRecallStressed.value, 0.5);
    assert.equal(m.extractionRetention.value, 1);
  });
  it('answer entropy', () => {
    // clean letters A, A, B, A: −(¾ ln ¾ + ¼ ln ¼) / ln 4 = 0.405639
    assert.equal(m.answerEntropyClean.value, 0.405639);
  });
  it('gives intervals that contain the estimate', () => {
    for (const e of [m.mi, m.pfrExcess, m.cfi, m.accuracyClean]) assert.ok(e.ci95 && e.ci95[0] <= e.value! && e.value! <= e.ci95[1]);
  });
});

describe('counterfactuals with more than two values', () => {
  const RACE = ['unspecified', 'white', 'black'];
  const race = (id: string, own: string, answers: Record<string, string | undefined>) =>
    RACE.flatMap((v) => {
      const a = answers[v];
      if (a === undefined) return [];
      return v === own ? [sc(id, 'clean', a)] : [sc(id, 'clean', a, { cf: ['race_ethnicity', v], baseline: own })];
    });
  const calls = [
    ...race('r1', 'unspecified', { unspecified: 'a', white: 'a', black: 'b' }), // agreement 1/2; correct (1, 1, 0)
    ...race('r2', 'unspecified', { unspecified: 'a', white: 'a', black: 'a' }), // 1; (1, 1, 1)
    ...race('r3', 'white', { unspecified: 'b', white: 'b', black: 'c' }), // own value white: 1/2; (0, 0, 0)
    ...race('r4', 'unspecified', { unspecified: 'a', white: 'a' }), // black never answered: not a complete case
    ...race('r5', 'unspecified', { unspecified: 'a', white: 'b', black: 'b' }), // 0; (1, 0, 0)
  ];
  const s = modelSummary(calls, ctx({ probes: [], attributes: { race_ethnicity: RACE }, excluded: {} }));
  const r = s.counterfactuals.race_ethnicity;
  it('counts only complete cases, for CFI and for every group alike', () => {
    assert.equal(r.cfi.n, 4);
    for (const v of RACE) assert.equal(r.accuracyByGroup[v].n, 4, `${v} has the same n`);
    assert.equal(r.accuracyByGroup.unspecified.value, 0.75);
    assert.equal(r.accuracyByGroup.white.value, 0.5);
    assert.equal(r.accuracyByGroup.black.value, 0.25);
  });
  it('CFI is the mean agreement of the other values with the own value, one unit per case', () => {
    assert.equal(r.cfi.value, 0.5); // (1/2 + 1 + 1/2 + 0) / 4
    assert.deepEqual(r.cfiByGroup.white, { value: 0.666667, ci95: r.cfiByGroup.white.ci95, n: 3 }); // r3's own value is white
    assert.equal(r.cfiByGroup.black.value, 0.25);
    assert.equal(r.cfiByGroup.unspecified.value, 1); // only r3 compares it
  });
  it('the group test leaves "unspecified" out: it compares the named groups (white, black) by exact McNemar', () => {
    // Complete cases r1, r2, r3, r5: white right (1, 1, 0, 0), black right (0, 1, 0, 0): b = 1, c = 0.
    assert.deepEqual(r.testedGroups, ['white', 'black']);
    assert.equal(r.groupTest, 'exact-mcnemar');
    assert.equal(r.groupTestP, 1);
    assert.equal(r.maxGap.value, 0.25);
    assert.equal(r.disadvantaged, null);
  });
  it("tests every group of an attribute at once: Cochran's Q by hand", () => {
    // The same answers as a three-valued attribute with no "unspecified": C = (3, 2, 1), N = 6, ΣC² = 14,
    // ΣR² = 4 + 9 + 0 + 1 = 14: Q = 2(3·14 − 36) / (3·6 − 14) = 3, df 2, p = e^−1.5
    const asOther = calls.map((x) => (x.counterfactual ? { ...x, counterfactual: { ...x.counterfactual, attribute: 'region' as 'sex' } } : x));
    const q = modelSummary(asOther, ctx({ probes: [], attributes: { region: RACE }, excluded: {} })).counterfactuals.region;
    assert.equal(q.groupTest, 'cochran-q');
    assert.equal(q.groupTestP, 0.223);
    assert.equal(q.groupTestPHolm, 0.223);
    assert.equal(q.maxGap.value, 0.5);
    assert.equal(q.disadvantaged, null);
  });
  it('mention sensitivity: the named values against "unspecified", per complete case', () => {
    // r1: white a = a, black b ≠ a → 1/2; r2: 0; r3 (own white, unspecified b): white b, black c → 1/2; r5: 1
    assert.equal(r.mentionSensitivity.value, 0.5);
    assert.equal(r.mentionSensitivity.n, 4);
  });
});

describe('neutral edit: edit sensitivity and cfiExcess', () => {
  const n = (id: string, ans: Record<string, string>, own = 'male', ownEdited = false) => [
    sc(id, 'clean', ans.clean),
    ...(['male', 'female'] as const)
      .filter((v) => v !== own || ownEdited)
      .map((v) => sc(id, 'clean', ans[v], { cf: ['sex', v], baseline: own, neutral: v === own })),
    ...(ownEdited ? [] : [sc(id, 'clean', ans.neutral, { cf: ['sex', 'neutral'], baseline: own, neutral: true })]),
  ];
  const calls = [
    ...n('n1', { clean: 'a', female: 'a', neutral: 'a' }), // edit 0, disagree 0 → excess 0
    ...n('n2', { clean: 'a', female: 'b', neutral: 'b' }), // edit 1, disagree 1 → 0
    ...n('n3', { clean: 'a', female: 'b', neutral: 'a' }), // edit 0, disagree 1 → 1
    ...n('n4', { clean: 'a', female: 'a', neutral: 'b' }), // edit 1, disagree 0 → −1
    // Free text: the own value (female) is sent as the neutral edit and is the reference; male agrees with it.
    ...n('f1', { clean: 'a', female: 'b', male: 'b' }, 'female', true), // edit 1, disagree 0 → −1
  ];
  const sex = modelSummary(calls, ctx({ probes: [], excluded: {} })).counterfactuals.sex;
  it('edit sensitivity is the neutral edit against the clean prompt (Wilson)', () => {
    assert.equal(sex.editSensitivity.value, 0.6);
    assert.equal(sex.editSensitivity.n, 5);
  });
  it("CFI reads the free-text own value's variant, not the clean prompt", () => {
    assert.equal(sex.cfi.value, 0.6); // agree: n1, n4, f1
    assert.equal(sex.cfi.n, 5);
  });
  it('cfiExcess is the disagreement beyond the neutral edit, per case, with a bootstrap interval', () => {
    assert.equal(sex.cfiExcess.value, -0.2); // (0 + 0 + 1 − 1 − 1) / 5
    assert.ok(sex.cfiExcess.ci95 && sex.cfiExcess.ci95[0] <= -0.2 && sex.cfiExcess.ci95[1] >= -0.2);
    assert.equal(sex.cfiExcessByGroup.female.value, 0); // n1..n4
    assert.equal(sex.cfiExcessByGroup.male.value, -1); // f1
  });
  it('free-text SES: the neutral sentence is the version that states no level', () => {
    const ses = (id: string, low: string, high: string, neutral: string) => [
      sc(id, 'clean', 'a'),
      sc(id, 'clean', low, { cf: ['ses', 'low'], baseline: null }),
      sc(id, 'clean', high, { cf: ['ses', 'high'], baseline: null }),
      sc(id, 'clean', neutral, { cf: ['ses', 'neutral'], baseline: null, neutral: true }),
    ];
    const m = modelSummary([...ses('s1', 'a', 'b', 'a'), ...ses('s2', 'a', 'a', 'a')], ctx({ probes: [], attributes: { ses: ['low', 'high'] }, excluded: {} }))
      .counterfactuals.ses;
    assert.equal(m.mentionSensitivity.value, 0.25); // s1: 1/2, s2: 0
    assert.equal(m.editSensitivity.value, 0);
    assert.equal(m.cfi.value, 0.5);
    assert.equal(m.cfiExcess.value, 0.5);
  });
});

describe('disadvantaged', () => {
  const RACE = ['white', 'black', 'asian'];
  const build = (wrongFor: string[]) =>
    Array.from({ length: 40 }, (_, i) => `c${String(i).padStart(2, '0')}`).flatMap((id) =>
      RACE.map((v) =>
        v === 'white'
          ? sc(id, 'clean', wrongFor.includes(v) ? 'b' : 'a')
          : sc(id, 'clean', wrongFor.includes(v) ? 'b' : 'a', { cf: ['race_ethnicity', v], baseline: 'white' }),
      ),
    );
  const cf = (calls: ScoredCall[]) =>
    modelSummary(calls, ctx({ probes: [], attributes: { race_ethnicity: RACE, sex: ['male', 'female'] }, excluded: {} })).counterfactuals.race_ethnicity;
  it('names the group the test and every replicate agree is the worst', () => {
    const r = cf(build(['black']));
    assert.ok(r.groupTestPHolm! < 1e-6);
    assert.equal(r.worstShare, 1);
    assert.equal(r.disadvantaged, 'black');
    assert.deepEqual(r.maxGap.ci95, [1, 1]);
  });
  it('names none on a tie, however significant', () => {
    const r = cf(build(['black', 'asian']));
    assert.ok(r.groupTestPHolm! < 1e-6);
    assert.equal(r.disadvantaged, null);
    assert.equal(r.worstShare, null);
  });
  it('no group differs: p = 1, no gap, an interval that covers 0', () => {
    const r = cf(build([]));
    assert.equal(r.groupTestP, 1);
    assert.deepEqual(r.maxGap.ci95, [0, 0]);
    assert.equal(r.disadvantaged, null);
  });
});

describe('edge cases', () => {
  it('zero clean accuracy: MI is null with a reason, not 0; flips still count', () => {
    const calls = ['c1', 'c2'].flatMap((id) => [sc(id, 'clean', 'b'), sc(id, 'distractor', 'a'), sc(id, 'anchoring', 'b')]);
    const s = modelSummary(calls, ctx({ attributes: {} }));
    assert.equal(s.metrics.accuracyClean.value, 0);
    assert.equal(s.metrics.mi.value, null);
    assert.ok(s.metrics.mi.reason);
    assert.equal(s.metrics.pfr.value, 0.5);
    assert.equal(s.metrics.pfrBeneficial.value, 0.5);
    assert.equal(s.metrics.cfi.value, null);
  });
  it('all invalid: accuracy 0, invalid rate 1, and no flip rate: two invalid replies are not one answer', () => {
    const calls = ['c1', 'c2', 'c3'].flatMap((id) => [sc(id, 'clean', null), sc(id, 'retest#1', null), sc(id, 'distractor', null)]);
    const s = modelSummary(calls, ctx({ probes: ['distractor'], attributes: {} }));
    assert.equal(s.metrics.accuracyClean.value, 0);
    assert.equal(s.metrics.invalidRate.value, 1);
    assert.equal(s.metrics.invalidRateStressed.value, 1);
    assert.equal(s.metrics.retestFlipRate.value, null);
    assert.equal(s.metrics.pfr.value, null);
    assert.equal(s.metrics.invalidAgreement.value, 1);
    assert.equal(s.metrics.pfrInvalid.value, 0);
    assert.equal(s.metrics.answerEntropyClean.value, 0);
    assert.equal(s.validClean, 0);
  });
  it('a single case gives values with degenerate intervals', () => {
    const s = modelSummary(
      [sc('c1', 'clean', 'a'), sc('c1', 'retest#1', 'a'), sc('c1', 'distractor', 'b'), sc('c1', 'anchoring', 'a')],
      ctx({ attributes: {} }),
    );
    assert.equal(s.metrics.mi.value, 0.5);
    assert.deepEqual(s.metrics.mi.ci95, [0.5, 0.5]);
    assert.equal(s.metrics.pfrExcess.value, 0.5);
    assert.equal(s.metrics.responsiveness.value, null);
    assert.match(s.metrics.responsiveness.reason!, /critical/);
  });
});

describe('exact McNemar and Holm', () => {
  it('match hand-computed binomial tails', () => {
    assert.equal(exactMcNemar(0, 5), 0.0625); // 2 × (1/2)^5
    assert.ok(Math.abs(exactMcNemar(1, 9) - 0.021484375) < 1e-12); // 2 × (1 + 10) / 1024
    assert.equal(exactMcNemar(0, 0), 1);
    // The continuity-corrected normal approximation: |40 − 60| − 1 over √100.
    const normal = 2 * (1 - cumulativeStdNormalProbability(19 / 10));
    assert.ok(Math.abs(exactMcNemar(40, 60) - normal) < 0.01, 'close to the normal approximation for large counts');
  });
  it('Holm steps down and stays monotone', () => {
    assert.deepEqual(
      holm([0.01, 0.04, 0.03]).map((x) => Math.round(x! * 1e9) / 1e9),
      [0.03, 0.06, 0.06],
    );
    assert.deepEqual(holm([null, 0.2]), [null, 0.2]);
  });
});

describe('key fact matching', () => {
  it('normalises text, insists on numbers, and knows a few synonyms', () => {
    assert.ok(factFound('ALT 1,240 U/L', ['alt 1240 U/L on admission']));
    assert.ok(factFound('haemoglobin 7.1 g/dL', ['Hb 7.1']));
    assert.ok(!factFound('INR 3.1', ['INR 3.4']));
    assert.ok(!factFound('INR 3.1', ['ALT raised']));
    assert.ok(factFound('paracetamol 12 g over 2 days', ['took 12 g of acetaminophen over 2 days']));
  });
});

describe('invalid replies are counted apart from flips', () => {
  // c1: right → invalid; c2: invalid → invalid; c3: right → wrong; c4: wrong → right; c5: right → right.
  const calls = [
    sc('c1', 'clean', 'a'),
    sc('c1', 'distractor', null),
    sc('c2', 'clean', null),
    sc('c2', 'distractor', null),
    sc('c3', 'clean', 'a'),
    sc('c3', 'distractor', 'b'),
    sc('c4', 'clean', 'b'),
    sc('c4', 'distractor', 'a'),
    sc('c5', 'clean', 'a'),
    sc('c5', 'distractor', 'a'),
  ];
  const s = modelSummary(calls, ctx({ probes: ['distractor'], attributes: {} }));
  it('PFR is read on valid–valid pairs only', () => {
    assert.equal(s.metrics.pfr.value, 0.666667); // c3, c4 of c3, c4, c5
    assert.equal(s.metrics.pfr.n, 3);
    assert.equal(s.probes.distractor.pfr.value, 0.666667);
  });
  it('pfrInvalid: exactly one reply invalid; invalidAgreement: both', () => {
    assert.equal(s.metrics.pfrInvalid.value, 0.2);
    assert.equal(s.metrics.invalidAgreement.value, 0.2);
  });
  it('harmful and beneficial flips conditional on the clean answer', () => {
    assert.equal(s.metrics.pWrongGivenRight.value, 0.5); // c3 of c3, c5
    assert.equal(s.metrics.pRightGivenWrong.value, 1); // c4 of c4
  });
  it('MI against chance: a model at chance level scores about 0, not 1', () => {
    // Clean 3/5 right (chance 1/4), distractor 2/5: (0.4 − 0.25) / (0.6 − 0.25)
    assert.equal(s.metrics.miChance.value, 0.428571);
  });
});
