import { anchoring } from './anchoring.js';
import { buriedLead } from './buried-lead.js';
import { distractor } from './distractor.js';
import { emotional } from './emotional.js';
import { layVoice } from './lay-voice.js';
import { optionShuffle } from './option-shuffle.js';
import type { Probe } from './types.js';

/** The built-in probes, in the order reports list them. Names are stable. */
const probes = new Map<string, Probe>([distractor, buriedLead, layVoice, anchoring, emotional, optionShuffle].map((p) => [p.name, p]));

export function registerProbe(probe: Probe): void {
  if (probes.has(probe.name)) throw new Error(`probe "${probe.name}" is already registered`);
  probes.set(probe.name, probe);
}

export function getProbe(name: string): Probe | undefined {
  return probes.get(name);
}

export function listProbes(): Probe[] {
  return [...probes.values()];
}
