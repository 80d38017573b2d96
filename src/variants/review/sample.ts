import { Rng } from '../../util/rng.js';
import { variantId, type Variant } from '../types.js';
import { isReviewable, reviewGroup } from './scope.js';

export interface Sampling {
  perProbe: number;
  seed: number;
}

/**
 * The variants a review page offers, group by group in the order given, each
 * group in set order: every reviewable variant, or with `sampling` a seeded
 * sample of `perProbe` per group (the same set, groups and seed always give
 * the same sample).
 */
export function offeredVariants(variants: readonly Variant[], groups: readonly string[], sampling: Sampling | null): Variant[] {
  const index = new Map(variants.map((v, i) => [v.id, i]));
  return groups.flatMap((g) => {
    const pool = variants.filter((v) => isReviewable(v) && reviewGroup(v) === g);
    if (!sampling) return pool;
    const rng = new Rng(sampling.seed, 'variants-review', g);
    return rng
      .shuffle(pool)
      .slice(0, sampling.perProbe)
      .sort((a, b) => index.get(a.id)! - index.get(b.id)!);
  });
}

/** The texts a reader compares: what the model is shown, and the gold letter. */
export type VariantText = Pick<Variant, 'narrative' | 'question' | 'options' | 'answer'>;

export interface SampleItem {
  id: string;
  probe: string;
  /** The clean text the variant was made from (the case's, or its counterfactual's). */
  base: VariantText;
  variant: VariantText;
}

/**
 * A seeded sample of up to `perProbe` variants of each probe, in the order
 * given, each beside the text it was made from, for a blinded side-by-side
 * review (`masld probes sample`). The same set and seed give the same sample.
 */
export function probeSample(variants: readonly Variant[], probes: readonly string[], perProbe: number, seed: number): SampleItem[] {
  const byId = new Map(variants.map((v) => [v.id, v]));
  const rng = new Rng(seed, 'review-sample');
  const text = (x: Variant): VariantText => ({ narrative: x.narrative, question: x.question, options: x.options, answer: x.answer });
  return probes.flatMap((probe) => {
    const pool = variants.filter((v) => v.condition === probe);
    return rng
      .shuffle(pool)
      .slice(0, perProbe)
      .map((v) => {
        const base = byId.get(variantId(v.caseId, 'clean', v.counterfactual))!;
        return { id: v.id, probe, base: text(base), variant: text(v) };
      });
  });
}
