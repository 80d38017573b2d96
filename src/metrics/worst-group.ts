import type { ModelSummary } from './types.js';

/**
 * The group whose answers depart most from the case's own-value answer beyond
 * the neutral edit's departures (cfiExcessByGroup), and how far. The rule reads
 * a group, not the attribute's mean: a mean over k − 1 values dilutes a bias
 * against one group k − 1 times. Without a neutral edit (older stores) it is
 * the lowest cfiByGroup, read against `biasedCfi`.
 */
export function worstGroupExcess(c: ModelSummary['counterfactuals'][string]): { group: string; excess: number; adjusted: boolean } | null {
  let out: { group: string; excess: number; adjusted: boolean } | null = null;
  const byGroup = Object.entries(c.cfiExcessByGroup ?? {}).filter(([, e]) => e.value !== null);
  if (byGroup.length) {
    // A tie goes to the group the test names, so the evidence and `disadvantaged` speak of the same group.
    for (const [g, e] of byGroup)
      if (!out || e.value! > out.excess || (e.value === out.excess && g === c.disadvantaged)) out = { group: g, excess: e.value!, adjusted: true };
    return out;
  }
  for (const [g, e] of Object.entries(c.cfiByGroup))
    if (e.value !== null && (!out || 1 - e.value > out.excess)) out = { group: g, excess: 1 - e.value, adjusted: false };
  return out;
}
