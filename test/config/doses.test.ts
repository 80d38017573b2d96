import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configFails } from '../support/config-fails.js';
import { parseConfigText } from '../../src/config/load.js';
import { DEFAULT_DOSES } from '../../src/probes/dose.js';
import { listProbes } from '../../src/probes/registry.js';

const fails = configFails;

const dosed = listProbes().find((p) => p.doses)!;
const undosed = listProbes().find((p) => !p.doses)!;

describe('doses in the config (graded stress)', () => {
  it('defaults to 1, 2 and 4; a list replaces it', () => {
    assert.deepEqual(parseConfigText('seed: 7\n', 'audit.yaml').doses, [...DEFAULT_DOSES]);
    assert.deepEqual(parseConfigText('doses: [1]\n', 'audit.yaml').doses, [1]);
  });
  it('takes a dose the probe defines and refuses one it does not, naming the field and line', () => {
    assert.equal((parseConfigText(`probes:\n  - {name: ${dosed.name}, dose: 4}\n`, 'audit.yaml').probes![0] as { dose: number }).dose, 4);
    fails(`probes:\n  - name: ${dosed.name}\n    dose: 3\n`, new RegExp(`${dosed.name} has no dose 3; its doses are 1, 2, 4`), 3, 'probes[0].dose');
    fails(`probes:\n  - name: ${undosed.name}\n    doses: [1, 2]\n`, new RegExp(`${undosed.name} has no dose; leave dose out`), 3, 'probes[0].doses');
    fails(`probes:\n  - name: ${dosed.name}\n    dose: 2\n    doses: [1, 2]\n`, /dose \(one\) or doses \(a list\), not both/, 3, 'probes[0].dose');
    fails('doses: [0]\n', /too small|>0|positive|greater/i, 1, 'doses[0]');
  });
});
