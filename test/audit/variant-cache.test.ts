import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { VARIANT_CACHE_FILE, readVariantCache, variantCacheKey } from '../../src/audit/variant-cache.js';
import { runCli, tempDir } from '../support/cli.js';

const base = { casesSha256: 'abc', probes: ['distractor'], counterfactuals: ['sex'], doubleStress: true, retest: 1, seed: 7, allowDefective: false };

describe('the variant cache beside an audit store', () => {
  it('keys on the cases, every variant setting and the code', () => {
    const k = variantCacheKey(base);
    assert.equal(variantCacheKey({ ...base }), k, 'deterministic');
    for (const change of [
      { casesSha256: 'abd' },
      { probes: ['buried_lead'] },
      { counterfactuals: ['ses'] },
      { doubleStress: false },
      { retest: 2 },
      { seed: 8 },
      { allowDefective: true },
    ]) {
      assert.notEqual(variantCacheKey({ ...base, ...change }), k, JSON.stringify(change));
    }
  });

  it('is reused on resume, rebuilt when damaged, and never decides whether a folder may be resumed', async () => {
    const out = join(tempDir(), 'run');
    const first = await runCli(['audit', '--out', out, '--limit', '6', '--no-progress']);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(existsSync(join(out, VARIANT_CACHE_FILE)), 'written with the store');
    assert.doesNotMatch(first.stderr, /as built for this folder/);
    const results = readFileSync(join(out, 'results.json'), 'utf8');

    const again = await runCli(['audit', '--out', out, '--limit', '6', '--no-progress']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /variant check \(as built for this folder\)/);
    assert.match(again.stdout, /Nothing left to do/);
    assert.equal(readFileSync(join(out, 'results.json'), 'utf8'), results, 'outputs untouched');

    // A damaged cache is not an error: the variants are built and checked again, and the cache rewritten.
    writeFileSync(join(out, VARIANT_CACHE_FILE), 'not gzip');
    const damaged = await runCli(['audit', '--out', out, '--limit', '6', '--no-progress']);
    assert.equal(damaged.code, 0, damaged.stderr);
    assert.doesNotMatch(damaged.stderr, /as built for this folder/);
    assert.match(damaged.stdout, /Nothing left to do/);
    assert.equal(readVariantCache(out, 'some other key'), null);

    // Other cases: the cache does not match, and the store refuses the different design as before.
    const other = await runCli(['audit', '--out', out, '--limit', '7', '--no-progress']);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /E_STORE_MISMATCH/);
  });
});
