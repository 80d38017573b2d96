import type { RunMeta } from '../store/types.js';
import type { ProbeExclusion } from '../variants/build.js';
import type { ScreenSummary } from '../variants/screen.js';

/** Per probe (or `clean` for counterfactual-only variants): what was checked, found and left out. */
export interface VariantCheckRow {
  checked: number;
  defective: number;
  /** Variants each lint flagged (a variant may fail several). */
  byLint: Record<string, number>;
  /** Defective variants left out; with allowDefective, sent and marked instead. */
  excludedDefective: number;
  sentDefective: number;
  /** Cases the probe could not stress as designed, by reason. */
  ineligible: Record<string, number>;
}

export interface VariantCheckResults {
  allowDefective: boolean;
  checked: number;
  byProbe: Record<string, VariantCheckRow>;
  /** Cases with at least one probe variant left out. */
  casesWithExclusions: number;
  examples: ScreenSummary['examples'];
}

const reasonKey = (e: ProbeExclusion) => e.detail.split(':')[0];

/** The checker's findings and the probe exclusions of a stored run; null for stores written before the checker. */
export function variantCheckResults(meta: Pick<RunMeta, 'variantCheck' | 'probeExclusions'>): VariantCheckResults | null {
  const s = meta.variantCheck;
  if (!s) return null;
  const byProbe: Record<string, VariantCheckRow> = {};
  const row = (p: string) => (byProbe[p] ??= { checked: 0, defective: 0, byLint: {}, excludedDefective: 0, sentDefective: 0, ineligible: {} });
  for (const [p, c] of Object.entries(s.byCondition)) {
    const r = row(p);
    r.checked = c.checked;
    r.defective = c.defective;
    r.byLint = { ...c.byLint };
    if (s.allowDefective) r.sentDefective = c.defective;
  }
  const cases = new Set<string>();
  for (const e of meta.probeExclusions ?? []) {
    cases.add(e.caseId);
    const r = row(e.probe);
    if (e.reason === 'defective') r.excludedDefective++;
    // Rejected in a clinician's review: counted in the variant set's review table, not here.
    else if (e.reason === 'ineligible') r.ineligible[reasonKey(e)] = (r.ineligible[reasonKey(e)] ?? 0) + 1;
  }
  return { allowDefective: s.allowDefective, checked: s.checked, byProbe, casesWithExclusions: cases.size, examples: s.examples };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');

/** One line per probe, for the terminal and summary.md. */
export function variantCheckRows(v: VariantCheckResults): string[][] {
  return Object.entries(v.byProbe).map(([p, r]) => [
    p,
    String(r.checked),
    `${r.defective} (${pct(r.defective, r.checked)})`,
    Object.entries(r.byLint)
      .sort((a, b) => b[1] - a[1])
      .map(([l, n]) => `${l} ${n}`)
      .join(', ') || '—',
    v.allowDefective ? `${r.sentDefective} sent, marked` : `${r.excludedDefective} left out`,
    Object.entries(r.ineligible)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || '—',
  ]);
}

export const VARIANT_CHECK_HEADER = ['probe', 'checked', 'defective', 'by lint', 'defective variants', 'ineligible cases'];
