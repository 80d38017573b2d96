import { bcEstimate, bootstrapReplicates, type Statistic } from './bootstrap.js';
import { same, valid, type Ans, type CaseRecord } from './case-record.js';
import { stiOf, thresholdDose } from './dose-curve.js';
import { doseShape, type DoseShape } from './dose-shape.js';
import { exactMcNemar, holm } from './mcnemar.js';
import { proportion, sig3, type Estimate } from './wilson.js';

/** A dosed probe as the metrics see it: its doses ascending, each with the condition its variants carry. */
export interface DosedProbe {
  probe: string;
  doses: { dose: number; condition: string }[];
}

export interface DosePoint {
  dose: number;
  /** Over the paired cases: answered clean and at every dose of the probe. */
  accuracy: Estimate;
  /** Valid–valid pairs (clean, this dose) whose answer differs. */
  flipRate: Estimate;
  /** accuracy at this dose / clean accuracy, on the paired cases (cluster bootstrap, BC). */
  mi: Estimate;
}

/** One step up the doses whose accuracy rose: exact McNemar on the paired cases, Holm-adjusted over every step of the model. */
export interface DoseStep {
  from: number;
  to: number;
  /** Cases wrong at `from` and right at `to`, and the reverse. */
  up: number;
  down: number;
  p: number;
  pHolm: number | null;
  /** Accuracy rose significantly with the dose: usually a probe defect. */
  flagged: boolean;
}

export interface ProbeDoseResponse {
  /** Paired cases. */
  n: number;
  accuracyClean: Estimate;
  points: DosePoint[];
  sti: Estimate;
  /** The first dose with MI below 0.9; null when none ("> max"). */
  thresholdDose: number | null;
  steps: DoseStep[];
}

export interface DoseResponse {
  probes: Record<string, ProbeDoseResponse>;
  /** The probes pooled: those with at least {@link MIN_POOLED} paired cases (a curve on a handful of cases is shown, not pooled). */
  pooledProbes: string[];
  /** The mean of the pooled probes' STIs, intervals from the same case resamples. */
  sti: Estimate;
  /** Doses every pooled probe shares, and the mean MI over those probes at each. */
  pooled: { dose: number; mi: Estimate }[];
  shape: DoseShape;
}

const MONOTONE_ALPHA = 0.05;
/** Paired cases a probe needs to join the pooled curve: the phenotype's floor of valid answers (minValidAnswers). */
export const MIN_POOLED = 20;

/**
 * Every dose-response statistic of one model, a pure function of its case records: per probe, accuracy and flip rate
 * (Wilson) and MI (BC) at each dose, STI, threshold dose and the monotonicity steps; pooled, the STI and the shape.
 */
