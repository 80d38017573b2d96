import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GroupCommit } from '../../src/run/group-commit.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { CallRecord, Store } from '../../src/store/types.js';
import { tempDir } from '../support/cli.js';

const record = (variantId: string): CallRecord => ({
  modelId: 'm',
  variantId,
  status: 'ok',
  raw: '{"answer":"A"}',
  truncated: false,
  finishReason: 'stop',
  inputTokens: 1,
  outputTokens: 1,
  latencyMs: 1,
  attempts: 1,
  errors: [],
  finishedAt: new Date(0).toISOString(),
});

describe('group commit', () => {
  it('commits calls finishing in the same turn in one transaction, and settles each only once committed', async () => {
    const store = new SqliteStore(join(tempDir('masld-gc-'), 'a.sqlite'));
    const batches: number[] = [];
    const spy: Store = Object.assign(Object.create(store), {
      saveCalls: (calls: readonly CallRecord[]) => {
        batches.push(calls.length);
        store.saveCalls(calls);
      },
    });
    const commits = new GroupCommit(spy);
    const first = ['v1', 'v2', 'v3'].map((v) => commits.save(record(v)).then(() => store.completedKeys().has(`m\u0000${v}`)));
    assert.deepEqual(await Promise.all(first), [true, true, true]);
    await commits.save(record('v4'));
    assert.deepEqual(batches, [3, 1]);
    assert.equal(store.completedKeys().size, 4);
    store.close();
  });

  it('rejects every call of a batch the store could not write', async () => {
    const failing = {
      saveCalls: () => {
        throw new Error('disk full');
      },
    } as unknown as Store;
    const commits = new GroupCommit(failing);
    const results = await Promise.allSettled([commits.save(record('a')), commits.save(record('b'))]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
  });
});
