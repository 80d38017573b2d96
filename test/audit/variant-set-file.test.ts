import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveAudit, setHeader } from '../../src/audit/resolve.js';
import { designOf, designSha256, readVariantSetFile, writeVariantSetFile } from '../../src/audit/variant-set-file.js';
import { MasldError } from '../../src/errors.js';
import type { Variant } from '../../src/variants/types.js';
import { tempDir } from '../support/cli.js';

/** A set as `masld variants --out` writes it, of the built-in bank's first cases, sealed whatever was changed in it. */
function writeSet(change: (header: ReturnType<typeof setHeader>, variants: Variant[]) => void): string {
  const spec = resolveAudit({ limit: 2 });
  const header = structuredClone(setHeader(spec));
  const variants = structuredClone(spec.variantSet.variants);
  change(header, variants);
  header.design.sha256 = designSha256(designOf(header.design));
  const path = join(tempDir(), 'set.jsonl');
  writeVariantSetFile(path, header, variants);
  return path;
}

/** The error reading the set raises: a bad-input one (exit 2) naming the file, the line and the field. */
function refusal(path: string): MasldError {
  try {
    readVariantSetFile(path);
  } catch (e) {
    assert.ok(e instanceof MasldError, String(e));
    return e;
  }
  assert.fail('the set was read');
}

describe('a variant-set file names only counterfactuals this version knows', () => {
  it('reads a set as written, its design typed', () => {
    const path = writeSet(() => {});
    const { header } = readVariantSetFile(path);
    assert.deepEqual(header.design.counterfactuals, ['sex', 'race_ethnicity', 'ses']);
  });

  it("refuses an unknown attribute in the header's design, naming the file and the field", () => {
    const path = writeSet((h) => {
      (h.design.counterfactuals as string[]).push('age');
    });
    const e = refusal(path);
    assert.equal(e.code, 'E_VARIANT_SET');
    assert.equal(e.exitCode, 2);
    assert.deepEqual(e.location, { file: path, line: 1, field: 'design.counterfactuals.3' });
    assert.match(e.message, /unknown counterfactual "age"; counterfactuals are sex, race_ethnicity, ses/);
  });

  it("refuses an unknown attribute on a variant's line, naming its line and field", () => {
    let line = 0;
    const path = writeSet((_, variants) => {
      const i = variants.findIndex((v) => v.counterfactual !== null);
      (variants[i].counterfactual as { attribute: string }).attribute = 'height';
      line = i + 2;
    });
    const e = refusal(path);
    assert.equal(e.exitCode, 2);
    assert.deepEqual(e.location, { file: path, line, field: 'counterfactual.attribute' });
    assert.match(e.message, /unknown counterfactual "height"/);
  });
});
