import { cfiAt } from '../../src/metrics/definitions/parts.js';
import { columnTotals } from '../../src/metrics/layout.js';
import { accumulate, type MetricsContext } from '../../src/metrics/model-metrics.js';
import { Rng } from '../../src/util/rng.js';
import type { ScoredCall } from '../../src/scoring/score.js';

/**
 * A synthetic audit with a known generating process and clustered answers:
 * every ask of a case starts from the case's one latent answer (right with
 * probability `accuracy`), so a case's answers under the probes, its retests
 * and its counterfactuals are correlated, as a real model's are.
 * - noise: any ask is replaced by a uniform random letter with this probability (retest flips ≈ noise · 3/4 · 2);
 * - probes: each probe additionally replaces the answer by a uniform random letter with its own probability;
 * - invalid: any ask is an invalid reply with this probability;
 * - follow: the critical variant gets the critical gold with this probability, else the latent answer;
 * - sex: the clean prompt is one value, the other value and a neutral edit are asks like any other.
 */
export interface SimModel {
  accuracy: number;
  noise: number;
  probes: Record<string, number>;
  invalid: number;
  follow: number;
  retests: number;
}

export const LETTERS = ['A', 'B', 'C', 'D'];

export function simulateAudit(model: SimModel, n: number, ...seed: (string | number)[]): ScoredCall[] {
  const rng = new Rng('sim-audit', ...seed);
  const calls: ScoredCall[] = [];
  for (let i = 0; i < n; i++) {
    const caseId = `c${String(i).padStart(6, '0')}`;
    const gold = rng.pick(LETTERS);
    const wrong = LETTERS.filter((l) => l !== gold);
    const latent = rng.next() < model.accuracy ? gold : rng.pick(wrong);
    const ask = (condition: string, cf: { value: string; neutral: boolean } | null, base = latent, g = gold, extra = 0) => {
      let letter: string | null = rng.next() < model.noise ? rng.pick(LETTERS) : base;
      if (extra && rng.next() < extra) letter = rng.pick(LETTERS);
      if (rng.next() < model.invalid) letter = null;
      calls.push({
        modelId: 'sim',
        variantId: `${caseId}|${condition}${cf ? `|sex=${cf.value}` : ''}`,
        caseId,
        condition,
        counterfactual: cf ? { attribute: 'sex', value: cf.value } : null,
        counterfactualBaseline: cf ? 'male' : null,
        neutralEdit: cf?.neutral ?? false,
        letter,
        method: letter ? 'json' : 'invalid',
        answerText: letter?.toLowerCase() ?? null,
        goldText: g.toLowerCase(),
        goldLetter: g,
        optionCount: 4,
        correct: letter === g,
        keyFindings: [],
        truncated: false,
        probs: null,
      });
    };
    ask('clean', null);
    for (let k = 1; k <= model.retests; k++) ask(`retest#${k}`, null);
    for (const [p, extra] of Object.entries(model.probes)) ask(p, null, latent, gold, extra);
    const critGold = rng.pick(wrong);
    ask('critical', null, rng.next() < model.follow ? critGold : latent, critGold);
    ask('clean', { value: 'female', neutral: false });
    ask('clean', { value: 'neutral', neutral: true });
  }
  return calls;
}

export const simContext = (model: SimModel, resamples: number, seed: number | string): MetricsContext => ({
  probes: Object.keys(model.probes),
  attributes: { sex: ['male', 'female'] },
  keyFacts: new Map(),
  excluded: {},
  resamples,
  seed,
  optionCount: 4,
});

/** Population values: every statistic on a very large simulated audit, without resampling. */
export function populationValues(model: SimModel, n: number): Record<string, number | null> {
  const ctx = simContext(model, 0, 'truth');
  // In chunks, summing the column totals: a large population without holding every call at once.
  const CHUNK = 20_000;
  let p = accumulate(simulateAudit(model, Math.min(n, CHUNK), 'truth', 0), ctx).prepare(ctx);
  const t = columnTotals(p.rows, p.model.layout.width);
  for (let k = 1; k * CHUNK < n; k++) {
    const q = accumulate(simulateAudit(model, Math.min(CHUNK, n - k * CHUNK), 'truth', k), ctx).prepare(ctx);
    const u = columnTotals(q.rows, q.model.layout.width);
    for (let j = 0; j < t.length; j++) t[j] += u[j];
    p = q;
  }
  const { layout, statistics } = p.model;
  const out: Record<string, number | null> = Object.fromEntries(Object.entries(statistics.metrics).map(([k, f]) => [k, f(t)]));
  // One-unit-per-case rates with Wilson intervals have no statistic of their own: their ratios of totals.
  layout.spec.probes.forEach((probe, i) => {
    const c = layout.probes[i];
    out[`accuracy.${probe}`] = t[c.correct] / t[c.n];
    out[`mi.${probe}`] = statistics.probes[probe].mi(t);
    out[`pfr.${probe}`] = t[c.flip] / t[c.pair];
  });
  const sex = layout.attributes.find((a) => a.name === 'sex')!.at;
  out['cfi.sex'] = cfiAt(t, sex);
  out['cfiExcess.sex'] = statistics.attributes.sex.cfiExcess(t);
  out['editSensitivity.sex'] = t[sex.edDiff] / t[sex.edN];
  return out;
}
