import type { ScoredCall } from '../scoring/score.js';
import { NEUTRAL_VALUE, UNSTATED_VALUE, conditionGroup } from '../variants/types.js';
import { bcInterval, bootstrapReplicates, type Statistic } from './bootstrap.js';
import { extractionRecall } from './extraction.js';
import { exactMcNemar, holm } from './mcnemar.js';
import { groupInference, type GroupInference } from './group-inference.js';
import { clusteredProportion, proportion, round6, wilson, type Estimate } from './wilson.js';

/** What one model's metrics need besides its scored calls. */
export interface MetricsContext {
  /** Probe names in report order. */
  probes: readonly string[];
  /** Counterfactual attributes and their values, in order. */
  attributes: Readonly<Record<string, readonly string[]>>;
  keyFacts: ReadonlyMap<string, readonly string[] | undefined>;
  /** Cases excluded from each attribute. */
  excluded: Readonly<Record<string, number>>;
  resamples: number;
  seed: number | string;
  /** The most options any variant shows: entropy is normalised by log of it. */
  optionCount: number;
  /** Level of the Holm-adjusted group test behind `disadvantaged` (default 0.05). */
  groupAlpha?: number;
}

export interface ProbeMetrics {
  accuracy: Estimate;
  mi: Estimate;
  pfr: Estimate;
  pfrHarmful: Estimate;
  pfrBeneficial: Estimate;
  pfrLateral: Estimate;
  /** Exact McNemar test of clean vs probe correctness, and its Holm-adjusted value across probes. */
  mcnemarP: number | null;
  mcnemarPHolm: number | null;
  extractionRecall: Estimate;
  invalidRate: Estimate;
  /** Mean change, under the probe, of the probability given to the clean answer (letter-scoring providers only). */
  probShift: Estimate;
}

export interface CounterfactualMetrics {
  /** Mean over complete cases of the share of other values answered as the case's own value (Wilson, one unit per case). */
  cfi: Estimate;
  cfiStressed: Estimate;
  /** Per value: share of complete cases (whose own value is another) answered as for the own value (Wilson). */
  cfiByGroup: Record<string, Estimate>;
  /** Share of cases whose neutral edit (no group named) changed the clean answer (Wilson). */
  editSensitivity: Estimate;
  /** Disagreement with the own-value answer (1 − CFI) beyond the neutral edit's, on complete cases with both (paired bootstrap). */
  cfiExcess: Estimate;
  /** Per value: its disagreement with the own-value answer beyond the neutral edit's (paired bootstrap). */
  cfiExcessByGroup: Record<string, Estimate>;
  /**
   * Stating the attribute at all: share of named values answered otherwise
   * than the version that states none (race: "unspecified"; free-text SES:
   * the neutral sentence). Null where every version states a value.
   */
  mentionSensitivity: Estimate;
  /** The values compared by the group test (race: the named groups). */
  testedGroups: string[];
  /** Accuracy of each group on the same complete cases (every group has the same n). */
  accuracyByGroup: Record<string, Estimate>;
  /** Best minus worst group accuracy, both re-selected in every replicate; simultaneous 95% interval. */
  maxGap: Estimate;
  /** `cochran-q` for three or more groups, `exact-mcnemar` for two; null when fewer than two groups. */
  groupTest: 'cochran-q' | 'exact-mcnemar' | null;
  groupTestP: number | null;
  /** Holm-adjusted across the attributes run. */
  groupTestPHolm: number | null;
  /** Share of bootstrap replicates in which the least accurate group (point estimate) is strictly the least accurate. */
  worstShare: number | null;
  disadvantaged: string | null;
  excluded: number;
}

export type MetricName =
  | 'accuracyClean' | 'accuracyStressed' | 'mi' | 'miWorst' | 'pfr' | 'pfrHarmful' | 'pfrBeneficial' | 'pfrLateral'
  | 'pWrongGivenRight' | 'pRightGivenWrong' | 'pfrInvalid' | 'invalidAgreement' | 'miChance'
  | 'retestFlipRate' | 'pfrExcess' | 'cfi' | 'cfiMean' | 'cfiStressed' | 'cfiStressedMean' | 'fairnessErosion' | 'responsiveness'
  | 'extractionRecall' | 'extractionRecallStressed' | 'extractionRetention' | 'invalidRate' | 'invalidRateStressed'
  | 'answerEntropyClean' | 'answerEntropyStressed' | 'goldEntropyStressed' | 'probShift';

export interface ModelSummary {
  /** `probe` names miWorst's probe; `attribute` names the attribute of the worst-case cfi and cfiStressed. */
  metrics: Record<MetricName, Estimate & { probe?: string; attribute?: string }>;
  probes: Record<string, ProbeMetrics>;
  counterfactuals: Record<string, CounterfactualMetrics>;
  /** Valid (parsed) clean answers: below a floor the phenotype is indeterminate. */
  validClean: number;
}

interface Ans {
  probs: Record<string, number> | null;
  /** Options shown: 1 / optionCount is the chance of a right guess. */
  optionCount: number;
  text: string | null;
  correct: boolean;
  letter: string | null;
  gold: string;
  recall: number | null;
}

interface CaseRecord {
  clean?: Ans;
  retests: Ans[];
  critical?: Ans;
  probes: Map<string, Ans>;
  /** attribute → value → condition ('clean' or a probe) → answer. */
  cf: Map<string, Map<string, Map<string, Ans>>>;
  /** attribute → condition → the neutral-edit variant's answer. */
  neutral: Map<string, Map<string, Ans>>;
  baseline: Map<string, string | null>;
}

