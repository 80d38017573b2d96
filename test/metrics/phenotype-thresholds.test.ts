import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigText } from '../../src/config/load.js';
import { DEFAULT_THRESHOLDS, THRESHOLD_NAMES, THRESHOLDS } from '../../src/metrics/phenotype-thresholds.js';

describe('phenotype thresholds are defined once', () => {
  it('the defaults are the definitions’ defaults', () => {
    assert.deepEqual(Object.keys(DEFAULT_THRESHOLDS), THRESHOLD_NAMES);
    for (const name of THRESHOLD_NAMES) assert.equal(DEFAULT_THRESHOLDS[name], THRESHOLDS[name].default);
    assert.equal(DEFAULT_THRESHOLDS.labilePfrExcess, 0.1);
    assert.equal(DEFAULT_THRESHOLDS.minValidAnswers, 20);
  });

  it('the config takes every threshold by its name, whole numbers where the definition says so', () => {
    const yaml = `phenotype:\n${THRESHOLD_NAMES.map((n, i) => `  ${n}: ${THRESHOLDS[n].integer ? i + 1 : (i + 1) / 100}`).join('\n')}\n`;
    const parsed = parseConfigText(yaml, 'x.yaml').phenotype;
    assert.deepEqual(Object.keys(parsed), THRESHOLD_NAMES);
    assert.equal(parsed.minValidAnswers, THRESHOLD_NAMES.indexOf('minValidAnswers') + 1);
    assert.throws(() => parseConfigText('phenotype:\n  minValidAnswers: 2.5\n', 'x.yaml'), /minValidAnswers/);
    assert.deepEqual(parseConfigText('phenotype:\n  resilientMi: 0.9\n', 'x.yaml').phenotype, { resilientMi: 0.9 });
  });
});
