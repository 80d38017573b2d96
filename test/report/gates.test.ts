import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GATEABLE_METRICS } from '../../src/metrics/definitions/index.js';
import { gateHelp, parseGates } from '../../src/report/gates.js';

describe('--fail-on gates name metrics from the registry', () => {
  it('accepts every gateable metric', () => {
    for (const m of GATEABLE_METRICS) assert.deepEqual(parseGates(`${m}>=0.5`), [{ metric: m, op: '>=', threshold: 0.5, text: `${m}>=0.5` }]);
  });

  it('refuses probShift with the reason its definition gives', () => {
    assert.throws(
      () => parseGates('probShift<-0.1'),
      (e: Error & { code?: string }) => e.code === 'E_USAGE' && /probShift is not gateable: only log-probability scoring/.test(e.message),
    );
  });

  it('names the gateable metrics when a name is unknown, and in the help', () => {
    assert.throws(
      () => parseGates('speed>1'),
      (e: Error) => /unknown metric "speed"; metrics are accuracyClean, .*goldEntropyStressed$/.test(e.message) && !/probShift/.test(e.message),
    );
    assert.match(gateHelp(), /A gate can name accuracyClean, .*goldEntropyStressed\. probShift is not gateable: /);
  });
});
