import { Rng } from '../../util/rng.js';
import type { Variant } from '../types.js';
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
    return rng.shuffle(pool).slice(0, sampling.perProbe).sort((a, b) => index.get(a.id)! - index.get(b.id)!);
  });
}
