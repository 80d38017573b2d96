import assert from 'node:assert/strict';
import { parseConfigText } from '../../src/config/load.js';
import { MasldError } from '../../src/errors.js';

/** Parsing `text` as audit.yaml fails with exit code 2, a message matching `re`, and (when given) the line and field it names. */
export function configFails(text: string, re: RegExp, line?: number, field?: string): void {
  assert.throws(
    () => parseConfigText(text, 'audit.yaml'),
    (e: unknown) => {
      assert.ok(e instanceof MasldError);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, re);
      if (line !== undefined) assert.equal(e.location.line, line, e.message);
      if (field !== undefined) assert.equal(e.location.field, field);
      return true;
    },
  );
}
