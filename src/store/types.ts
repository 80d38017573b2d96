import type { Case } from '../cases/types.js';
import type { CallMode } from '../models/prices.js';
import type { Variant, VariantKey } from '../variants/types.js';
import type { RunMeta, RunMetaInput } from './meta.js';

export type { RunMeta, RunMetaInput } from './meta.js';

export type CallStatus = 'ok' | 'failed';

/** One model asked one variant: the raw reply and what it cost. */
export interface CallRecord {
  modelId: string;
  variantId: string;
  status: CallStatus;
  /** The reply text, kept as received (capped), control characters included. */
  raw: string | null;
  truncated: boolean;
  finishReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Latency of the successful attempt, in ms. */
  latencyMs: number | null;
  attempts: number;
  /** Letter probabilities, for providers that score letters (llamacpp logprob). */
  letterProbs?: Record<string, number> | null;
  /** One line per failed attempt (secrets scrubbed). */
  errors: string[];
  finishedAt: string;
  /** Live (the default) or through the provider's batch API. */
  mode?: CallMode;
}

/** Tokens of one model's answered calls in one mode. */
export interface ModelUsage {
  modelId: string;
  mode: CallMode;
  inputTokens: number;
  outputTokens: number;
}

/** A batch submitted to a provider's batch API; the store keeps it until its results are imported. */
export interface BatchRecord {
  /** The provider's batch id. */
  id: string;
  modelId: string;
  /** 0 for the first batch of a call, 1 for a follow-up of its failed items, … */
  round: number;
  /** Opaque custom_id → the variant it asks. */
  items: Record<string, string>;
  createdAt: string;
  /** The token every custom id begins with (`${token}-`); absent on batches submitted before store schema 3. */
  token?: string;
}

/** A batch about to be created, stored before its create request leaves: the provider has no id for it yet. */
export interface BatchIntent {
  /** Unique; tags the batch at the provider (metadata, custom ids) so it can be found if the create reply is lost. */
  token: string;
  modelId: string;
  round: number;
  /** custom_id → the variant it asks; every custom id begins with `${token}-`. */
  items: Record<string, string>;
  /** Just before the create request left. */
  createdAt: string;
}

/** A call as stored, with the parse the last scoring wrote back (null before any). */
export interface StoredCall extends CallRecord {
  storedParse: { letter: string | null; method: string } | null;
}

/** Parse of a stored reply, written back by the scoring stage for inspection. */
export interface ParseRecord {
  modelId: string;
  variantId: string;
  letter: string | null;
  method: string;
}

/**
 * The run's persistence. SQLite today; a server database can implement the same
 * interface for audits spread over several machines.
 */
export interface Store {
  /** The run's record, read through its schema (defaults applied); a record that does not parse is E_STORE_DAMAGED. */
  readMeta(): RunMeta | undefined;
  /** Writes meta, cases and variants once, for a new run. */
  initialise(meta: RunMetaInput, cases: readonly Case[], variants: readonly Variant[]): void;
  cases(): Iterable<Case>;
  /** Keys `modelId\u0000variantId` of calls that finished with a reply. */
  completedKeys(): Set<string>;
  /** Commits one call now; replaces an earlier failed attempt of the same call. */
  saveCall(call: CallRecord): void;
  /** Many calls in one transaction (imports, synthetic stores). */
  saveCalls(calls: readonly CallRecord[]): void;
  variants(): Iterable<Variant>;
  /** The variants' answer keys, without their texts (what scoring needs). */
  variantKeys(): Iterable<VariantKey>;
  /** Models with stored calls. */
  callModelIds(): string[];
  /** Stored calls in model then variant order, streamed; one model's when given. */
  calls(modelId?: string): Iterable<StoredCall>;
  saveParses(parses: readonly ParseRecord[]): void;
  /** Provenance facts of each model (file hashes, quantization), refreshed on every run. */
  saveModelInfo(info: Record<string, Record<string, unknown>>): void;
  readModelInfo(): Record<string, Record<string, unknown>>;
  /** A cheap signature of the stored calls: equal signatures mean equal outputs. */
  callsSignature(): string;
  readOutputsSignature(): string | undefined;
  saveOutputsSignature(signature: string): void;
  /** Tokens of the answered calls per model and mode (for spend so far). */
  usageByModel(): ModelUsage[];
  /** Records a batch about to be created, before its create request leaves. */
  saveBatchIntent(i: BatchIntent): void;
  /** A model's intents whose batch id was never stored (the process died while creating it), oldest first. */
  batchIntents(modelId: string): BatchIntent[];
  /** Forgets an intent the provider has no batch for (its calls are sent again). */
  dropBatchIntent(token: string): void;
  /** Records a created batch the moment its id is known, and drops its intent in the same transaction. */
  saveBatch(b: BatchRecord): void;
  /** A model's batches whose results are not imported yet, oldest first. */
  openBatches(modelId: string): BatchRecord[];
  /** Ids of every batch recorded, whatever its state. */
  knownBatchIds(): Set<string>;
  /** A batch found for an intent turned out not to be this run's: it is never polled or imported again. */
  disownBatch(id: string): void;
  /** Stores a batch's calls and marks it imported, in one transaction. */
  importBatch(id: string, calls: readonly CallRecord[]): void;
  close(): void;
}

export const callKey = (modelId: string, variantId: string) => `${modelId}\u0000${variantId}`;