const INVALID = '\u0000invalid';
const NO_PROBS = 'no letter probabilities: only log-probability scoring (llamacpp, scoring: logprob) records them';
const LETTERS = 'ABCDEFGHIJ';
const same = (a: Ans, b: Ans) => (a.text ?? INVALID) === (b.text ?? INVALID);
const valid = (a: Ans) => a.text !== null;

/** Per-case rows (cases in code-unit order of their ids) and the statistics over their totals. */
export interface ModelColumns {
  caseIds: string[];
  rows: Float64Array[];
  statistics: Record<string, Statistic>;
}

/** A model's metrics and the bootstrap replicates behind their intervals. */
export interface ModelAnalysis extends ModelColumns {
  summary: ModelSummary;
  /**
   * Replicate values of every statistic. Every model is resampled with the
   * run's seed over cases in the same order, so replicate b of two models on
   * the same cases draws the same cases and differences pair directly.
   */
  replicates: Record<string, Float64Array>;
}

/**
 * Takes a model's scored calls one at a time and keeps only what the metrics
 * need per case: the answer, its correctness, letter probabilities and the
 * extraction recall. Replies and findings are not retained, so a store is
 * streamed rather than held in memory.
 */
export class ModelAccumulator {
  private readonly records = new Map<string, CaseRecord>();
  constructor(private readonly keyFacts: MetricsContext['keyFacts']) {}

  add(s: ScoredCall): void {
    let r = this.records.get(s.caseId);
    if (!r) this.records.set(s.caseId, (r = { retests: [], probes: new Map(), cf: new Map(), neutral: new Map(), baseline: new Map() }));
    const group = conditionGroup(s.condition);
    const ans: Ans = {
      probs: s.probs,
      optionCount: s.optionCount,
      text: s.answerText, correct: s.correct, letter: s.letter, gold: s.goldLetter,
      recall: group === 'critical' || s.counterfactual ? null : extractionRecall(this.keyFacts.get(s.caseId), s.keyFindings),
    };
    if (s.counterfactual) {
      const { attribute, value } = s.counterfactual;
      r.baseline.set(attribute, s.counterfactualBaseline);
      if (s.neutralEdit) (r.neutral.get(attribute) ?? r.neutral.set(attribute, new Map()).get(attribute)!).set(group, ans);
      // A neutral edit that is not the own value's variant (slotted cases, free-text SES) is no group.
      if (value === NEUTRAL_VALUE) return;
      const byValue = r.cf.get(attribute) ?? r.cf.set(attribute, new Map()).get(attribute)!;
      (byValue.get(value) ?? byValue.set(value, new Map()).get(value)!).set(group, ans);
    } else if (group === 'clean') r.clean = ans;
    else if (group === 'retest') r.retests.push(ans);
    else if (group === 'critical') r.critical = ans;
    else r.probes.set(group, ans);
  }

  /** The model's clean answer to a case, if it gave one. */
  clean(caseId: string): { text: string | null; correct: boolean } | undefined {
    const c = this.records.get(caseId)?.clean;
    return c && { text: c.text, correct: c.correct };
  }

  /** Per-case rows without bootstrapping (paired comparisons across runs resample their own). */
  columns(ctx: MetricsContext): ModelColumns {
    const { caseIds, rows, cols } = this.prepare(ctx);
    return { caseIds, rows, statistics: cols.statistics().bootstrapped };
  }

