import type { Probe } from './probe.js';

const probes = new Map<string, Probe>();

export function registerProbe(probe: Probe): void {
  if (probes.has(probe.name)) throw new Error(`probe "${probe.name}" is already registered`);
  probes.set(probe.name, probe);
}

export function getProbe(name: string): Probe | undefined {
  return probes.get(name);
}

/** Registered probes in registration order (the order reports use). */
export function listProbes(): Probe[] {
  return [...probes.values()];
}