export function doseResponse(records: readonly CaseRecord[], dosed: readonly DosedProbe[], resamples: number, seed: number | string): DoseResponse | null {
  if (!dosed.length) return null;
  // One row per case; per probe: [in paired set, clean right, right at each dose].
  const width = dosed.reduce((w, p) => w + 2 + p.doses.length, 0);
  const rows: Float64Array[] = [];
  const tallies = dosed.map((p) => ({ n: 0, cleanRight: 0, right: p.doses.map(() => 0), flips: p.doses.map(() => 0), pairs: p.doses.map(() => 0) }));
  const discord = dosed.map((p) => p.doses.slice(1).map(() => ({ up: 0, down: 0 })));
  for (const r of records) {
    const row = new Float64Array(width);
    let at = 0;
    dosed.forEach((p, i) => {
      const answers = p.doses.map((d) => r.probes.get(d.condition));
      if (r.clean && answers.every((a): a is Ans => a !== undefined)) {
        const t = tallies[i];
        row[at] = 1;
        row[at + 1] = r.clean.correct ? 1 : 0;
        t.n++;
        t.cleanRight += row[at + 1];
        answers.forEach((a, k) => {
          row[at + 2 + k] = a.correct ? 1 : 0;
          t.right[k] += row[at + 2 + k];
          if (valid(a) && valid(r.clean!)) {
            t.pairs[k]++;
            if (!same(a, r.clean!)) t.flips[k]++;
          }
          if (k > 0 && a.correct !== answers[k - 1].correct) discord[i][k - 1][a.correct ? 'up' : 'down']++;
        });
      }
      at += 2 + p.doses.length;
    });
    rows.push(row);
  }
  // Statistics over resampled column totals: MI per probe and dose, STI per probe, the pooled curve and STI.
  const offsets = dosed.map((_, i) => dosed.slice(0, i).reduce((w, p) => w + 2 + p.doses.length, 0));
  const miAt = (i: number, k: number) => (T: Float64Array) => (T[offsets[i] + 1] > 0 ? T[offsets[i] + 2 + k] / T[offsets[i] + 1] : null);
  const stiAt = (i: number) => (T: Float64Array) =>
    stiOf(
      dosed[i].doses.map((d) => d.dose),
      dosed[i].doses.map((_, k) => miAt(i, k)(T)),
    );
  const pool = dosed.flatMap((_, i) => (tallies[i].n >= MIN_POOLED ? [i] : []));
  const doseOf = (i: number, dose: number) => dosed[i].doses.findIndex((x) => x.dose === dose);
  const shared = pool.length ? dosed[pool[0]].doses.map((d) => d.dose).filter((d) => pool.every((i) => doseOf(i, d) >= 0)) : [];
  const pooledAt = (dose: number) => (T: Float64Array) => mean(pool.map((i) => miAt(i, doseOf(i, dose))(T)));
  const statistics: Record<string, Statistic> = {};
  dosed.forEach((p, i) => {
    for (let k = 0; k < p.doses.length; k++) statistics[`mi:${i}:${k}`] = miAt(i, k);
    statistics[`sti:${i}`] = stiAt(i);
  });
  for (const d of shared) statistics[`pooled:${d}`] = pooledAt(d);
  statistics.sti = (T) => mean(pool.map((i) => stiAt(i)(T)));
  if (shared.length >= 2) statistics.lateFall = (T) => diff(pooledAt(shared[0])(T), pooledAt(shared[shared.length - 1])(T));
  const reps = bootstrapReplicates(rows, statistics, resamples, `${seed}:doses`);
  const T = new Float64Array(width);
  for (const row of rows) for (let j = 0; j < width; j++) T[j] += row[j];
  const est = (name: string, n: number, reason: string) => bcEstimate(statistics[name](T), reps[name], n, reason);

  const steps = dosed.map((p, i) =>
    discord[i].map(({ up, down }, k) => ({ from: p.doses[k].dose, to: p.doses[k + 1].dose, up, down, p: sig3(exactMcNemar(up, down)) })),
  );
  const adjusted = holm(steps.flat().map((s) => s.p));
  let s = 0;
  const probes: Record<string, ProbeDoseResponse> = {};
  dosed.forEach((p, i) => {
    const t = tallies[i];
    const noClean = t.n ? 'no clean answer right among the paired cases' : 'no case answered clean and at every dose';
    const points = p.doses.map((d, k) => ({
      dose: d.dose,
      accuracy: proportion(t.right[k], t.n, 'no case answered clean and at every dose'),
      flipRate: proportion(t.flips[k], t.pairs[k], 'no valid clean and dosed pair'),
      mi: est(`mi:${i}:${k}`, t.n, noClean),
    }));
    probes[p.probe] = {
      n: t.n,
      accuracyClean: proportion(t.cleanRight, t.n, 'no case answered clean and at every dose'),
      points,
      sti: est(`sti:${i}`, t.n, p.doses.length < 2 ? 'one dose: no curve' : noClean),
      thresholdDose: thresholdDose(
        points.map((x) => x.dose),
        points.map((x) => x.mi.value),
      ),
      steps: steps[i].map((x) => {
        const pHolm = adjusted[s++];
        const q = pHolm === null ? null : sig3(pHolm);
        return { ...x, pHolm: q, flagged: x.up > x.down && q !== null && q < MONOTONE_ALPHA };
      }),
    };
  });
  const n = pool.length ? Math.min(...pool.map((i) => tallies[i].n)) : 0;
  const pooled = shared.map((dose) => ({ dose, mi: est(`pooled:${dose}`, n, 'a probe has no MI at this dose') }));
  const lateFall = shared.length >= 2 ? est('lateFall', n, 'a probe has no MI at the lowest or highest dose') : null;
  const sti = pool.length ? est('sti', n, 'a probe has no STI') : { value: null, ci95: null, n: 0, reason: `no probe has ${MIN_POOLED} paired cases` };
  return { probes, pooledProbes: pool.map((i) => dosed[i].probe), sti, pooled, shape: doseShape(pooled, lateFall) };
}

const mean = (xs: readonly (number | null)[]): number | null =>
  xs.some((x) => x === null || !Number.isFinite(x)) || !xs.length ? null : xs.reduce((a: number, x) => a + x!, 0) / xs.length;
const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
