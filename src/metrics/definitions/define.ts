import type { Statistic } from '../bootstrap.js';
import type { Layout } from '../layout.js';
import type { CounterfactualMetrics } from '../types.js';
import type { Estimate } from '../wilson.js';

/** A headline estimate: miWorst names its probe; cfi and cfiStressed name their attribute. */
export type MetricEstimate = Estimate & { probe?: string; attribute?: string };

/** What a metric's estimate reads. */
export interface EstimateInput<C> {
  /** The columns the metric selected from this model's layout. */
  columns: C;
  /** Column totals over the model's cases. */
  totals: Float64Array;
  /** One row per case. */
  rows: readonly Float64Array[];
  /** The metric's statistic at the totals. */
  value: number | null;
  /** The metric's bootstrap replicates; undefined when the model answered no case. */
  replicates: Float64Array | undefined;
  /** The per-attribute results: cfi and cfiStressed report the worst attribute's. */
  counterfactuals: Readonly<Record<string, CounterfactualMetrics>>;
}

/**
 * One headline metric, in a file of its own under definitions/. Every metric
 * is a function of column totals (per-case sums added over cases), so one
 * case-level bootstrap serves every metric at once.
 */
export interface MetricSpec<N extends string, C> {
  /** Its key in results.json `metrics`, in `--fail-on` and in comparisons. */
  name: N;
  /** What it measures, in a sentence or two (shown next to the name by reports and `--fail-on` errors). */
  doc: string;
  /** Picks the column indices it reads; run once per model, never per replicate. */
  columns: (layout: Layout) => C;
  /** The statistic over column totals: run at the totals and in every bootstrap replicate. */
  compute: (columns: C, totals: Float64Array) => number | null;
  /** The value, interval and count results.json shows. */
  estimate: (input: EstimateInput<C>) => MetricEstimate;
  /** Set, with the reason, for a metric `--fail-on` refuses. */
  notGateable?: string;
  /** Compared between models, paired on their common cases (results.json `comparisons`, `masld compare`). */
  compared?: boolean;
}

/** A metric bound to one model's layout. */
export interface BoundMetric<N extends string = string> {
  name: N;
  statistic: Statistic;
  estimate: (input: Omit<EstimateInput<unknown>, 'columns' | 'value'>) => MetricEstimate;
}

/** A metric as the registry holds it: the columns it needs are resolved by `bind`, once per layout. */
export interface MetricDefinition<N extends string = string> {
  readonly name: N;
  readonly doc: string;
  readonly gateable: boolean;
  readonly notGateable: string | undefined;
  readonly compared: boolean;
  bind(layout: Layout): BoundMetric<N>;
}

export function defineMetric<const N extends string, C>(spec: MetricSpec<N, C>): MetricDefinition<N> {
  return {
    name: spec.name,
    doc: spec.doc,
    gateable: spec.notGateable === undefined,
    notGateable: spec.notGateable,
    compared: spec.compared ?? false,
    bind(layout) {
      const columns = spec.columns(layout);
      const statistic: Statistic = (t) => spec.compute(columns, t);
      return { name: spec.name, statistic, estimate: (input) => spec.estimate({ ...input, columns, value: statistic(input.totals) }) };
    },
  };
}
