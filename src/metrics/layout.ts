import type { GroupSets } from './case-record.js';

/** The letters an answer can name; one slot more counts invalid replies. */
export const LETTERS = 'ABCDEFGHIJ';

/** Per-case sums that do not depend on the design: the clean answer, its retests and its critical variant. */
const CASE_COLUMNS = [
  'cleanN',
  'cleanCorrect',
  'cleanInv',
  'cleanChance',
  'retestN',
  'retestFlip',
  'critN',
  'critCorrect',
  'recallSumClean',
  'recallNClean',
] as const;
/** Per-case sums under one probe, and of its (clean, probe) pair. */
const PROBE_COLUMNS = [
  'n',
  'correct',
  'inv',
  'chance',
  'pairAll',
  'pairInv',
  'pairBothInv',
  'pair',
  'flip',
  'rw',
  'wr',
  'lat',
  'rightN',
  'wrongN',
  'recallSum',
  'recallN',
  'shiftSum',
  'shiftN',
] as const;
/** Per-case sums of one counterfactual attribute. */
const ATTRIBUTE_COLUMNS = ['cfN', 'cfSame', 'cfsN', 'cfsSame', 'gN', 'gR2', 'edN', 'edDiff', 'cxN', 'cxSum', 'mnN', 'mnSum'] as const;
/** Per-case sums of one value of an attribute. */
const VALUE_COLUMNS = ['cfvN', 'cfvSame', 'cxvN', 'cxvSum'] as const;

export type CaseColumn = (typeof CASE_COLUMNS)[number];
export type ProbeColumn = (typeof PROBE_COLUMNS)[number];
export type AttributeColumn = (typeof ATTRIBUTE_COLUMNS)[number];
export type ValueColumn = (typeof VALUE_COLUMNS)[number];

/** What fixes a model's columns. Structured-cloneable: a bootstrap may run on a worker thread. */
export interface LayoutSpec {
  /** Probe names in report order. */
  probes: readonly string[];
  /** Counterfactual attributes and their values, in order. */
  attributes: Readonly<Record<string, readonly string[]>>;
  /** Per attribute, the values some case was asked about. */
  groups: GroupSets;
  /** The most options any variant shows: entropy is normalised by log of it. */
  optionCount: number;
}

/** The columns of one attribute. */
export interface AttributeColumns {
  name: string;
  /** Every value of the attribute, in attribute order. */
  values: readonly string[];
  /** The values some case was asked about. */
  groups: readonly string[];
  at: Readonly<Record<AttributeColumn, number>>;
  /** Parallel to `values`. */
  byValue: readonly Readonly<Record<ValueColumn, number>>[];
  /** Right answers of each group on the complete cases, parallel to `groups`. */
  groupCorrect: Int32Array;
}

/**
 * Where each per-case sum sits in a row. A row is one case; every statistic
 * is a function of the column totals over cases, so resampling cases
 * resamples every statistic at once. Indices are fixed when the layout is
 * built, and metrics select the ones they read once per layout.
 */
export class Layout {
  readonly width: number;
  readonly case: Readonly<Record<CaseColumn, number>>;
  /** Parallel to `spec.probes`. */
  readonly probes: readonly Readonly<Record<ProbeColumn, number>>[];
  /** In the order of `spec.attributes`. */
  readonly attributes: readonly AttributeColumns[];
  /** Counts of each letter (and, last, of invalid replies): the clean answers, the probe answers and the probe variants' gold letters. */
  readonly letters: { readonly clean: Int32Array; readonly stressed: Int32Array; readonly gold: Int32Array };

  constructor(readonly spec: LayoutSpec) {
    let next = 0;
    const block = <K extends string>(keys: readonly K[]): Record<K, number> => {
      const out = {} as Record<K, number>;
      for (const k of keys) out[k] = next++;
      return out;
    };
    const histogram = () => Int32Array.from({ length: LETTERS.length + 1 }, () => next++);
    this.case = block(CASE_COLUMNS);
    this.probes = spec.probes.map(() => block(PROBE_COLUMNS));
    this.attributes = Object.entries(spec.attributes).map(([name, values]) => {
      const groups = spec.groups[name] ?? [];
      return {
        name,
        values,
        groups,
        at: block(ATTRIBUTE_COLUMNS),
        byValue: values.map(() => block(VALUE_COLUMNS)),
        groupCorrect: Int32Array.from(groups, () => next++),
      };
    });
    this.letters = { clean: histogram(), stressed: histogram(), gold: histogram() };
    this.width = next;
  }

  /** One probe column under every probe, in probe order: summing them pools over probes. */
  overProbes(column: ProbeColumn): Int32Array {
    return Int32Array.from(this.probes, (p) => p[column]);
  }

  /** One attribute column under every attribute, in attribute order. */
  overAttributes(column: AttributeColumn): Int32Array {
    return Int32Array.from(this.attributes, (a) => a.at[column]);
  }
}

/** Column totals over rows. */
export function columnTotals(rows: readonly Float64Array[], width: number): Float64Array {
  const t = new Float64Array(width);
  for (const r of rows) for (let k = 0; k < width; k++) t[k] += r[k];
  return t;
}

/** The sum of the totals at some columns, in their order. */
export function sumAt(t: Float64Array, columns: Int32Array): number {
  let s = 0;
  for (let i = 0; i < columns.length; i++) s += t[columns[i]];
  return s;
}
