import type { RateLimit } from '../models/model-config.js';
import type { ChatResponse } from '../models/types.js';
import { Pacer, type PaceStatus } from './pace.js';

/** A model's pacer on the wall clock: calls wait their turn, and report how they ended. */
export class ModelPace {
  readonly pacer: Pacer;
  constructor(
    limits?: RateLimit,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.pacer = new Pacer(limits);
  }

  /** Waits until a call of `tokens` may be sent and returns its send time; throws when aborted. */
  async acquire(tokens: number, signal: AbortSignal): Promise<number> {
    for (let wait = this.pacer.delay(this.clock()); wait > 0; wait = this.pacer.delay(this.clock())) {
      await pause(Math.ceil(wait), signal);
    }
    const now = this.clock();
    this.pacer.sent(now, tokens);
    return now;
  }

  succeeded(sentAt: number, estimate: number, res: ChatResponse): void {
    this.pacer.succeeded(this.clock(), sentAt, estimate, res);
  }

  failed(sentAt: number, err: unknown): void {
    this.pacer.failed(this.clock(), sentAt, err);
  }

  status(): PaceStatus | null {
    return this.pacer.status(this.clock());
  }
}

/** The pacer's own wait (not the retry path's backoff), ended early by the run's interrupt. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      signal.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}
