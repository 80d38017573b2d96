import { CONTROL_NAMES } from '../../src/models/controls/behaviours.js';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sanitiseConfig } from '../../src/audit/fingerprint.js';
import { resolveAudit } from '../../src/audit/resolve.js';
import { MasldError } from '../../src/errors.js';
import { parseRunMeta } from '../../src/store/meta.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { RunMetaInput } from '../../src/store/types.js';
import { tempDir } from '../support/cli.js';
import { openDatabase } from '../../src/util/sqlite.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A store holding the record an audit of the control panel on three bank cases writes (as audit.ts builds it). */
function writtenStore(): { path: string; meta: RunMetaInput } {
  const dir = tempDir('masld-meta-');
  dirs.push(dir);
  const spec = resolveAudit({ limit: 3 });
  const meta: RunMetaInput = {
    fingerprint: 'f'.repeat(64),
    toolVersion: '0.2.0',
    createdAt: '2025-01-01T00:00:00.000Z',
    config: sanitiseConfig(spec.config, spec.models, { probes: spec.probeNames, counterfactuals: spec.counterfactuals }),
    cases: { count: 3, source: spec.caseSet.source, sha256: spec.caseSet.sha256, format: spec.caseSet.format, skipped: 0 },
    exclusions: spec.variantSet.exclusions,
    probeExclusions: spec.variantSet.probeExclusions,
    variantCheck: spec.screen,
    variantSet: spec.variantSource,
  };
  const path = join(dir, 'audit.sqlite');
  const store = new SqliteStore(path);
  store.initialise(meta, spec.caseSet.cases, spec.variantSet.variants);
  store.close();
  return { path, meta };
}

/** Rewrites the stored record to `sql`, an expression of its JSON `value` (SQLite's json_set and friends). */
function spoil(path: string, sql: string): void {
  const db = openDatabase(path);
  db.prepare(`UPDATE meta SET value = ${sql} WHERE key = 'run'`).run();
  db.close();
}

function rejects(path: string, field: string): void {
  const store = new SqliteStore(path, { readOnly: true });
  try {
    assert.throws(
      () => store.readMeta(),
      (e: unknown) => {
        assert.ok(e instanceof MasldError, String(e));
        assert.equal(e.code, 'E_STORE_DAMAGED');
        assert.equal(e.exitCode, 2);
        assert.equal(e.location.field, field);
        assert.ok(e.message.startsWith(`${path}: ${field}: `), e.message);
        return true;
      },
    );
  } finally {
    store.close();
  }
}

describe('the stored run record is read back through its schema', () => {
  it('reads what an audit stores, unchanged: same values, same key order, models typed', () => {
    const { path, meta } = writtenStore();
    const store = new SqliteStore(path, { readOnly: true });
    const back = store.readMeta()!;
    store.close();
    assert.equal(JSON.stringify(back), JSON.stringify(meta), 'nothing added, dropped or reordered');
    assert.deepEqual(
      back.config.models.map((m) => m.id),
      CONTROL_NAMES.map((n) => `control:${n}`),
    );
    assert.equal(back.config.bootstrap.resamples, 2000);
    assert.ok(back.exclusions.length + (back.probeExclusions?.length ?? 0) > 0, 'the fixture exercises the exclusion records');
  });

  it("applies the config schema's defaults to a record without them, after the stored keys", () => {
    const { path } = writtenStore();
    spoil(path, `json_remove(value, '$.config.bootstrap', '$.config.seed', '$.config.phenotype', '$.config.probes')`);
    const store = new SqliteStore(path, { readOnly: true });
    const back = store.readMeta()!;
    store.close();
    assert.equal(back.config.bootstrap.resamples, 2000);
    assert.equal(back.config.seed, 7);
    assert.deepEqual(back.config.phenotype, {});
    assert.deepEqual(back.config.probes, []);
    assert.deepEqual(Object.keys(back.config).slice(-4).sort(), ['bootstrap', 'phenotype', 'probes', 'seed']);
  });

  it('refuses a damaged record with E_STORE_DAMAGED (exit 2), naming the store and the field', () => {
    const { path } = writtenStore();
    spoil(path, `json_set(value, '$.config.bootstrap.resamples', 'many')`);
    rejects(path, 'meta.config.bootstrap.resamples');
    spoil(path, `json_set(json_set(value, '$.config.bootstrap.resamples', 2000), '$.config.models[1].temperature', 'hot')`);
    rejects(path, 'meta.config.models[1].temperature');
    spoil(path, `json_set(json_set(value, '$.config.models[1].temperature', 0), '$.config.models[1].behaviour', 'nope')`);
    rejects(path, 'meta.config.models[1].behaviour');
    spoil(path, `json_set(json_remove(value, '$.config.models[1].behaviour'), '$.config.phenotype.bogus', 1)`);
    rejects(path, 'meta.config.phenotype.bogus');
  });

  it('reads a model whose provider is not registered here: common keys checked, its own kept as stored', () => {
    const { path } = writtenStore();
    spoil(path, `json_set(json_set(value, '$.config.models[1].provider', 'not-here'), '$.config.models[1].dial', json('[1, "two"]'))`);
    const store = new SqliteStore(path, { readOnly: true });
    const back = store.readMeta()!;
    store.close();
    assert.equal(back.config.models[1].provider, 'not-here');
    assert.deepEqual((back.config.models[1] as { dial?: unknown }).dial, [1, 'two']);
    spoil(path, `json_set(value, '$.config.models[1].temperature', 'hot')`);
    rejects(path, 'meta.config.models[1].temperature');
  });

  it('refuses a record from another tool, or one that is not JSON', () => {
    const { path } = writtenStore();
    spoil(path, `'{"hello": "world"}'`);
    rejects(path, 'meta.fingerprint');
    spoil(path, `'{"fingerprint": '`);
    rejects(path, 'meta');
    assert.throws(() => parseRunMeta('[]', 'x.sqlite'), /x\.sqlite: meta: the run recorded in this store is not one this version of masld reads/);
  });
});
