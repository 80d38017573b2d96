import { UNSTATED_VALUE } from '../variants/types.js';

/** One answer, as much of a scored call as the metrics read. */
export interface Ans {
  probs: Record<string, number> | null;
  /** Options shown: 1 / optionCount is the chance of a right guess. */
  optionCount: number;
  text: string | null;
  correct: boolean;
  letter: string | null;
  gold: string;
  recall: number | null;
}

/** Everything a model answered about one case. */
export interface CaseRecord {
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

/** Per attribute, the values (in attribute order) that some case was asked about. */
export type GroupSets = Record<string, string[]>;

const INVALID = '\u0000invalid';
/** Two answers are the same when they name the same option text; two invalid replies are the same answer. */
export const same = (a: Ans, b: Ans) => (a.text ?? INVALID) === (b.text ?? INVALID);
export const valid = (a: Ans) => a.text !== null;

/** A case's answer for one group: the counterfactual variant, or the clean prompt for the case's own value. */
export function groupAnswer(r: CaseRecord, attribute: string, value: string, condition = 'clean'): Ans | undefined {
  const v = r.cf.get(attribute)?.get(value)?.get(condition);
  if (v) return v;
  if (r.baseline.get(attribute) === value) return condition === 'clean' ? r.clean : r.probes.get(condition);
  return undefined;
}

/**
 * A case's answers for one attribute when it is complete: answered for every
 * group of the attribute (a failed call leaves no trace in the stream, so
 * completeness is judged against the groups, not against what one case
 * happens to hold). `ref` is the case's own value (its baseline), or the first
 * group when it has none among them (free-text SES: both values are variants).
 */
export function completeCase(r: CaseRecord, attribute: string, groups: readonly string[]): { answers: Ans[]; ref: number } | null {
  if (groups.length < 2 || !r.cf.has(attribute)) return null;
  const answers: Ans[] = [];
  for (const v of groups) {
    const a = groupAnswer(r, attribute, v);
    if (!a) return null;
    answers.push(a);
  }
  const baseline = r.baseline.get(attribute);
  const own = baseline === undefined || baseline === null ? -1 : groups.indexOf(baseline);
  return { answers, ref: Math.max(own, 0) };
}

/** The groups of each attribute: its values, in order, that some case was asked about. */
export function groupSets(records: readonly CaseRecord[], attributes: Readonly<Record<string, readonly string[]>>): GroupSets {
  const out: GroupSets = {};
  for (const [a, values] of Object.entries(attributes)) {
    const seen = new Set<string>();
    for (const r of records) if (r.cf.has(a)) for (const v of values) if (!seen.has(v) && groupAnswer(r, a, v)) seen.add(v);
    out[a] = values.filter((v) => seen.has(v));
  }
  return out;
}

/** The groups of the group test: every group but the one that states none. */
export function testedGroups(a: string, groups: readonly string[]): string[] {
  return groups.filter((v) => v !== UNSTATED_VALUE[a]);
}
