import { probeEntryDoses, probeEntryRewriter, type ParsedConfig } from '../config/schema.js';
import { inputError } from '../errors.js';
import { probeDoses } from '../probes/dose.js';
import type { Probe } from '../probes/types.js';

/** A dose list that is the single-dose probe: recorded as no doses at all. */
export const isSingle = (d: readonly number[]) => d.length === 1 && d[0] === 1;

/**
 * The doses of each probe: its entry's `dose`/`doses`, else the top-level `doses:` where the probe defines them. A probe an LLM
 * retells takes dose 1 only: the retelling replaces the text a dose would build on.
 */
export function probeDoseMap(config: ParsedConfig, probes: readonly Probe[], file: string | undefined): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  probes.forEach((p, i) => {
    const entry = config.probes?.[i];
    const fixed = entry === undefined ? undefined : probeEntryDoses(entry);
    const retold = entry !== undefined && probeEntryRewriter(entry) !== undefined;
    if (retold && fixed && !isSingle(fixed))
      throw inputError('E_CONFIG', `${p.name} is retold by an LLM, which takes dose 1 only; leave doses out`, { file, field: `probes[${i}].doses` });
    out[p.name] = retold ? [1] : probeDoses(p, fixed ?? config.doses);
  });
  return out;
}
