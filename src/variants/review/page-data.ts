import { inputError } from '../../errors.js';
import type { ReadSet } from '../../audit/variant-set-file.js';
import type { Variant } from '../types.js';
import { REASON_LABELS, REJECT_REASONS } from './review-file.js';
import type { Sampling } from './sample.js';
import { groupLabel, isReviewable, reviewBaseId, reviewGroup } from './scope.js';
import { encodeDiff, StringTable, type DiffOp } from './text-diff.js';

/** A text as the page holds it: [-1, narrative, question, options] as written, or [base text index, ops…] against a base text. */
export type PageText = [-1, string, string, string] | [number, DiffOp[], DiffOp[], DiffOp[]];

/** [variantId, group index, text index, caseId, counterfactual as "attribute=value" or ""]. */
export type PageItem = [string, number, number, string, string];

/**
 * What the review page's script reads. Each offered variant's text is a diff
 * against its clean text, and a counterfactual's clean text a diff against
 * the case's: the page rebuilds both columns from these, so each shared
 * text is stored once.
 */
export interface ReviewPageData {
  set: { file: string; sha256: string; count: number; cases: number; casesSource: string; tool: string };
  reviewer: string;
  sample: Sampling | null;
  reasons: [string, string][];
  groups: { name: string; label: string; reviewable: number; offered: number }[];
  strings: string[];
  texts: PageText[];
  items: PageItem[];
}

/** Options as one block the diff can mark: a line per option, then the gold letter. */
const optionsText = (v: Pick<Variant, 'options' | 'answer'>): string =>
  `${Object.entries(v.options)
    .map(([l, t]) => `${l}. ${t}`)
    .join('\n')}\nAnswer: ${v.answer}`;

export function reviewPageData(
  set: ReadSet,
  groups: readonly string[],
  offered: readonly Variant[],
  reviewer: string,
  sample: Sampling | null,
): { data: ReviewPageData; inexactDiffs: number } {
  const byId = new Map(set.variants.map((v) => [v.id, v]));
  const table = new StringTable();
  const texts: PageText[] = [];
  const textIndex = new Map<string, number>();
  let inexactDiffs = 0;
  const textOf = (v: Variant): number => {
    const known = textIndex.get(v.id);
    if (known !== undefined) return known;
    let entry: PageText;
    if (!isReviewable(v)) {
      entry = [-1, v.narrative, v.question, optionsText(v)];
    } else {
      const base = byId.get(reviewBaseId(v));
      if (!base)
        throw inputError('E_VARIANT_SET', `variant "${v.id}": its clean text "${reviewBaseId(v)}" is not in the set, so there is nothing to judge it against`, {
          file: set.file,
        });
      const b = textOf(base);
      const ops = (
        [
          [base.narrative, v.narrative],
          [base.question, v.question],
          [optionsText(base), optionsText(v)],
        ] as const
      ).map(([from, to]) => {
        const d = encodeDiff(from, to, table);
        if (!d.exact) inexactDiffs++;
        return d.ops;
      });
      entry = [b, ops[0], ops[1], ops[2]];
    }
    textIndex.set(v.id, texts.push(entry) - 1);
    return texts.length - 1;
  };
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const items: PageItem[] = offered.map((v) => [
    v.id,
    groupIndex.get(reviewGroup(v))!,
    textOf(v),
    v.caseId,
    v.counterfactual ? `${v.counterfactual.attribute}=${v.counterfactual.value}` : '',
  ]);
  const reviewable = set.variants.filter(isReviewable);
  const data: ReviewPageData = {
    set: {
      file: set.file,
      sha256: set.header.sha256,
      count: set.header.count,
      cases: set.header.cases.count,
      casesSource: set.header.cases.source,
      tool: `${set.header.tool.name} ${set.header.tool.version}`,
    },
    reviewer,
    sample,
    reasons: REJECT_REASONS.map((r) => [r, REASON_LABELS[r]]),
    groups: groups.map((g) => ({
      name: g,
      label: groupLabel(g),
      reviewable: reviewable.filter((v) => reviewGroup(v) === g).length,
      offered: offered.filter((v) => reviewGroup(v) === g).length,
    })),
    strings: table.strings,
    texts,
    items,
  };
  return { data, inexactDiffs };
}
