import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { normaliseText } from '../../src/cases/normalise.js';
import { loadCases } from '../../src/cases/load.js';
import { MasldError } from '../../src/errors.js';
import { MEDQA, MMLU_DIR, tempDir } from '../support/cli.js';
import { MEDQA_FIXTURE, MMLU_FIXTURE, mmluGold, writeMedqaFixture, writeMmluFixture } from '../support/fixtures.js';
import { MEDQA_DATA, MMLU_DATA, needs } from '../support/needs.js';
import { optionKey } from '../support/oracle.js';

const CASE = {
  id: 'x-001',
  specialty: 'test',
  vignette: 'A {{age}}-year-old {{sex:man|woman}} has chest pain.',
  question: 'Next step?',
  options: { A: 'ECG', B: 'Discharge' },
  answer: 'A',
  demographics: { age: 60, sex: 'male' },
};

function write(name: string, text: string | Buffer): string {
  const p = join(tempDir(), name);
  writeFileSync(p, text);
  return p;
}

function failsAt(path: string, re: RegExp, line?: number) {
  assert.throws(
    () => loadCases({ path }),
    (e: unknown) => {
      assert.ok(e instanceof MasldError, String(e));
      assert.equal(e.exitCode, 2);
      assert.match(e.message, re);
      assert.ok(e.message.includes(path), `message names the file: ${e.message}`);
      if (line !== undefined) assert.equal(e.location.line, line, e.message);
      return true;
    },
  );
}

