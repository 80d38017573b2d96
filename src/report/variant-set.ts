import type { RunMeta } from '../store/types.js';
import type { RetellRecord, SetReview } from '../variants/set-source.js';

export interface ProbeReview {
  /** Variants of this probe in the set the review was made on. */
  variants: number;
  reviewed: number;
  accepted: number;
  rejected: number;
  /** reviewed / variants. */
  coverage: number | null;
  /** accepted / reviewed. */
  acceptance: number | null;
}

export interface VariantSetResults {
  /** Equal for two runs that sent the same prompts (`masld compare` says so). */
  sha256: string;
  /** The set file the run read, or null when its variants were built at run time. */
  file: string | null;
  review: (Omit<SetReview, 'byProbe'> & { byProbe: Record<string, ProbeReview> }) | null;
  /**
   * Per probe retold by a rewriter model: attempted, accepted, fallbacks to the rule-based text, rejections by reason, calls and tokens. Empty when none
   * was.
   */
  retell: RetellRecord[];
}

const ratio = (n: number, d: number) => (d ? n / d : null);

/** The run's variant set and its review; null for stores written before sets. */
export function variantSetResults(meta: Pick<RunMeta, 'variantSet'>): VariantSetResults | null {
  const s = meta.variantSet;
  if (!s) return null;
  const retell = s.retell ?? [];
  if (!s.review) return { sha256: s.sha256, file: s.file, review: null, retell };
  const byProbe = Object.fromEntries(
    Object.entries(s.review.byProbe).map(([p, r]) => [p, { ...r, coverage: ratio(r.reviewed, r.variants), acceptance: ratio(r.accepted, r.reviewed) }]),
  );
  return { sha256: s.sha256, file: s.file, review: { ...s.review, byProbe }, retell };
}

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

function totals(review: SetReview): { variants: number; reviewed: number; accepted: number } {
  const t = { variants: 0, reviewed: 0, accepted: 0 };
  for (const r of Object.values(review.byProbe)) {
    t.variants += r.variants;
    t.reviewed += r.reviewed;
    t.accepted += r.accepted;
  }
  return t;
}

/** "read 120 of 2,400 variants (5.0%), accepted 114 (95.0%)". */
export function reviewLine(review: SetReview): string {
  const t = totals(review);
  return (
    `read ${t.reviewed.toLocaleString('en-US')} of ${t.variants.toLocaleString('en-US')} variants ` +
    `(${pct(ratio(t.reviewed, t.variants))}), accepted ${t.accepted.toLocaleString('en-US')} ` +
    `(${pct(ratio(t.accepted, t.reviewed))})`
  );
}

/** One sentence on where the run's prompts came from. */
export function variantSetSentence(v: VariantSetResults): string {
  const where = v.file ? `read from the variant set ${v.file}` : 'built at run time (write them as a set with `masld variants --out`)';
  const review = v.review
    ? ` Reviewed by ${v.review.reviewer} (${v.review.reviewedAt}): ${reviewLine(v.review)}; rejected variants were not sent.`
    : v.file
      ? ' The set was not reviewed.'
      : '';
  return `Variants ${where}; variant-set sha256 ${v.sha256}. Two runs with the same hash sent identical prompts.${review}`;
}

export const REVIEW_HEADER = ['probe', 'variants in set', 'reviewed', 'coverage', 'accepted', 'acceptance'];

/** One row per condition group with its review coverage and acceptance. */
export function reviewRows(v: VariantSetResults): string[][] {
  if (!v.review) return [];
  return Object.entries(v.review.byProbe).map(([p, r]) => [
    p === 'clean' ? 'counterfactual text' : p,
    String(r.variants),
    String(r.reviewed),
    pct(r.coverage),
    String(r.accepted),
    pct(r.acceptance),
  ]);
}

export const RETELL_HEADER = [
  'probe',
  'rewriter',
  'judge',
  'variants',
  'retold',
  'rule-based (all attempts rejected)',
  'rejected attempts by reason',
  'calls',
  'tokens in / out',
];

/** One row per retold probe. */
export function retellRows(v: VariantSetResults): string[][] {
  return v.retell.map((r) => [
    r.probe,
    r.rewriter,
    r.judge,
    String(r.attempted),
    `${r.accepted} (${pct(ratio(r.accepted, r.attempted))})`,
    String(r.fallbacks),
    Object.entries(r.rejected)
      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || '—',
    String(r.calls),
    `${r.inputTokens.toLocaleString('en-US')} / ${r.outputTokens.toLocaleString('en-US')}`,
  ]);
}
