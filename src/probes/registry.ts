import { anchoring } from './anchoring.js';
import { buriedLead } from './buried-lead.js';
import { distractor } from './distractor.js';
import { emotional } from './emotional.js';
import { layVoice } from './lay-voice.js';
import { optionShuffle } from './option-shuffle.js';
import type { Probe } from './types.js';

/** The built-in probes, in the order reports list them. Names are stable. */
const probes = new Map<string, Probe>([distractor, buriedLead, layVoice, anchoring, emotional, optionShuffle].map((p) => [p.name, p]));

/**
 * Adds a probe: configs can then name it under `probes:`, and audits, reports
 * and `masld probes list` include it. A probe must leave every medical fact
 * unchanged, and be a pure function of its input and the seed.
 *
 * @example
 * ```ts
 * import { registerProbe, type Probe } from 'ai-masld';
 *
 * const lateNight: Probe = {
 *   name: 'late_night',
 *   description: 'the story is told at the end of a long night shift',
 *   apply: (input) => ({ ...input, narrative: `It is 4 a.m. and the ward is quiet. ${input.narrative}`, changes: { prefix: true } }),
 * };
 * registerProbe(lateNight);
 * ```
 */
export function registerProbe(probe: Probe): void {
  if (probes.has(probe.name)) throw new Error(`probe "${probe.name}" is already registered`);
  probes.set(probe.name, probe);
}

export function getProbe(name: string): Probe | undefined {
  return probes.get(name);
}

/**
 * The registered probes, built-in ones first, in the order reports list them.
 *
 * @example
 * ```ts
 * import { listProbes } from 'ai-masld';
 *
 * for (const p of listProbes()) console.log(`${p.name}: ${p.description}`);
 * ```
 */
export function listProbes(): Probe[] {
  return [...probes.values()];
}
