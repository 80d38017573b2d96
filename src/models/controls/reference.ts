/**
 * What a control knows about one case, found again from the prompt by the
 * case's option texts. Built from plain data, never from probes.
 */
export interface ControlReference {
  optionTexts: string[];
  goldText: string;
  keyFacts: string[];
  /** The critical-fact change: when `to` is in the narrative, the gold is `goldText`. */
  critical?: { from: string; to: string; goldText: string };
  /** The unperturbed narratives of this case (every demographic rendering). */
  cleanNarratives: string[];
  /** The case as its author wrote it: the clean narrative, and for a slotted case every rendering of its template. */
  writtenNarratives: string[];
}

export function optionSetKey(texts: readonly string[]): string {
  return texts
    .map((t) => t.trim().toLowerCase())
    .sort()
    .join('\u0000');
}

export class ControlKnowledge {
  private readonly byOptions = new Map<string, ControlReference>();
  constructor(refs: Iterable<ControlReference>) {
    for (const r of refs) this.byOptions.set(optionSetKey(r.optionTexts), r);
  }
  find(optionTexts: readonly string[]): ControlReference | undefined {
    return this.byOptions.get(optionSetKey(optionTexts));
  }
}
