import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { normaliseText } from '../../src/cases/normalise.js';
import { loadCases } from '../../src/cases/load.js';
import { MasldError } from '../../src/errors.js';
import { MEDQA, MMLU_DIR, tempDir } from '../support/cli.js';

const CASE = { id: 'x-001', specialty: 'test', vignette: 'A {{age}}-year-old {{sex:man|woman}} has chest pain.', question: 'Next step?', options: { A: 'ECG', B: 'Discharge' }, answer: 'A', demographics: { age: 60, sex: 'male' } };

function write(name: string, text: string | Buffer): string {
  const p = join(tempDir(), name);
  writeFileSync(p, text);
  return p;
}

function failsAt(path: string, re: RegExp, line?: number) {
  assert.throws(() => loadCases({ path }), (e: unknown) => {
    assert.ok(e instanceof MasldError, String(e));
    assert.equal(e.exitCode, 2);
    assert.match(e.message, re);
    assert.ok(e.message.includes(path), `message names the file: ${e.message}`);
    if (line !== undefined) assert.equal(e.location.line, line, e.message);
    return true;
  });
}

describe('masld format', () => {
  it('loads JSONL and YAML, with a stable content hash', () => {
    const jsonl = write('c.jsonl', JSON.stringify(CASE) + '\n' + JSON.stringify({ ...CASE, id: 'x-002' }) + '\n');
    const set = loadCases({ path: jsonl });
    assert.equal(set.cases.length, 2);
    assert.equal(set.format, 'masld');
    const yaml = write('c.yaml', `- id: x-001\n  specialty: test\n  vignette: "A {{age}}-year-old {{sex:man|woman}} has chest pain."\n  question: Next step?\n  options: {A: ECG, B: Discharge}\n  answer: A\n  demographics: {age: 60, sex: male}\n- ${JSON.stringify({ ...CASE, id: 'x-002' })}\n`);
    const y = loadCases({ path: yaml });
    assert.equal(y.cases[1].source.line, 8);
    assert.equal(y.sha256, set.sha256, 'the same cases hash the same whatever the file format');
  });
  it('reports bad records as file:line: what is wrong', () => {
    failsAt(write('a.jsonl', JSON.stringify(CASE) + '\n' + JSON.stringify({ ...CASE, id: 'x-2', answer: 'E' }) + '\n'), /answer.*"E" is not one of the options/, 2);
    failsAt(write('b.jsonl', JSON.stringify(CASE) + '\n' + JSON.stringify(CASE) + '\n'), /duplicate id "x-001"/, 2);
    failsAt(write('c.jsonl', JSON.stringify({ ...CASE, vignette: 'A {{age}}-year-old {{gender:m|f}}' }) + '\n'), /unknown slot/, 1);
    failsAt(write('d.jsonl', '{"id": "x",\n'), /not valid JSON/, 1);
    failsAt(write('e.jsonl', JSON.stringify({ ...CASE, colour: 'red' }) + '\n'), /Unrecognized key/i, 1);
    failsAt(write('f.jsonl', JSON.stringify({ ...CASE, criticalVariant: { replace: { from: 'absent text', to: 'x' }, answer: 'B' } }) + '\n'), /criticalVariant.replace.from/, 1);
    failsAt(write('g.yaml', '- id: a\n  vignette: [unclosed\n'), /YAML syntax error/);
  });
  it('skips bad records only when asked, and counts them', () => {
    const p = write('s.jsonl', JSON.stringify(CASE) + '\nnot json\n' + JSON.stringify({ ...CASE, id: 'x-3' }) + '\n');
    const set = loadCases({ path: p, skipInvalid: true });
    assert.equal(set.cases.length, 2);
    assert.deepEqual(set.skipped.map((s) => s.line), [2]);
  });
  it('refuses empty, binary and UTF-16 files, and reads BOM and CRLF files', () => {
    failsAt(write('empty.jsonl', ''), /empty/);
    failsAt(write('bin.jsonl', Buffer.from([0x7b, 0x00, 0x01, 0x02])), /binary/);
    failsAt(write('u16.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(CASE), 'utf16le')])), /UTF-16/);
    const bom = write('bom.jsonl', '\ufeff' + JSON.stringify(CASE) + '\r\n' + JSON.stringify({ ...CASE, id: 'x-9' }) + '\r\n');
    assert.equal(loadCases({ path: bom }).cases.length, 2);
  });
  it('keeps the first N cases in file order with limit', () => {
    const p = write('l.jsonl', [1, 2, 3].map((i) => JSON.stringify({ ...CASE, id: `x-${i}` })).join('\n'));
    assert.deepEqual(loadCases({ path: p, limit: 2 }).cases.map((c) => c.id), ['x-1', 'x-2']);
  });
});

describe('built-in bank', () => {
  it('loads with no path', () => {
    const set = loadCases();
    assert.equal(set.source, 'builtin');
    assert.ok(set.cases.length > 0);
  });
});

describe('MedQA importer (real data in ../shared/data)', { skip: !existsSync(MEDQA) && 'MedQA file absent: ../shared/data/medqa-usmle is not beside this checkout' }, () => {
  it('imports every record, keeping the text verbatim apart from look-alike letters', () => {
    const set = loadCases({ path: MEDQA });
    const lines = readFileSync(MEDQA, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(set.format, 'medqa');
    assert.equal(set.cases.length, lines.length);
    for (let i = 0; i < lines.length; i++) {
      const c = set.cases[i];
      const raw = lines[i];
      assert.equal(c.answer, raw.answer_idx);
      assert.equal(c.options[c.answer], raw.options[raw.answer_idx].replace(/\s+/g, ' ').trim());
      const joined = c.vignette === c.question ? c.vignette : `${c.vignette} ${c.question}`;
      // Import normalises look-alike letters (NFKC, confusables in mixed-script words); nothing else changes.
      const expected = normaliseText(raw.question.trim(), true).text;
      if (c.question !== 'Which of the following is the best answer?') assert.equal(joined.replace(/\s+/g, ' '), expected.replace(/\s+/g, ' '), `record ${i + 1}`);
    }
    assert.ok(set.cases.filter((c) => c.question.includes('?')).length > lines.length * 0.98, 'the question sentence is split off');
  });
});

describe('MMLU importer (real data in ../shared/data)', { skip: !existsSync(MMLU_DIR) && 'MMLU folder absent: ../shared/data/mmlu-medical is not beside this checkout' }, () => {
  it('imports a CSV with quoted fields and keeps answers', () => {
    const file = join(MMLU_DIR, 'clinical_knowledge_test.csv');
    const set = loadCases({ path: file });
    assert.equal(set.format, 'mmlu-csv');
    assert.equal(set.cases.length, 265);
    assert.ok(set.cases.every((c) => c.answer in c.options && Object.keys(c.options).length === 4));
  });
  it('reports a row with missing columns by line', () => {
    failsAt(write('bad.csv', 'Q1?,a,b,c,d,A\nQ2?,a,b,c\n'), /expected 6 columns.*found 4/, 2);
  });
});
