import { ProviderError } from './errors.js';
import { DEFAULT_HEALTH, type HealthSettings, ReplicaHealth } from './replica-health.js';
import type { ChatRequest, ChatResponse, Provider } from './types.js';

/** One server of a model listed under `baseUrls`, and the provider that calls it. */
export interface Replica {
  url: string;
  provider: Provider;
}

export interface ReplicaSetOptions {
  /** The model's own limit on calls in flight, over all its replicas. */
  maxConcurrency?: number;
  health?: Partial<HealthSettings>;
}

/**
 * One model served by several replicas (vLLM behind Ray Serve, a fleet of llama.cpp servers). Each call goes
 * to the replica in with the fewest calls in flight, ties taken in turn. A replica out after repeated faults
 * gets no calls until its cooldown is over; then one live call goes to it as the probe, and its success
 * brings it back. Which replica answered is recorded nowhere: the answers of one model cannot depend on it.
 */
export function replicaProvider(id: string, replicas: readonly Replica[], o: ReplicaSetOptions = {}): Provider {
  const settings = { ...DEFAULT_HEALTH, ...o.health };
  const health = replicas.map((r) => new ReplicaHealth(r.url, settings));
  let turn = 0;

  const pick = (now: number): number => {
    // A replica due for its probe takes this call: that is how it comes back.
    const due = health.findIndex((h) => h.probeDue(now));
    if (due >= 0) return due;
    let best = -1;
    for (let k = 0; k < health.length; k++) {
      const i = (turn + k) % health.length;
      if (health[i].isIn && (best < 0 || health[i].inFlight < health[best].inFlight)) best = i;
    }
    if (best >= 0) turn = (best + 1) % health.length;
    return best;
  };

  return {
    id,
    maxConcurrency: o.maxConcurrency,
    async complete(req: ChatRequest): Promise<ChatResponse> {
      const i = pick(performance.now());
      if (i < 0) throw everyReplicaOut(id, health);
      const h = health[i];
      const probe = h.start(performance.now());
      try {
        const res = await replicas[i].provider.complete(req);
        h.finish(performance.now(), probe);
        return res;
      } catch (err) {
        h.finish(performance.now(), probe, err);
        throw err;
      }
    },
    ...(replicas[0].provider.describe ? { describe: () => replicas[0].provider.describe!() } : {}),
    async close() {
      await Promise.all(replicas.map((r) => r.provider.close?.()));
    },
  };
}

/** Retryable, so the call's retries and the model's circuit breaker apply; a retry waits for the next probe. */
function everyReplicaOut(id: string, health: readonly ReplicaHealth[]): ProviderError {
  const now = performance.now();
  const probes = health.map((h) => h.nextProbe()).filter((t) => t !== null);
  const wait = probes.length ? Math.max(0, Math.min(...probes) - now) : undefined;
  const each = health.map((h) => {
    const next = h.nextProbe();
    const when = next === null ? 'a probe in flight' : `probed again in ${Math.max(0, (next - now) / 1000).toFixed(1)} s`;
    return `${h.url} (${when}; last: ${h.lastFault || 'none'})`;
  });
  return new ProviderError('network', `every replica of model "${id}" is out: ${each.join(', ')}`, {
    retryable: true,
    retryAfterMs: wait === undefined ? undefined : Math.ceil(wait),
  });
}
