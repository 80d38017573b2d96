import type { CallJob } from './types.js';

/** Redis key prefix of every queue of ai-masld (keys are `masld:<queue>:…`). */
export const PREFIX = 'masld';

const QUEUE_HEAD = 'call.';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/**
 * The queue of a model's calls. BullMQ forbids `:` in queue names and model ids hold `:` and `/`:
 * base64url keeps the name injective and decodable (workers() maps a queue back to its model).
 */
export const queueName = (modelId: string): string => `${QUEUE_HEAD}${b64(modelId)}`;

/** The model whose queue this is, or undefined for a queue that is not a call queue. */
export function modelOfQueue(name: string): string | undefined {
  if (!name.startsWith(QUEUE_HEAD)) return undefined;
  const id = name.slice(QUEUE_HEAD.length);
  return /^[A-Za-z0-9_-]*$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : undefined;
}

/**
 * The job id of a call: run, model and variant, so one call is one job. Custom ids must hold no `:` and must
 * not read as an integer: the dots rule out both (run ids are hex, the rest base64url).
 */
export const jobIdOf = (j: CallJob): string => `${j.runId}.${b64(j.modelId)}.${b64(j.variantId)}`;

/**
 * BullMQ's limiter is a fixed window: `max` starts, then a wait until `duration` has passed since the window opened.
 * Small windows spread the calls evenly; any 60 s span meets at most 60000/duration + 1 windows, so the duration is
 * stretched until that many windows still hold no more than `rpm` calls.
 */
export function rateWindow(rpm: number): { max: number; duration: number } {
  const max = Math.max(1, Math.ceil(rpm / 60));
  const duration = rpm > max ? Math.ceil((60_000 * max) / (rpm - max)) : 60_001;
  return { max, duration };
}
