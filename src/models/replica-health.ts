import { ProviderError } from './errors.js';

/** When a replica is taken out and how soon it is probed again. */
export interface HealthSettings {
  /** Replica faults in a row that take it out. */
  failuresToEject: number;
  /** Wait before the first probe; doubled after each failed probe. */
  cooldownMs: number;
  maxCooldownMs: number;
}

export const DEFAULT_HEALTH: HealthSettings = { failuresToEject: 3, cooldownMs: 2000, maxCooldownMs: 60_000 };

/**
 * A failure that says the replica is unwell (unreachable, hung or erroring): a network error, a timeout or a 5xx.
 * A 4xx or 429 is the call's or the quota's, and the same on every replica; an interrupt says nothing.
 */
function isReplicaFault(err: ProviderError): boolean {
  return err.kind === 'network' || err.kind === 'timeout' || (err.kind === 'http' && (err.status ?? 0) >= 500);
}

/** One replica's calls in flight and whether it is in: out after repeated faults, back in once a probe call succeeds. */
export class ReplicaHealth {
  inFlight = 0;
  /** The last fault, for the error that says every replica is out. */
  lastFault = '';
  private faults = 0;
  private out = false;
  private probing = false;
  private probeAt = 0;
  private cooldown: number;

  constructor(
    readonly url: string,
    private readonly s: HealthSettings,
  ) {
    this.cooldown = s.cooldownMs;
  }

  get isIn(): boolean {
    return !this.out;
  }

  /** Out, its cooldown over and no probe in flight: the next call is its probe. */
  probeDue(now: number): boolean {
    return this.out && !this.probing && now >= this.probeAt;
  }

  /** When an out replica takes its next probe; null while one is in flight or when it is in. */
  nextProbe(): number | null {
    return this.out && !this.probing ? this.probeAt : null;
  }

  /** A call leaves for this replica; true when it is the probe. */
  start(now: number): boolean {
    this.inFlight++;
    if (!this.probeDue(now)) return false;
    this.probing = true;
    return true;
  }

  /** A call came back (err undefined: it succeeded). While out, only the probe's outcome counts. */
  finish(now: number, probe: boolean, err?: unknown): void {
    this.inFlight--;
    // Not a provider's failure (an interrupt, or a fault in the code): it says nothing of the replica.
    const neutral = err !== undefined && (!(err instanceof ProviderError) || err.kind === 'aborted');
    const fault = err instanceof ProviderError && isReplicaFault(err);
    if (fault) this.lastFault = err.message.slice(0, 160);
    if (this.out) {
      if (!probe) return;
      this.probing = false;
      if (neutral) this.probeAt = now;
      else if (fault) {
        this.cooldown = Math.min(this.cooldown * 2, this.s.maxCooldownMs);
        this.probeAt = now + this.cooldown;
      } else {
        this.out = false;
        this.faults = 0;
        this.cooldown = this.s.cooldownMs;
      }
      return;
    }
    if (neutral) return;
    // Any reply, a 4xx or a malformed body too, shows the replica is up.
    if (!fault) this.faults = 0;
    else if (++this.faults >= this.s.failuresToEject) {
      this.out = true;
      this.probeAt = now + this.cooldown;
    }
  }
}
