import { resolve } from 'node:path';
import { runStorePath } from '../audit/report-run.js';
import type { ModelConfig } from '../config/schema.js';
import { inputError } from '../errors.js';
import { isControlModel } from '../models/registry.js';
import { inspectStore } from '../store/inspect.js';
import { SqliteStore } from '../store/sqlite.js';
import type { RunMeta } from '../store/types.js';
import type { Variant, VariantKey } from '../variants/types.js';

/** What an export reads of a run: its record, its variants and their answer keys, and the store to stream calls from. */
export interface ExportSource {
  dir: string;
  meta: RunMeta;
  /** Models with stored calls, in the store's order (as results.csv lists them). */
  models: ModelConfig[];
  controls: ReadonlySet<string>;
  keys: ReadonlyMap<string, VariantKey>;
  variants: ReadonlyMap<string, Variant>;
  store: SqliteStore;
}

/**
 * Opens an audit folder's store read-only (an audit may still be writing it)
 * and runs `fn` on one snapshot, so every pass over the calls sees the same
 * calls. A folder without a store, or a store holding no run, is an input error.
 */
export async function withRunSnapshot<T>(dirArg: string, fn: (src: ExportSource) => Promise<T>): Promise<T> {
  const dir = resolve(dirArg);
  const path = runStorePath(dir);
  inspectStore(path);
  const store = new SqliteStore(path, { readOnly: true });
  try {
    return await store.snapshot(async () => {
      const meta = store.readMeta();
      if (!meta) throw inputError('E_INPUT', 'the store holds no run', { file: path });
      const byId = new Map(meta.config.models.map((m) => [m.id, m]));
      const models = store.callModelIds().flatMap((id) => byId.get(id) ?? []);
      const keys = new Map<string, VariantKey>();
      for (const k of store.variantKeys()) keys.set(k.id, k);
      const variants = new Map<string, Variant>();
      for (const v of store.variants()) variants.set(v.id, v);
      const controls = new Set(models.filter((m) => isControlModel(m)).map((m) => m.id));
      return fn({ dir, meta, models, controls, keys, variants, store });
    });
  } finally {
    store.close();
  }
}
