/** One call to make: the run (its fingerprint), the model and the variant. */
export interface CallJob {
  runId: string;
  modelId: string;
  variantId: string;
}

/** A model's limits for the whole cluster: calls at once, and requests a minute. */
export interface QueueLimits {
  concurrency: number;
  rpm?: number;
}

export interface ModelQueueCounts {
  modelId: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface CallQueue {
  /** Adds one job per variant; the job id derives from the call key, so adding a queued call again adds nothing. Returns how many were new. */
  enqueue(runId: string, modelId: string, variantIds: readonly string[], limits: QueueLimits): Promise<number>;
  counts(modelIds: readonly string[]): Promise<ModelQueueCounts[]>;
  /** Workers connected to any model's queue: name (host:pid) and the models it serves. */
  workers(): Promise<{ name: string; models: string[] }[]>;
  close(): Promise<void>;
}

export interface WorkerPool {
  /** Finishes the calls in flight, then disconnects. */
  close(): Promise<void>;
}
