import type { CallRecord, Store } from '../store/types.js';

/**
 * Group commit: calls that finish in the same turn of the event loop are
 * written in one transaction, instead of one transaction each. A caller's
 * promise settles only once its call is committed, and callers hold their
 * concurrency slot until then, so a kill loses no more than the calls in
 * flight — exactly what per-call commits would lose.
 */
export class GroupCommit {
  private pending: { record: CallRecord; done: () => void; fail: (e: unknown) => void }[] = [];
  private scheduled = false;
  constructor(private readonly store: Store) {}

  save(record: CallRecord): Promise<void> {
    return new Promise((done, fail) => {
      this.pending.push({ record, done, fail });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    try {
      this.store.saveCalls(batch.map((p) => p.record));
    } catch (e) {
      for (const p of batch) p.fail(e);
      return;
    }
    for (const p of batch) p.done();
  }
}