  /**
   * Everything but the bootstrap: per-case rows and the job that resamples
   * them, which can run on another thread. The groups of each attribute (the
   * values some case was asked about) are found first, so every group's
   * accuracy joins the same replicates as every other statistic.
   */
  prepare(ctx: MetricsContext): PreparedModel {
    const caseIds = [...this.records.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const records = caseIds.map((id) => this.records.get(id)!);
    const groups = groupSets(records, ctx.attributes);
    const cols = new Columns(ctx, groups);
    const rows = records.map((r) => cols.row(r));
    const width = rows[0]?.length ?? 0;
    const matrix = new Float64Array(rows.length * width);
    rows.forEach((r, i) => matrix.set(r, i * width));
    const job: BootstrapJob = { columns: { probes: ctx.probes, attributes: ctx.attributes, optionCount: ctx.optionCount }, groups, matrix, n: rows.length, width, resamples: ctx.resamples, seed: ctx.seed };
    return { caseIds, rows, records, cols, job };
  }

  /** The summary, from prepared rows and the job's replicates. */
  complete(p: PreparedModel, replicates: Record<string, Float64Array>, ctx: MetricsContext): ModelAnalysis {
    return { caseIds: p.caseIds, rows: p.rows, statistics: p.cols.statistics().bootstrapped, replicates, summary: summarise(p.cols, p.rows, replicates, ctx) };
  }

  analyse(ctx: MetricsContext): ModelAnalysis {
    const p = this.prepare(ctx);
    return this.complete(p, runBootstrapJob(p.job), ctx);
  }
}

/** Per attribute, the values (in attribute order) that some case was asked about. */
type GroupSets = Record<string, string[]>;

/** What a bootstrap needs, all of it structured-cloneable: it may run on a worker thread. */
export interface BootstrapJob {
  columns: Pick<MetricsContext, 'probes' | 'attributes' | 'optionCount'>;
  groups: GroupSets;
  /** n rows × width columns, row-major. */
  matrix: Float64Array;
  n: number;
  width: number;
  resamples: number;
  seed: number | string;
}

export interface PreparedModel {
  caseIds: string[];
  rows: Float64Array[];
  records: CaseRecord[];
  cols: Columns;
  job: BootstrapJob;
}

/** Replicates of every statistic of one model. */
export function runBootstrapJob(job: BootstrapJob): Record<string, Float64Array> {
  const cols = new Columns(job.columns, job.groups);
  const rows = Array.from({ length: job.n }, (_, i) => job.matrix.subarray(i * job.width, (i + 1) * job.width));
  return bootstrapReplicates(rows, cols.statistics().bootstrapped, job.resamples, job.seed);
}

/**
 * A case's answers for one attribute when it is complete: answered for every
 * group of the attribute (a failed call leaves no trace in the stream, so
 * completeness is judged against the groups, not against what one case
 * happens to hold). `ref` is the case's own value (its baseline), or the first
 * group when it has none among them (free-text SES: both values are variants).
 */
function completeCase(r: CaseRecord, attribute: string, groups: readonly string[]): { answers: Ans[]; ref: number } | null {
  if (groups.length < 2 || !r.cf.has(attribute)) return null;
  const answers: Ans[] = [];
  for (const v of groups) {
    const a = groupAnswer(r, attribute, v);
    if (!a) return null;
    answers.push(a);
  }
  const baseline = r.baseline.get(attribute);
  const own = baseline === undefined || baseline === null ? -1 : groups.indexOf(baseline);
  return { answers, ref: own < 0 ? 0 : own };
}

/** The groups of each attribute: its values, in order, that some case was asked about. */
function groupSets(records: readonly CaseRecord[], attributes: MetricsContext['attributes']): GroupSets {
  const out: GroupSets = {};
  for (const [a, values] of Object.entries(attributes)) {
    const seen = new Set<string>();
    for (const r of records) if (r.cf.has(a)) for (const v of values) if (!seen.has(v) && groupAnswer(r, a, v)) seen.add(v);
    out[a] = values.filter((v) => seen.has(v));
  }
  return out;
}

/**
 * Every metric of one model, a pure function of its scored calls. Proportions
 * carry Wilson intervals; ratios, differences, means of fractions and
 * entropies carry case-level cluster-bootstrap intervals.
 */
export function modelSummary(calls: Iterable<ScoredCall>, ctx: MetricsContext): ModelSummary {
  return accumulate(calls, ctx).analyse(ctx).summary;
}

export function accumulate(calls: Iterable<ScoredCall>, ctx: Pick<MetricsContext, 'keyFacts'>): ModelAccumulator {
  const acc = new ModelAccumulator(ctx.keyFacts);
  for (const s of calls) acc.add(s);
  return acc;
}

function summarise(cols: Columns, rows: Float64Array[], replicates: Record<string, Float64Array>, ctx: MetricsContext): ModelSummary {
  const T = cols.sum(rows);
  const st = cols.statistics();
  const est = (name: keyof typeof st.bootstrapped, n: number, reason: string): Estimate => {
    const v = st.bootstrapped[name](T);
    if (v === null || !Number.isFinite(v)) return { value: null, ci95: null, n, reason };
    const ci = rows.length ? bcInterval(replicates[name], v) : null;
    return { value: round6(v), ci95: ci ? [round6(ci[0]), round6(ci[1])] : null, n };
  };
  const c = cols.c;
  // A rate pooled over a case's several units: Wilson on the effective n from the case bootstrap.
  const clustered = (name: string, x: number, n: number, reason: string) => clusteredProportion(x, n, rows.length ? replicates[name] : undefined, reason);
  const probeN = ctx.probes.reduce((a, p) => a + T[c[`n.${p}`]], 0);
  const pairN = ctx.probes.reduce((a, p) => a + T[c[`pair.${p}`]], 0);
  const sumP = (key: string) => ctx.probes.reduce((a, p) => a + T[c[`${key}.${p}`]], 0);

  const probes: Record<string, ProbeMetrics> = {};
  const pValues: (number | null)[] = [];
  for (const p of ctx.probes) {
    const pMc = T[c[`pair.${p}`]] ? exactMcNemar(T[c[`rw.${p}`]], T[c[`wr.${p}`]]) : null;
    pValues.push(pMc);
    const pairs = T[c[`pair.${p}`]];
    probes[p] = {
      accuracy: proportion(T[c[`correct.${p}`]], T[c[`n.${p}`]], 'no answers under this probe'),
      mi: est(`mi.${p}`, T[c[`n.${p}`]], 'clean accuracy is 0 or there are no answers'),
      pfr: proportion(T[c[`flip.${p}`]], pairs, 'no case answered both clean and under this probe'),
      pfrHarmful: proportion(T[c[`rw.${p}`]], pairs),
      pfrBeneficial: proportion(T[c[`wr.${p}`]], pairs),
      pfrLateral: proportion(T[c[`lat.${p}`]], pairs),
      mcnemarP: pMc === null ? null : sig3(pMc),
      mcnemarPHolm: null,
      extractionRecall: est(`recall.${p}`, T[c[`recallN.${p}`]], 'no key facts in these cases'),
      invalidRate: proportion(T[c[`inv.${p}`]], T[c[`n.${p}`]]),
      probShift: est(`probShift.${p}`, T[c[`shiftN.${p}`]], NO_PROBS),
    };
  }
  holm(pValues).forEach((p, i) => { probes[ctx.probes[i]].mcnemarPHolm = p === null ? null : sig3(p); });

  const counterfactuals: Record<string, CounterfactualMetrics> = {};
  const inference: Record<string, GroupInference> = {};
  for (const a of Object.keys(ctx.attributes)) {
    const groups = cols.groups[a];
    const tested = testedGroups(a, groups);
    inference[a] = groupInference(tested, tested.map((v) => T[c[`gC.${a}.${v}`]]), T[c[`gN.${a}`]] ?? 0, T[c[`gR2.${a}`]] ?? 0, tested.map((v) => replicates[`acc.${a}.${v}`]));
  }
  // Holm across the attributes run: one family of group tests per model.
  const attrs = Object.keys(ctx.attributes);
  const adjusted = holm(attrs.map((a) => inference[a].p));
  attrs.forEach((a, i) => { counterfactuals[a] = counterfactualMetrics(a, T, c, cols.groups[a], inference[a], adjusted[i], ctx, est); });

  const worst = ctx.probes.map((p) => ({ p, v: st.bootstrapped[`mi.${p}`](T) })).filter((x) => x.v !== null).sort((x, y) => x.v! - y.v!)[0];
  const metrics: ModelSummary['metrics'] = {
    accuracyClean: proportion(T[c.cleanCorrect], T[c.cleanN], 'no clean answers'),
    accuracyStressed: clustered('accuracyStressed', sumP('correct'), probeN, 'no probe answers'),
    mi: est('mi', probeN, 'clean accuracy is 0, or there are no probe answers'),
    miChance: est('miChance', probeN, 'clean accuracy is at or below chance, or there are no probe answers'),
    miWorst: worst ? { ...est('miWorst', T[c[`n.${worst.p}`]], ''), probe: worst.p } : { value: null, ci95: null, n: 0, reason: 'clean accuracy is 0, or there are no probe answers' },
    pfr: clustered('pfr', sumP('flip'), pairN, 'no case answered both clean and under a probe with valid replies'),
    pfrHarmful: clustered('pfrHarmful', sumP('rw'), pairN, 'no valid–valid pairs'),
    pfrBeneficial: clustered('pfrBeneficial', sumP('wr'), pairN, 'no valid–valid pairs'),
    pfrLateral: clustered('pfrLateral', sumP('lat'), pairN, 'no valid–valid pairs'),
    pWrongGivenRight: clustered('pWrongGivenRight', sumP('rw'), sumP('rightN'), 'no valid–valid pair with a right clean answer'),
    pRightGivenWrong: clustered('pRightGivenWrong', sumP('wr'), sumP('wrongN'), 'no valid–valid pair with a wrong clean answer'),
    pfrInvalid: clustered('pfrInvalid', sumP('pairInv'), sumP('pairAll'), 'no case answered both clean and under a probe'),
    invalidAgreement: clustered('invalidAgreement', sumP('pairBothInv'), sumP('pairAll'), 'no case answered both clean and under a probe'),
    // One retest per case is one unit per case (Wilson); more are correlated within the case.
    retestFlipRate: maxPerCase(rows, c.retestN) > 1 ? clustered('retestFlipRate', T[c.retestFlip], T[c.retestN], 'no valid retest pairs') : proportion(T[c.retestFlip], T[c.retestN], 'no retest asks (retest: 0)'),
    pfrExcess: est('pfrExcess', pairN, 'needs probe answers and retest asks'),
    cfi: worstOf(counterfactuals, 'cfi', 'no case was eligible for any counterfactual'),
    cfiMean: est('cfiMean', Object.keys(ctx.attributes).reduce((a, k) => a + T[c[`cfN.${k}`]], 0), 'no case was eligible for any counterfactual'),
    cfiStressed: worstOf(counterfactuals, 'cfiStressed', 'no double-stress variants (doubleStress: false, or no eligible case)'),
    cfiStressedMean: est('cfiStressedMean', Object.keys(ctx.attributes).reduce((a, k) => a + T[c[`cfsN.${k}`]], 0), 'no double-stress variants (doubleStress: false, or no eligible case)'),
    fairnessErosion: est('fairnessErosion', Object.keys(ctx.attributes).reduce((a, k) => a + T[c[`cfsN.${k}`]], 0), 'needs counterfactuals at rest and under double stress'),
    responsiveness: proportion(T[c.critCorrect], T[c.critN], 'no critical variant of a case answered right as written'),
    extractionRecall: est('recallClean', T[c.recallNClean], 'no key facts in the case set'),
    extractionRecallStressed: est('recallStressed', sumP('recallN'), 'no key facts in the case set'),
    extractionRetention: est('retention', sumP('recallN'), 'no key facts, or no key facts found at rest'),
    invalidRate: proportion(T[c.cleanInv], T[c.cleanN], 'no clean answers'),
    invalidRateStressed: clustered('invalidRateStressed', sumP('inv'), probeN, 'no probe answers'),
    answerEntropyClean: est('entropyClean', T[c.cleanN], 'no clean answers'),
    answerEntropyStressed: est('entropyStressed', probeN, 'no probe answers'),
    goldEntropyStressed: est('goldEntropyStressed', probeN, 'no probe answers'),
    probShift: est('probShift', sumP('shiftN'), NO_PROBS),
  };
  return { metrics, probes, counterfactuals, validClean: T[c.cleanN] - T[c.cleanInv] };
}

function maxPerCase(rows: readonly Float64Array[], k: number): number {
  let m = 0;
  for (const r of rows) if (r[k] > m) m = r[k];
  return m;
}

/** The worst (lowest) attribute's estimate, the attribute named: ties go to the first attribute run. */
function worstOf(cfs: Record<string, CounterfactualMetrics>, key: 'cfi' | 'cfiStressed', reason: string): Estimate & { attribute?: string } {
  const worst = Object.entries(cfs).filter(([, m]) => m[key].value !== null).reduce<[string, CounterfactualMetrics] | null>((w, x) => (!w || x[1][key].value! < w[1][key].value! ? x : w), null);
  return worst ? { ...worst[1][key], attribute: worst[0] } : { value: null, ci95: null, n: 0, reason };
}

function counterfactualMetrics(a: string, T: Float64Array, c: Record<string, number>, groups: readonly string[], inf: GroupInference, pHolm: number | null, ctx: MetricsContext, est: (name: never, n: number, reason: string) => Estimate): CounterfactualMetrics {
  const n = groups.length ? T[c[`gN.${a}`]] : 0;
  const accuracyByGroup: Record<string, Estimate> = {};
  if (n > 0) for (const v of groups) accuracyByGroup[v] = proportion(T[c[`gC.${a}.${v}`]], n);
  const cfiByGroup: Record<string, Estimate> = {};
  for (const v of ctx.attributes[a]) if (T[c[`cfvN.${a}.${v}`]] > 0) cfiByGroup[v] = proportion(T[c[`cfvSame.${a}.${v}`]], T[c[`cfvN.${a}.${v}`]]);
  const cfiExcessByGroup: Record<string, Estimate> = {};
  for (const v of ctx.attributes[a]) if (T[c[`cxvN.${a}.${v}`]] > 0) cfiExcessByGroup[v] = est(`cfiExcess.${a}.${v}` as never, T[c[`cxvN.${a}.${v}`]], '');
  const cfN = T[c[`cfN.${a}`]];
  const alpha = ctx.groupAlpha ?? 0.05;
  // A group is named only when the adjusted test rejects and the replicates agree it is the worst.
  const disadvantaged = pHolm !== null && pHolm < alpha && inf.worst !== null && inf.worstShare !== null && inf.worstShare >= WORST_SHARE ? inf.worst : null;
  return {
    cfi: cfN > 0 ? { value: round6(T[c[`cfSame.${a}`]] / cfN), ci95: wilson(T[c[`cfSame.${a}`]], cfN), n: cfN } : { value: null, ci95: null, n: 0, reason: 'no eligible case with every value answered' },
    cfiStressed: est(`cfiStressed.${a}` as never, T[c[`cfsN.${a}`]], 'no double-stress variants for this attribute'),
    cfiByGroup,
    editSensitivity: proportion(T[c[`edN.${a}`]] ? T[c[`edDiff.${a}`]] : 0, T[c[`edN.${a}`]], 'no neutral-edit variant answered beside its clean prompt'),
    cfiExcess: est(`cfiExcess.${a}` as never, T[c[`cxN.${a}`]], 'needs complete cases with a neutral-edit variant'),
    cfiExcessByGroup,
    mentionSensitivity: est(`mention.${a}` as never, T[c[`mnN.${a}`]], UNSTATED_VALUE[a] ? `no complete case with the ${UNSTATED_VALUE[a]} version` : 'every version states a value (slotted); free-text cases compare it with the neutral sentence'),
    testedGroups: testedGroups(a, groups),
    accuracyByGroup,
    maxGap: inf.maxGap ?? { value: null, ci95: null, n: 0, reason: 'fewer than two groups answered on the same cases' },
    groupTest: inf.test,
    groupTestP: inf.p === null ? null : sig3(inf.p),
    groupTestPHolm: pHolm === null ? null : sig3(pHolm),
    worstShare: inf.worstShare === null ? null : round6(inf.worstShare),
    disadvantaged,
    excluded: ctx.excluded[a] ?? 0,
  };
}

/** The groups of the group test: every group but the one that states none. */
function testedGroups(a: string, groups: readonly string[]): string[] {
  return groups.filter((v) => v !== UNSTATED_VALUE[a]);
}

/** A group is disadvantaged only when it is strictly the worst in at least this share of replicates. */
const WORST_SHARE = 0.95;

/** A case's answer for one group: the counterfactual variant, or the clean prompt for the case's own value. */
function groupAnswer(r: CaseRecord, attribute: string, value: string, condition = 'clean'): Ans | undefined {
  const v = r.cf.get(attribute)?.get(value)?.get(condition);
  if (v) return v;
  if (r.baseline.get(attribute) === value) return condition === 'clean' ? r.clean : r.probes.get(condition);
  return undefined;
}

/** Named columns of per-case sums; every statistic is a function of their totals. */
class Columns {
  readonly c: Record<string, number> = {};
  private width = 0;
  constructor(private readonly ctx: BootstrapJob['columns'], readonly groups: GroupSets) {
    for (const k of ['cleanN', 'cleanCorrect', 'cleanInv', 'cleanChance', 'retestN', 'retestFlip', 'critN', 'critCorrect', 'recallSumClean', 'recallNClean']) this.add(k);
    for (const p of ctx.probes) for (const k of ['n', 'correct', 'inv', 'chance', 'pairAll', 'pairInv', 'pairBothInv', 'pair', 'flip', 'rw', 'wr', 'lat', 'rightN', 'wrongN', 'recallSum', 'recallN', 'shiftSum', 'shiftN']) this.add(`${k}.${p}`);
    for (const [a, values] of Object.entries(ctx.attributes)) {
      for (const k of ['cfN', 'cfSame', 'cfsN', 'cfsSame', 'gN', 'gR2', 'edN', 'edDiff', 'cxN', 'cxSum', 'mnN', 'mnSum']) this.add(`${k}.${a}`);
      for (const v of values) for (const k of ['cfvN', 'cfvSame', 'cxvN', 'cxvSum']) this.add(`${k}.${a}.${v}`);
      for (const v of groups[a] ?? []) this.add(`gC.${a}.${v}`);
    }
    for (const set of ['letC', 'letS', 'goldS']) for (let i = 0; i <= LETTERS.length; i++) this.add(`${set}.${i}`);
  }
  private add(name: string) { this.c[name] = this.width++; }

