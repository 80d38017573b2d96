import { parseDose } from '../probes/dose.js';
import { DEFAULT_SYSTEM } from '../prompt/build.js';
import { dryRunTable, dryRunTotals, type DryRunRow, type DryRunTotal } from '../run/plan.js';
import { estimateRetelling, type RetellEstimate } from '../variants/retell/estimate.js';
import { retellingPlans } from './retell-stage.js';
import type { AuditSpec } from './resolve.js';

/** What `masld audit --dry-run` reports: the calls, tokens and cost the audit would take. Nothing is called. */
export interface DryRun {
  cases: number;
  /** Where the cases came from. */
  source: string;
  /** Prompts each model is sent. */
  prompts: number;
  models: number;
  /** Per model and condition group. */
  rows: DryRunRow[];
  /** Per model, over its conditions. */
  totals: DryRunTotal[];
  /** Over every model: its calls, and its cost when every model has a price (else null). */
  allModels: { calls: number; cost: number | null };
  /** Per probe that names a rewriter: the retelling before the audit. */
  retell: RetellEstimate[];
  /** Graded stress: the calls (over every model) of the doses above 1, and their cost when every model has a price; null at one dose. */
  extraDoses: { calls: number; cost: number | null } | null;
}

export function planDryRun(spec: AuditSpec): DryRun {
  const { prompt } = spec.config;
  const rows = dryRunTable(spec.models, spec.variantSet.variants, { style: prompt.style, system: prompt.system, systemText: prompt.system ?? DEFAULT_SYSTEM });
  const totals = dryRunTotals(rows);
  return {
    cases: spec.caseSet.cases.length,
    source: spec.caseSet.source,
    prompts: spec.variantSet.variants.length,
    models: spec.models.length,
    rows,
    totals,
    allModels: {
      calls: totals.reduce((a, t) => a + t.calls, 0),
      cost: totals.every((t) => t.cost !== null) ? totals.reduce((a, t) => a + (t.cost ?? 0), 0) : null,
    },
    retell: estimateRetelling(spec.variantSet.variants, retellingPlans(spec)),
    extraDoses: extraDoses(rows),
  };
}

function extraDoses(rows: readonly DryRunRow[]): DryRun['extraDoses'] {
  const above = rows.filter((r) => parseDose(r.condition).dose > 1);
  if (!above.length) return null;
  return {
    calls: above.reduce((a, r) => a + r.calls, 0),
    cost: above.every((r) => r.cost !== null) ? above.reduce((a, r) => a + (r.cost ?? 0), 0) : null,
  };
}
