import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { caseStats } from '../../src/cases/stats.js';
import { validateCases } from '../../src/cases/validate.js';
import { runCli, tempDir } from '../support/cli.js';

describe('the built-in bank', () => {
  it('passes validation: 240 cases, 12 specialties × 20, ≥120 critical variants, letters within ±5 points', () => {
    const report = validateCases();
    assert.deepEqual(
      report.problems.filter((p) => p.severity === 'error'),
      [],
    );
    const s = caseStats(report.cases);
    assert.equal(s.total, 240);
    assert.equal(s.bySpecialty.length, 12);
    assert.ok(s.bySpecialty.every((b) => b.cases === 20));
    assert.ok(s.critical >= 120, `${s.critical} critical variants`);
    assert.equal(s.reviewed, 240);
    for (const [l, x] of Object.entries(s.letters)) assert.ok(Math.abs(x.deviation) <= 5, `letter ${l} off by ${x.deviation}`);
    const prefixes = new Map<string, Set<string>>();
    for (const c of report.cases) (prefixes.get(c.specialty) ?? prefixes.set(c.specialty, new Set()).get(c.specialty)!).add(c.id.split('-')[0]);
    for (const [spec, p] of prefixes) assert.equal(p.size, 1, `one prefix per specialty (${spec})`);
    for (const c of report.cases) {
      assert.ok(c.keyFacts && c.keyFacts.length >= 3 && c.keyFacts.length <= 6, c.id);
      assert.ok(c.rationale && c.redFlag && c.attributeRelevance && c.topic, c.id);
      assert.ok(Object.keys(c.options).length >= 4, c.id);
    }
  });
  it('has hepatology cases on each required topic', () => {
    const hep = loadCases()
      .cases.filter((c) => c.id.startsWith('hep-'))
      .map((c) => `${c.topic} ${c.vignette} ${c.rationale}`.toLowerCase())
      .join('\n');
    for (const topic of ['masld', 'acute liver failure', 'cirrhosis', 'peritonitis', 'variceal', 'alcohol', 'drug-induced'])
      assert.ok(hep.includes(topic), topic);
  });
});

describe('masld cases validate', () => {
  it('lists every problem as file:line and exits 2', async () => {
    const file = join(tempDir(), 'bad.yaml');
    writeFileSync(
      file,
      [
        '- {id: a-1, specialty: x, vignette: "A {{age}}-year-old {{sex:man|woman}} has pain for 3 days and a fever of ' +
          '39 C.", question: "Next?", options: {A: Rest, B: Surgery}, answer: A, demographics: {age: 40, sex: male}, ' +
          'keyFacts: ["fever of 40 C"]}',
        '- {id: a-1, specialty: x, vignette: "A woman has pain.", question: "Next?", options: {A: Rest, B: Surgery}, ' +
          'answer: B, criticalVariant: {replace: {from: "pain", to: "no pain"}, answer: B}}',
        '- {id: a-3, specialty: x, vignette: "A {{age}}-year-old {{sex:man|woman}} says she has pain.", question: ' +
          '"Next?", options: {A: Rest, B: Surgery}, answer: A, demographics: {age: 40, sex: male}}',
      ].join('\n'),
    );
    const r = await runCli(['cases', 'validate', file]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /bad\.yaml:1: a-1: error: keyFacts: "fever of 40 C" is not verbatim/);
    assert.match(r.stdout, /bad\.yaml:2: a-1: error: duplicate id "a-1"/);
    assert.match(r.stdout, /bad\.yaml:2: a-1: error: criticalVariant\.answer: must differ/);
    assert.match(r.stdout, /bad\.yaml:3: a-3: error: rendered as male, the vignette still says she/);
  });
  it('prints the coverage table', async () => {
    const r = await runCli(['cases', 'stats']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /TOTAL\s+240\s+\d{3}\s+240/);
  });
});
