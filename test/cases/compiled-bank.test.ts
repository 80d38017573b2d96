import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUILTIN_CASES_DIR } from '../../src/cases/builtin.js';
import { readCompiledBank, writeCompiledBank } from '../../src/cases/compiled-bank.js';
import { listCaseFiles, loadCases } from '../../src/cases/load.js';
import { ROOT, tempDir } from '../support/cli.js';
import { needs } from '../support/needs.js';

/** What `npm run build` writes: the CLI and a built-in audit read this, not the YAML. */
const DIST_BANK = join(ROOT, 'dist', 'cases', 'bank.compiled.json');

describe('compiled built-in bank', () => {
  const files = listCaseFiles(BUILTIN_CASES_DIR);
  const parsed = loadCases(); // from the YAML: the src tree has no compiled bank beside it
  const compiled = join(tempDir('bank'), 'bank.compiled.json');
  writeCompiledBank(files, { cases: parsed.cases, warnings: parsed.warnings ?? [] }, compiled);

  it('gives exactly the cases and warnings the YAML gives, in order, with a limit too', () => {
    const all = readCompiledBank(files, Infinity, compiled);
    assert.ok(all);
    assert.deepEqual(all.cases, parsed.cases);
    assert.deepEqual(all.warnings, parsed.warnings);
    const some = readCompiledBank(files, 17, compiled);
    assert.deepEqual(some?.cases, parsed.cases.slice(0, 17));
  });

  it('is not used once a source file changed, or when switched off', () => {
    const copy = tempDir('bank-copy');
    cpSync(BUILTIN_CASES_DIR, copy, { recursive: true });
    const copied = listCaseFiles(copy);
    assert.ok(readCompiledBank(copied, Infinity, compiled), 'unchanged copies have the same hashes');
    writeFileSync(copied[0], `${readFileSync(copied[0], 'utf8')}\n# edited\n`);
    assert.equal(readCompiledBank(copied, Infinity, compiled), null);
    process.env.MASLD_COMPILED_BANK = 'off';
    try {
      assert.equal(readCompiledBank(files, Infinity, compiled), null);
    } finally {
      delete process.env.MASLD_COMPILED_BANK;
    }
  });

  // Under CI=true a missing build fails (test/support/needs.ts): npm test builds first.
  it('ships in dist, built by npm run build, and loads the same cases there', {
    skip: needs({ path: DIST_BANK, what: 'the compiled bank in dist (npm run build)' }),
  }, async () => {
    const dist = (await import(join(ROOT, 'dist/cases/load.js'))) as typeof import('../../src/cases/load.js');
    const distBank = (await import(join(ROOT, 'dist/cases/compiled-bank.js'))) as typeof import('../../src/cases/compiled-bank.js');
    assert.ok(distBank.readCompiledBank(files, Infinity), 'the built bank matches the YAML in data/cases');
    const fromDist = dist.loadCases();
    assert.equal(fromDist.sha256, parsed.sha256);
    assert.deepEqual(fromDist.cases, parsed.cases);
  });
});