describe('masld format', () => {
  it('loads JSONL and YAML, with a stable content hash', () => {
    const jsonl = write('c.jsonl', `${JSON.stringify(CASE)}\n${JSON.stringify({ ...CASE, id: 'x-002' })}\n`);
    const set = loadCases({ path: jsonl });
    assert.equal(set.cases.length, 2);
    assert.equal(set.format, 'masld');
    const yaml = write(
      'c.yaml',
      `- id: x-001\n  specialty: test\n  vignette: "A {{age}}-year-old {{sex:man|woman}} has chest pain."\n  ` +
        `question: Next step?\n  options: {A: ECG, B: Discharge}\n  answer: A\n  demographics: {age: 60, sex: ` +
        `male}\n- ${JSON.stringify({ ...CASE, id: 'x-002' })}\n`,
    );
    const y = loadCases({ path: yaml });
    assert.equal(y.cases[1].source.line, 8);
    assert.equal(y.sha256, set.sha256, 'the same cases hash the same whatever the file format');
  });
  it('reports bad records as file:line: what is wrong', () => {
    failsAt(write('a.jsonl', `${JSON.stringify(CASE)}\n${JSON.stringify({ ...CASE, id: 'x-2', answer: 'E' })}\n`), /answer.*"E" is not one of the options/, 2);
    failsAt(write('b.jsonl', `${JSON.stringify(CASE)}\n${JSON.stringify(CASE)}\n`), /duplicate id "x-001"/, 2);
    failsAt(write('c.jsonl', `${JSON.stringify({ ...CASE, vignette: 'A {{age}}-year-old {{gender:m|f}}' })}\n`), /unknown slot/, 1);
    failsAt(write('d.jsonl', '{"id": "x",\n'), /not valid JSON/, 1);
    failsAt(write('e.jsonl', `${JSON.stringify({ ...CASE, colour: 'red' })}\n`), /Unrecognized key/i, 1);
    failsAt(
      write('f.jsonl', `${JSON.stringify({ ...CASE, criticalVariant: { replace: { from: 'absent text', to: 'x' }, answer: 'B' } })}\n`),
      /criticalVariant.replace.from/,
      1,
    );
    failsAt(write('g.yaml', '- id: a\n  vignette: [unclosed\n'), /YAML syntax error/);
  });
  it('skips bad records only when asked, and counts them', () => {
    const p = write('s.jsonl', `${JSON.stringify(CASE)}\nnot json\n${JSON.stringify({ ...CASE, id: 'x-3' })}\n`);
    const set = loadCases({ path: p, skipInvalid: true });
    assert.equal(set.cases.length, 2);
    assert.deepEqual(
      set.skipped.map((s) => s.line),
      [2],
    );
  });
  it('refuses empty, binary and UTF-16 files, and reads BOM and CRLF files', () => {
    failsAt(write('empty.jsonl', ''), /empty/);
    failsAt(write('bin.jsonl', Buffer.from([0x7b, 0x00, 0x01, 0x02])), /binary/);
    failsAt(write('u16.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(CASE), 'utf16le')])), /UTF-16/);
    const bom = write('bom.jsonl', `\ufeff${JSON.stringify(CASE)}\r\n${JSON.stringify({ ...CASE, id: 'x-9' })}\r\n`);
    assert.equal(loadCases({ path: bom }).cases.length, 2);
  });
  it('keeps the first N cases in file order with limit', () => {
    const p = write('l.jsonl', [1, 2, 3].map((i) => JSON.stringify({ ...CASE, id: `x-${i}` })).join('\n'));
    assert.deepEqual(
      loadCases({ path: p, limit: 2 }).cases.map((c) => c.id),
      ['x-1', 'x-2'],
    );
  });
});

describe('built-in bank', () => {
  it('loads with no path', () => {
    const set = loadCases();
    assert.equal(set.source, 'builtin');
    assert.ok(set.cases.length > 0);
  });
});

describe('MedQA importer', () => {
  it('imports a synthetic MedQA file: ids, answers, options on one line, the question split off, look-alike letters mapped', () => {
    const set = loadCases({ path: writeMedqaFixture(tempDir()) });
    assert.equal(set.format, 'medqa');
    assert.deepEqual(
      set.cases.map((c) => c.id),
      MEDQA_FIXTURE.map((f) => f.id),
    );
    set.cases.forEach((c, i) => {
      const f = MEDQA_FIXTURE[i];
      assert.equal(c.source.line, i + 1, f.id);
      assert.equal(c.answer, f.record.answer_idx, f.id);
      assert.deepEqual(Object.keys(c.options), ['A', 'B', 'C', 'D'], f.id);
      assert.equal(c.vignette, f.vignette, f.id);
      assert.equal(c.question, f.question, f.id);
    });
    const byId = new Map(set.cases.map((c) => [c.id, c]));
    assert.equal(byId.get('medqa-9005')!.options.A, 'Femoral neck fracture', 'an option is shown on one line');
    assert.equal(byId.get('medqa-9001')!.options[byId.get('medqa-9001')!.answer], 'Vitamin B12 deficiency');
    assert.equal(byId.get('medqa-9008')!.options[byId.get('medqa-9008')!.answer], 'Lactulose');
    assert.match(
      byId.get('medqa-9004')!.vignette,
      /show:\nSodium 141 mEq\/L\nGlucose 412 mg\/dL\nBicarbonate 24 mEq\/L\nShe is alert/,
      'the lab table stays in the vignette, line by line',
    );
    assert.doesNotMatch(byId.get('medqa-9006')!.vignette, /\p{Script=Cyrillic}/u);
    assert.deepEqual(set.warnings, [], 'a look-alike letter inside an English word is mapped without a warning');
  });

  it('imports every record of the real file, keeping the text verbatim apart from look-alike letters', { skip: needs(MEDQA_DATA) }, () => {
    const set = loadCases({ path: MEDQA });
    const lines = readFileSync(MEDQA, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
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
      if (c.question !== 'Which of the following is the best answer?')
        assert.equal(joined.replace(/\s+/g, ' '), expected.replace(/\s+/g, ' '), `record ${i + 1}`);
    }
    assert.ok(set.cases.filter((c) => c.question.includes('?')).length > lines.length * 0.98, 'the question sentence is split off');
  });
});

describe('MMLU importer', () => {
  it('imports a synthetic MMLU CSV: quoted fields with commas, doubled quotes and a line break, answers kept', () => {
    const file = writeMmluFixture(tempDir());
    const set = loadCases({ path: file });
    assert.equal(set.format, 'mmlu-csv');
    assert.equal(set.cases.length, MMLU_FIXTURE.length);
    assert.deepEqual(
      set.cases.map((c) => c.id),
      MMLU_FIXTURE.map((_, i) => `clinical_knowledge_test-${i + 1}`),
    );
    assert.ok(set.cases.every((c) => c.specialty === 'clinical_knowledge'));
    // Gold texts as the test reads them from the CSV itself, matched to each case by its options.
    const gold = mmluGold(file);
    assert.equal(gold.size, MMLU_FIXTURE.length);
    for (const c of set.cases) assert.equal(c.options[c.answer], gold.get(optionKey(Object.values(c.options))), c.id);
    assert.deepEqual(
      set.cases.map((c) => c.answer),
      ['C', 'A', 'A', 'B', 'C', 'B', 'D', 'B'],
      'the letters as written, " d" read as D',
    );
    assert.deepEqual(set.cases[1].options, {
      A: 'A shortened, externally rotated leg',
      B: 'A swollen knee',
      C: 'Pain on "straight leg raise"',
      D: 'Bruising of the forearm',
    });
    assert.equal(set.cases[1].vignette, 'After a fall, which finding suggests a broken hip?');
    assert.deepEqual(
      [set.cases[2].vignette, set.cases[2].question],
      ["A patient's oxygen saturation reads 85% on air.", 'Which first step is most appropriate?'],
    );
    // Lines are counted through the quoted line break of record 3.
    assert.deepEqual(
      set.cases.slice(3).map((c) => c.source.line),
      [5, 6, 7, 8, 9],
    );
  });

  it('imports a CSV of the real set with quoted fields and keeps answers', { skip: needs(MMLU_DATA) }, () => {
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
