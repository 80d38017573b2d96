import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { describe, it } from 'node:test';
import { csvField, csvLine, ResultsCsv } from '../../src/report/csv.js';
import type { CallRecord } from '../../src/store/types.js';

describe('results.csv encoding', () => {
  it('reads back with csv-parse exactly, formulas neutralised', () => {
    const fields = [
      'plain',
      'a,b',
      'say "hi"',
      'two\nlines',
      'cr\r\nlf',
      '=HYPERLINK("x")',
      '+1+1',
      '-2',
      '@SUM(A1)',
      '\tTab',
      'ünïcödé, “quotes”',
      '',
      'trailing,',
    ];
    const text = csvLine(fields) + csvLine([1, 0.5, null, -3]);
    const rows = parse(text, { relax_column_count: true }) as string[][];
    assert.deepEqual(
      rows[0],
      fields.map((f) => (/^[=+\-@\t\r]/.test(f) ? `'${f}` : f)),
    );
    assert.deepEqual(rows[1], ['1', '0.5', '', '-3'], 'numbers are not neutralised; null is empty');
    assert.equal(csvField('no quoting needed'), 'no quoting needed');
  });

  it('writes one header however many batches, and one row per call', () => {
    let out = '';
    const csv = new ResultsCsv(
      (t) => {
        out += t;
      },
      new Set(['control:x']),
      3,
    );
    const call = (i: number): CallRecord => ({
      modelId: i % 2 ? 'control:x' : 'm',
      variantId: `c${i}|clean`,
      status: 'ok',
      raw: 'r',
      truncated: false,
      finishReason: 'stop',
      inputTokens: 1,
      outputTokens: 2,
      latencyMs: 3,
      attempts: 1,
      errors: [],
      finishedAt: '',
    });
    const key = (i: number) => ({
      id: `c${i}|clean`,
      caseId: `c${i}`,
      condition: 'clean',
      counterfactual: null,
      options: { A: 'x, "y"', B: 'z' },
      answer: 'A',
      counterfactualBaseline: null,
      defects: [] as string[],
      neutralEdit: false,
    });
    for (let i = 0; i < 10; i++) csv.add(call(i), key(i), null);
    csv.add(call(99), undefined, null);
    csv.flush();
    const rows = parse(out, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 10, 'a call whose variant is unknown has no row');
    assert.equal(out.split('\n').filter((l) => l.startsWith('model,')).length, 1);
    assert.equal(rows[1].control, 'yes');
    assert.equal(rows[0].gold_text, 'x, "y"');
    assert.equal(rows[0].correct, '', 'an unscored call has no correctness');
  });

  it('writes the header for an empty run', () => {
    let out = '';
    new ResultsCsv((t) => {
      out += t;
    }, new Set()).flush();
    assert.match(out, /^model,control,case_id,/);
  });
});