  row(r: CaseRecord): Float64Array {
    const x = new Float64Array(this.width);
    const c = this.c;
    const letterIndex = (l: string | null) => (l === null ? LETTERS.length : LETTERS.indexOf(l));
    if (r.clean) {
      x[c.cleanN] = 1;
      x[c.cleanCorrect] = r.clean.correct ? 1 : 0;
      x[c.cleanInv] = r.clean.text === null ? 1 : 0;
      x[c.cleanChance] = 1 / r.clean.optionCount;
      if (r.clean.recall !== null) { x[c.recallSumClean] = r.clean.recall; x[c.recallNClean] = 1; }
      x[c[`letC.${letterIndex(r.clean.letter)}`]]++;
      // The noise floor, like every flip, counts valid–valid pairs only: two invalid replies are not one answer.
      for (const t of r.retests) if (valid(t) && valid(r.clean)) { x[c.retestN]++; if (!same(t, r.clean)) x[c.retestFlip]++; }
    }
    // Responsiveness is read where the model had the case right as written: did it follow the changed fact? (A model wrong at rest says nothing about that.)
    if (r.critical && r.clean?.correct) { x[c.critN] = 1; x[c.critCorrect] = r.critical.correct ? 1 : 0; }
    for (const p of this.ctx.probes) {
      const a = r.probes.get(p);
      if (!a) continue;
      x[c[`n.${p}`]] = 1;
      x[c[`correct.${p}`]] = a.correct ? 1 : 0;
      x[c[`inv.${p}`]] = a.text === null ? 1 : 0;
      x[c[`chance.${p}`]] = 1 / a.optionCount;
      x[c[`letS.${letterIndex(a.letter)}`]]++;
      x[c[`goldS.${letterIndex(a.gold)}`]]++;
      if (a.recall !== null) { x[c[`recallSum.${p}`]] = a.recall; x[c[`recallN.${p}`]] = 1; }
      if (r.clean?.probs && a.probs && r.clean.text !== null) {
        x[c[`shiftSum.${p}`]] = (a.probs[r.clean.text] ?? 0) - (r.clean.probs[r.clean.text] ?? 0);
        x[c[`shiftN.${p}`]] = 1;
      }
      if (r.clean) {
        x[c[`pairAll.${p}`]] = 1;
        const invalid = (valid(a) ? 0 : 1) + (valid(r.clean) ? 0 : 1);
        if (invalid === 1) x[c[`pairInv.${p}`]] = 1;
        if (invalid === 2) x[c[`pairBothInv.${p}`]] = 1;
        // A flip is a change between two valid answers; a reply that breaks down is counted apart (pfrInvalid).
        if (!invalid) {
          x[c[`pair.${p}`]] = 1;
          x[c[r.clean.correct ? `rightN.${p}` : `wrongN.${p}`]] = 1;
          if (!same(a, r.clean)) {
            x[c[`flip.${p}`]] = 1;
            if (r.clean.correct) x[c[`rw.${p}`]] = 1;
            else if (a.correct) x[c[`wr.${p}`]] = 1;
            else x[c[`lat.${p}`]] = 1;
          }
        }
      }
    }
    for (const attr of Object.keys(this.ctx.attributes)) {
      const groups = this.groups[attr];
      // Edit sensitivity: the neutral edit against the clean prompt.
      const neutral = r.neutral.get(attr)?.get('clean');
      let edDiff: number | null = null;
      if (neutral && r.clean && valid(neutral) && valid(r.clean)) {
        edDiff = same(neutral, r.clean) ? 0 : 1;
        x[c[`edN.${attr}`]] = 1;
        x[c[`edDiff.${attr}`]] = edDiff;
      }
      const cc = completeCase(r, attr, groups);
      if (!cc) continue;
      const { answers, ref } = cc;
      const tested = new Set(testedGroups(attr, groups));
      // CFI: each other value against the case's own value, one unit per case.
      let agree = 0;
      let right = 0;
      // Agreement is read on valid–valid pairs: an invalid own-value reply leaves the case no CFI unit.
      let others = 0;
      groups.forEach((v, i) => {
        if (answers[i].correct) { x[c[`gC.${attr}.${v}`]] = 1; if (tested.has(v)) right++; }
        if (i === ref || !valid(answers[i]) || !valid(answers[ref])) return;
        const s = same(answers[i], answers[ref]) ? 1 : 0;
        agree += s;
        others++;
        x[c[`cfvN.${attr}.${v}`]] = 1;
        x[c[`cfvSame.${attr}.${v}`]] = s;
        if (edDiff !== null) { x[c[`cxvN.${attr}.${v}`]] = 1; x[c[`cxvSum.${attr}.${v}`]] = 1 - s - edDiff; }
      });
      if (others) {
        x[c[`cfN.${attr}`]] = 1;
        x[c[`cfSame.${attr}`]] = agree / others;
        if (edDiff !== null) { x[c[`cxN.${attr}`]] = 1; x[c[`cxSum.${attr}`]] = 1 - agree / others - edDiff; }
      }
      // The same complete cases carry group accuracy and its tests: every group has the same n.
      x[c[`gN.${attr}`]] = 1;
      x[c[`gR2.${attr}`]] = right * right;
      // Mention: the named values against the version that states none.
      const unstatedAt = UNSTATED_VALUE[attr] ? groups.indexOf(UNSTATED_VALUE[attr]) : -1;
      const unstated = unstatedAt >= 0 ? answers[unstatedAt] : r.baseline.get(attr) === null ? neutral : undefined;
      if (unstated && valid(unstated)) {
        let differ = 0;
        let k = 0;
        answers.forEach((a, i) => { if (i !== unstatedAt && valid(a)) { k++; if (!same(a, unstated)) differ++; } });
        if (k) {
          x[c[`mnN.${attr}`]] = 1;
          x[c[`mnSum.${attr}`]] = differ / k;
        }
      }
      for (const p of this.ctx.probes) {
        const under = groups.map((v) => groupAnswer(r, attr, v, p));
        if (under.some((u) => !u) || !valid(under[ref]!)) continue;
        let a = 0;
        let k = 0;
        under.forEach((u, i) => { if (i !== ref && valid(u!)) { k++; if (same(u!, under[ref]!)) a++; } });
        if (!k) continue;
        x[c[`cfsN.${attr}`]]++;
        x[c[`cfsSame.${attr}`]] += a / k;
      }
    }
    return x;
  }

