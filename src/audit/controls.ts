import type { Case } from '../cases/types.js';
import { ControlKnowledge } from '../models/controls/reference.js';
import type { Variant } from '../variants/types.js';

/** What the assay controls may know: gold texts, key facts and the unperturbed narratives. */
export function controlKnowledge(cases: readonly Case[], variants: readonly Variant[]): ControlKnowledge {
  const clean = new Map<string, string[]>();
  for (const v of variants) if (v.condition === 'clean') (clean.get(v.caseId) ?? clean.set(v.caseId, []).get(v.caseId)!).push(v.narrative);
  return new ControlKnowledge(
    cases.map((c) => ({
      optionTexts: Object.values(c.options),
      goldText: c.options[c.answer],
      keyFacts: c.keyFacts ?? [],
      critical: c.criticalVariant ? { ...c.criticalVariant.replace, goldText: c.options[c.criticalVariant.answer] } : undefined,
      cleanNarratives: clean.get(c.id) ?? [],
    })),
  );
}
