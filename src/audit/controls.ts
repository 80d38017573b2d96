import { hasSlots } from '../cases/slots.js';
import type { Case } from '../cases/types.js';
import { ControlKnowledge } from '../models/controls/reference.js';
import type { Variant } from '../variants/types.js';

/** What the assay controls may know: gold texts, key facts and the unperturbed narratives. */
export function controlKnowledge(cases: readonly Case[], variants: readonly Variant[]): ControlKnowledge {
  const clean = new Map<string, string[]>();
  const written = new Map<string, string[]>();
  const slotted = new Set(cases.filter((c) => hasSlots(c.vignette)).map((c) => c.id));
  const add = (m: Map<string, string[]>, v: Variant) => (m.get(v.caseId) ?? m.set(v.caseId, []).get(v.caseId)!).push(v.narrative);
  for (const v of variants) {
    if (v.condition !== 'clean') continue;
    add(clean, v);
    // A free-text counterfactual is an edit of what the author wrote; a slotted one is another rendering of it.
    if (!v.provenance.neutralEdit && (!v.counterfactual || slotted.has(v.caseId))) add(written, v);
  }
  return new ControlKnowledge(
    cases.map((c) => ({
      optionTexts: Object.values(c.options),
      goldText: c.options[c.answer],
      keyFacts: c.keyFacts ?? [],
      critical: c.criticalVariant ? { ...c.criticalVariant.replace, goldText: c.options[c.criticalVariant.answer] } : undefined,
      cleanNarratives: clean.get(c.id) ?? [],
      writtenNarratives: written.get(c.id) ?? [],
    })),
  );
}
