import type { Case } from '../cases/types.js';
import type { Variant } from '../variants/types.js';
import type { PgOptions } from './postgres/connect.js';
import { checkStoreUrl } from './postgres/url.js';
import type { CallRecord, RunMeta, RunMetaInput } from './types.js';

export interface SharedRunSummary {
  runId: string;
  createdAt: string;
  models: string[];
  variants: number;
}
export interface CallCounts {
  modelId: string;
  ok: number;
  failed: number;
}

/** The shared, asynchronous part of the store: one server database, many runs, many writers. */
export interface SharedStore {
  /** Writes meta, cases and variants of a new run in one transaction; false (and nothing written) when the run exists. */
  initialiseRun(runId: string, meta: RunMetaInput, cases: readonly Case[], variants: readonly Variant[]): Promise<boolean>;
  /** The run's record read through the same schema as SQLite's (src/store/meta.ts parseRunMeta). */
  readRun(runId: string): Promise<RunMeta | undefined>;
  runs(): Promise<SharedRunSummary[]>;
  cases(runId: string): Promise<Case[]>;
  /** In the order they were written (ord). */
  variants(runId: string): Promise<Variant[]>;
  /** callKey(modelId, variantId) (src/store/types.ts) of calls with status ok. */
  completedKeys(runId: string): Promise<Set<string>>;
  /** Commits one call. An ok call is never replaced (a re-run job cannot double-count); a failed one is replaced by the newer attempt. */
  saveCall(runId: string, call: CallRecord): Promise<void>;
  counts(runId: string): Promise<CallCounts[]>;
  saveModelInfo(runId: string, info: Record<string, Record<string, unknown>>): Promise<void>;
  readModelInfo(runId: string): Promise<Record<string, Record<string, unknown>>>;
  /** Copies the run into a new single-file SQLite store at `path` (SqliteStore: initialise, saveCalls, saveModelInfo). */
  exportRun(runId: string, path: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens (and migrates) the store at a postgres:// URL. `pg` is loaded only
 * here, on demand: a local audit never loads it. Every operation retries a
 * lost connection for `retryMs` (default 60 s), then fails E_STORE_UNREACHABLE.
 */
export async function openSharedStore(url: string, o: PgOptions = {}): Promise<SharedStore> {
  checkStoreUrl(url);
  const { openPostgresStore } = await import('./postgres/store.js');
  return openPostgresStore(url, o);
}