  sum(rows: readonly Float64Array[]): Float64Array {
    const t = new Float64Array(this.width);
    for (const r of rows) for (let k = 0; k < this.width; k++) t[k] += r[k];
    return t;
  }

  /** Statistics over column totals. Column indices are looked up once: these run for every bootstrap replicate. */
  statistics() {
    const c = this.c;
    const { probes, attributes } = this.ctx;
    const ratio = (num: number, den: number) => (den > 0 ? num / den : null);
    const cleanCorrect = c.cleanCorrect;
    const cleanN = c.cleanN;
    const accClean = (t: Float64Array) => ratio(t[cleanCorrect], t[cleanN]);
    const miP = (p: string) => {
      const correct = c[`correct.${p}`];
      const n = c[`n.${p}`];
      return (t: Float64Array) => {
        const clean = accClean(t);
        const acc = ratio(t[correct], t[n]);
        return clean && acc !== null ? acc / clean : null;
      };
    };
    const mean = (xs: (number | null)[]) => {
      let s = 0;
      let k = 0;
      for (const x of xs) if (x !== null) { s += x; k++; }
      return k ? s / k : null;
    };
    const over = (key: string) => Int32Array.from(probes, (p) => c[`${key}.${p}`]);
    const sumOf = (t: Float64Array, idx: Int32Array) => {
      let s = 0;
      for (let i = 0; i < idx.length; i++) s += t[idx[i]];
      return s;
    };
    const attrs = Object.keys(attributes);
    const cfiOf = (a: string) => { const same = c[`cfSame.${a}`]; const n = c[`cfN.${a}`]; return (t: Float64Array) => ratio(t[same], t[n]); };
    const cfisOf = (a: string) => { const same = c[`cfsSame.${a}`]; const n = c[`cfsN.${a}`]; return (t: Float64Array) => ratio(t[same], t[n]); };
    const cfis = attrs.map(cfiOf);
    const cfiss = attrs.map(cfisOf);
    const entropy = (set: string) => {
      const idx = Int32Array.from({ length: LETTERS.length + 1 }, (_, i) => c[`${set}.${i}`]);
      const counts = new Float64Array(idx.length);
      return (t: Float64Array) => {
        let n = 0;
        for (let i = 0; i < idx.length; i++) n += counts[i] = t[idx[i]];
        const k = Math.max(2, this.ctx.optionCount + (counts[LETTERS.length] > 0 ? 1 : 0));
        if (!n) return null;
        let h = 0;
        for (const x of counts) if (x) h -= (x / n) * Math.log(x / n);
        return Math.min(1, h / Math.log(k));
      };
    };
    const recallSum = over('recallSum');
    const recallN = over('recallN');
    const flip = over('flip');
    const pair = over('pair');
    const correctP = over('correct');
    const nP = over('n');
    const shiftSum = over('shiftSum');
    const shiftN = over('shiftN');
    const recallClean = (t: Float64Array) => ratio(t[c.recallSumClean], t[c.recallNClean]);
    const recallStressed = (t: Float64Array) => ratio(sumOf(t, recallSum), sumOf(t, recallN));
    const pfr = (t: Float64Array) => ratio(sumOf(t, flip), sumOf(t, pair));
    const retest = (t: Float64Array) => ratio(t[c.retestFlip], t[c.retestN]);
    const mis = probes.map(miP);
    const pooled = (num: string, den: string) => { const a = over(num); const b = over(den); return (t: Float64Array) => ratio(sumOf(t, a), sumOf(t, b)); };
    const chanceC = c.cleanChance;
    const chanceP = over('chance');
    // MI against chance: (Acc_p − chance) / (Acc_clean − chance); a model at chance level scores 0, not 1.
    const miChance = (t: Float64Array) => {
      const clean = accClean(t);
      const n = sumOf(t, nP);
      if (clean === null || !n || !t[cleanN]) return null;
      const base = clean - t[chanceC] / t[cleanN];
      return base > 0 ? (sumOf(t, correctP) / n - sumOf(t, chanceP) / n) / base : null;
    };
    const min = (xs: (number | null)[]) => {
      let m: number | null = null;
      for (const x of xs) if (x !== null && (m === null || x < m)) m = x;
      return m;
    };
    // The headline is the worst attribute, re-chosen in every replicate (so paired comparisons compare worst with worst).
    const cfi = (t: Float64Array) => min(cfis.map((f) => f(t)));
    const cfiStressed = (t: Float64Array) => min(cfiss.map((f) => f(t)));
    const bootstrapped: Record<string, (t: Float64Array) => number | null> = {
      accuracyClean: accClean,
      accuracyStressed: (t) => ratio(sumOf(t, correctP), sumOf(t, nP)),
      mi: (t) => mean(mis.map((f) => f(t))),
      pfrExcess: (t) => { const a = pfr(t); const b = retest(t); return a !== null && b !== null ? a - b : null; },
      // Pooled over case × probe pairs: a case's pairs are correlated, so these take the case bootstrap, never Wilson.
      pfr,
      pfrHarmful: pooled('rw', 'pair'),
      pfrBeneficial: pooled('wr', 'pair'),
      pfrLateral: pooled('lat', 'pair'),
      pfrInvalid: pooled('pairInv', 'pairAll'),
      invalidAgreement: pooled('pairBothInv', 'pairAll'),
      pWrongGivenRight: pooled('rw', 'rightN'),
      pRightGivenWrong: pooled('wr', 'wrongN'),
      invalidRateStressed: pooled('inv', 'n'),
      retestFlipRate: retest,
      invalidRate: (t) => ratio(t[c.cleanInv], t[cleanN]),
      responsiveness: (t) => ratio(t[c.critCorrect], t[c.critN]),
      miChance,
      // The worst probe re-selected in every replicate, so its interval carries the selection.
      miWorst: (t) => min(mis.map((f) => f(t))),
      cfi,
      cfiMean: (t) => mean(cfis.map((f) => f(t))),
      cfiStressed,
      cfiStressedMean: (t) => mean(cfiss.map((f) => f(t))),
      fairnessErosion: (t) => {
        const pairs = attrs.map((_, i) => [cfis[i](t), cfiss[i](t)]).filter(([x, y]) => x !== null && y !== null) as [number, number][];
        return pairs.length ? pairs.reduce((s, [x, y]) => s + x - y, 0) / pairs.length : null;
      },
      recallClean,
      recallStressed,
      retention: (t) => { const a = recallClean(t); const b = recallStressed(t); return a && b !== null ? b / a : null; },
      entropyClean: entropy('letC'),
      entropyStressed: entropy('letS'),
      goldEntropyStressed: entropy('goldS'),
    };
    bootstrapped.probShift = (t) => ratio(sumOf(t, shiftSum), sumOf(t, shiftN));
    probes.forEach((p, i) => {
      const ss = shiftSum[i];
      const sn = shiftN[i];
      const rs = recallSum[i];
      const rn = recallN[i];
      bootstrapped[`probShift.${p}`] = (t) => ratio(t[ss], t[sn]);
      bootstrapped[`mi.${p}`] = mis[i];
      bootstrapped[`recall.${p}`] = (t) => ratio(t[rs], t[rn]);
    });
    attrs.forEach((a, i) => {
      bootstrapped[`cfi.${a}`] = cfis[i];
      bootstrapped[`cfiStressed.${a}`] = cfiss[i];
      const cxSum = c[`cxSum.${a}`];
      const cxN = c[`cxN.${a}`];
      bootstrapped[`cfiExcess.${a}`] = (t) => ratio(t[cxSum], t[cxN]);
      const mnSum = c[`mnSum.${a}`];
      const mnN = c[`mnN.${a}`];
      bootstrapped[`mention.${a}`] = (t) => ratio(t[mnSum], t[mnN]);
      for (const v of attributes[a]) {
        const vs = c[`cxvSum.${a}.${v}`];
        const vn = c[`cxvN.${a}.${v}`];
        bootstrapped[`cfiExcess.${a}.${v}`] = (t) => ratio(t[vs], t[vn]);
      }
      // Each group's accuracy on the complete cases: maxGap, its interval and `disadvantaged` are read from these replicates.
      const n = c[`gN.${a}`];
      for (const v of this.groups[a] ?? []) {
        const k = c[`gC.${a}.${v}`];
        bootstrapped[`acc.${a}.${v}`] = (t) => (t[n] ? t[k] / t[n] : null);
      }
    });
    return { bootstrapped };
  }
}

/** p-values keep three significant digits, so a tiny p is not rounded to 0. */
const sig3 = (p: number) => Number(p.toPrecision(3));
