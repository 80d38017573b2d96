import assert from 'node:assert/strict';
import { it } from 'node:test';
import { METRICS } from '../../src/metrics/definitions/index.js';
import { metricTableSection } from '../../src/report/html/metric-table.js';
import type { Results } from '../../src/report/results.js';

type Model = Results['models'][number];

it('lists every registered metric with its definition, value and interval', () => {
  const metrics = Object.fromEntries(METRICS.map((d, i) => [d.name, { value: i / 100, ci95: [0, 1], n: 10 }]));
  delete metrics.probShift;
  const model = { id: 'm<1>', control: false, metrics } as unknown as Model;
  const html = metricTableSection([model]);
  const rows = html.split('\n').filter((l) => l.startsWith('<tr><th scope="row">'));
  assert.equal(rows.length, METRICS.length);
  for (const [i, d] of METRICS.entries()) {
    assert.ok(rows[i].includes(`<code>${d.name}</code>`), d.name);
    assert.ok(
      rows[i].includes(d.doc.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').slice(0, 30)),
      `${d.name}: its doc`,
    );
    if (d.name !== 'probShift') assert.ok(rows[i].includes(`<td>${(i / 100).toFixed(3)} <small>[0.000, 1.000]</small></td>`), `${d.name}: its value`);
  }
  assert.match(rows[METRICS.findIndex((d) => d.name === 'probShift')], /<small>n\/a<\/small>.*|not a --fail-on gate/);
  assert.ok(html.includes('m&lt;1&gt;'), 'the model id is escaped');
  assert.equal(metricTableSection([]), '');
});
