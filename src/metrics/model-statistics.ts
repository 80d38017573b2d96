import type { Replicated, Statistic } from './bootstrap.js';
import type { StatisticsSource } from './bootstrap-pool.js';
import type { BoundMetric } from './definitions/define.js';
import { METRICS, type MetricName } from './definitions/index.js';
import { cfiStressedAt, miAt, ratio } from './definitions/parts.js';
import { Layout, type LayoutSpec } from './layout.js';

/** The statistics behind one probe's bootstrapped results (results.json `probes.<probe>`). */
export interface ProbeStatistics {
  mi: Statistic;
  extractionRecall: Statistic;
  probShift: Statistic;
}

/** The statistics behind one attribute's bootstrapped results (results.json `counterfactuals.<attribute>`). */
export interface AttributeStatistics {
  cfiStressed: Statistic;
  cfiExcess: Statistic;
  mentionSensitivity: Statistic;
  /** By value, every value of the attribute. */
  cfiExcessByGroup: Record<string, Statistic>;
  /** By group (the values some case was asked about), on the complete cases: maxGap and `disadvantaged` read their replicates. */
  accuracyByGroup: Record<string, Statistic>;
}

/** Every statistic of one model that a bootstrap resamples. */
export interface ModelStatistics {
  metrics: Record<MetricName, Statistic>;
  probes: Record<string, ProbeStatistics>;
  attributes: Record<string, AttributeStatistics>;
}

/** The replicates of every statistic, in the same shape. */
export type ModelReplicates = Replicated<ModelStatistics>;

/** One model's layout with every metric bound to it: built once per model (and once per bootstrap thread). */
export interface BoundModel {
  layout: Layout;
  metrics: readonly BoundMetric<MetricName>[];
  statistics: ModelStatistics;
}

export function bindModel(spec: LayoutSpec): BoundModel {
  const layout = new Layout(spec);
  const metrics = METRICS.map((m): BoundMetric<MetricName> => m.bind(layout));
  const byMetric = {} as Record<MetricName, Statistic>;
  for (const m of metrics) byMetric[m.name] = m.statistic;
  return { layout, metrics, statistics: { metrics: byMetric, probes: probeStatistics(layout), attributes: attributeStatistics(layout) } };
}

function probeStatistics(L: Layout): Record<string, ProbeStatistics> {
  const out: Record<string, ProbeStatistics> = {};
  L.spec.probes.forEach((p, i) => {
    const c = L.probes[i];
    out[p] = {
      mi: (t) => miAt(t, L.case, c),
      extractionRecall: (t) => ratio(t[c.recallSum], t[c.recallN]),
      probShift: (t) => ratio(t[c.shiftSum], t[c.shiftN]),
    };
  });
  return out;
}

function attributeStatistics(L: Layout): Record<string, AttributeStatistics> {
  const out: Record<string, AttributeStatistics> = {};
  for (const a of L.attributes) {
    const c = a.at;
    const cfiExcessByGroup: Record<string, Statistic> = {};
    a.values.forEach((v, i) => {
      const { cxvSum, cxvN } = a.byValue[i];
      cfiExcessByGroup[v] = (t) => ratio(t[cxvSum], t[cxvN]);
    });
    const accuracyByGroup: Record<string, Statistic> = {};
    a.groups.forEach((v, i) => {
      const k = a.groupCorrect[i];
      accuracyByGroup[v] = (t) => (t[c.gN] ? t[k] / t[c.gN] : null);
    });
    out[a.name] = {
      cfiStressed: (t) => cfiStressedAt(t, c),
      cfiExcess: (t) => ratio(t[c.cxSum], t[c.cxN]),
      mentionSensitivity: (t) => ratio(t[c.mnSum], t[c.mnN]),
      cfiExcessByGroup,
      accuracyByGroup,
    };
  }
  return out;
}

/** What a bootstrap worker thread calls to rebuild a model's statistics from its layout. */
export function bootstrapStatistics(spec: LayoutSpec): ModelStatistics {
  return bindModel(spec).statistics;
}

/** The model statistics, for the bootstrap pool: this module exports `bootstrapStatistics`. */
export const MODEL_STATISTICS: StatisticsSource<LayoutSpec, ModelStatistics> = { module: import.meta.url, build: bootstrapStatistics };
