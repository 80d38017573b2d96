import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { normaliseText } from '../../src/cases/normalise.js';
import { MEDQA, tempDir } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';

// Cyrillic а (U+0430), е (U+0435), і (U+0456), ѕ (U+0455), Н (U+041D), written as escapes so the disguise is visible here.
const CYR = { a: '\u0430', e: '\u0435', i: '\u0456', s: '\u0455', H: '\u041D' };
const CYRILLIC = /\p{Script=Cyrillic}/u;

describe('normaliseText', () => {
  it('maps look-alike letters inside English words to Latin', () => {
    const r = normaliseText(`A 43-year-old m${CYR.a}n has p${CYR.a}in in h${CYR.i}s l${CYR.e}gs.`);
    assert.equal(r.text, 'A 43-year-old man has pain in his legs.');
    assert.equal(r.mapped, 4);
    assert.deepEqual(r.mixed, []);
  });
  it('maps wholly Cyrillic short words only in a text that already disguises words', () => {
    const he = `${CYR.H}${CYR.e}`;
    assert.equal(normaliseText(`${he} h${CYR.a}s pain.`, true).text, 'He has pain.');
    const plain = normaliseText(`${he} has pain.`);
    assert.equal(plain.text, `${he} has pain.`, 'not disguised elsewhere: left as written');
    assert.deepEqual(plain.foreign, [he], 'and reported');
  });
  it('leaves Greek letters that medicine writes as Greek', () => {
    const text = 'Start a β-blocker; TNF-α and IFNγ are high, κ light chains 20 μg/mL, ΔF508.';
    assert.equal(normaliseText(text, true).text, text);
  });
  it('applies NFKC but keeps superscripts, the micro sign and ordinal indicators', () => {
    assert.equal(normaliseText('ｆｅｖｅｒ of 38℃, 10⁹/L, 16,000/mm³, 37.1ºC, 5 µg, ﬁbrosis').text, 'fever of 38°C, 10⁹/L, 16,000/mm³, 37.1ºC, 5 µg, fibrosis');
  });
  it('keeps Latin letters with accents', () => {
    assert.equal(normaliseText(`Sjögren café naïve Crigler–Najjar p${CYR.a}in`).text, 'Sjögren café naïve Crigler–Najjar pain');
  });
});

describe('loadCases normalises and warns', () => {
  it('maps a disguised record and records a warning for what it cannot map', () => {
    const dir = tempDir();
    const file = join(dir, 'cases.jsonl');
    const rec = (question: string, idx: number) => JSON.stringify({ question, options: { A: 'One', B: 'Two' }, answer_idx: 'A', realidx: idx });
    writeFileSync(
      file,
      [
        rec(`A 30-year-old m${CYR.a}n. ${CYR.H}${CYR.e} h${CYR.a}${CYR.s} pain. Which drug?`, 1),
        rec('A 30-year-old man takes a \u043A receptor agonist. Which drug?', 2),
        rec('A 30-year-old man has pain. Which drug?', 3),
      ].join('\n'),
    );
    const set = loadCases({ path: file });
    assert.equal(set.cases[0].vignette, 'A 30-year-old man. He has pain.');
    assert.doesNotMatch(set.cases[0].vignette, CYRILLIC);
    assert.equal(set.cases.length, 3, 'a case left with Cyrillic is kept');
    assert.deepEqual(
      set.warnings?.map((w) => [w.file, w.line]),
      [[file, 2]],
    );
    assert.match(set.warnings![0].reason, /Cyrillic/);
  });
  it('leaves the built-in bank as written', () => {
    const set = loadCases({});
    assert.deepEqual(set.warnings, []);
    assert.ok(
      set.cases.some((c) => c.vignette.includes('µ')),
      'the micro sign is kept, so authors’ key facts still match',
    );
  });
});

describe('MedQA look-alikes (real data in ../shared/data)', () => {
  it('maps every disguised word in the first 500 cases and warns only where a Cyrillic letter stands for Greek', { skip: needs(MEDQA_DATA) }, (t) => {
    const raw = readFileSync(MEDQA, 'utf8')
      .trim()
      .split('\n')
      .slice(0, 500)
      .map((l) => JSON.parse(l) as { question: string });
    const mixed = /\p{Script=Latin}\p{Script=Cyrillic}|\p{Script=Cyrillic}\p{Script=Latin}/u;
    const disguised = raw.map((r, i) => (mixed.test(r.question) ? i + 1 : 0)).filter(Boolean);
    const set = loadCases({ path: MEDQA, limit: 500 });
    const after = set.cases.filter((c) => CYRILLIC.test([c.vignette, c.question, ...Object.values(c.options)].join(' '))).map((c) => c.source.line);
    t.diagnostic(`disguised records at lines ${disguised.join(', ')}; Cyrillic left at ${after.join(', ') || 'none'}`);
    assert.ok(disguised.length >= 1);
    for (const line of disguised) assert.ok(!after.includes(line), `line ${line} still holds Cyrillic`);
    assert.deepEqual(
      set.warnings?.map((w) => w.line),
      after,
      'every case left with Cyrillic is reported, and only those',
    );
  });
});
