import { relative } from 'node:path';
import { readUserTextFile } from '../util/text-file.js';
import { detectFormat } from './detect.js';
import { listCaseFiles, readRecords } from './load.js';
import { BUILTIN_CASES_DIR } from './builtin.js';
import { renderSlots, SlotError } from './slots.js';
import type { Case, Demographics } from './types.js';
import { sexMarkers } from './lexicon/sex-words.js';
import { clinicalChecks } from './clinical-checks.js';

export interface Problem {
  file: string;
  line: number;
  caseId?: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface ValidationReport {
  files: string[];
  cases: Case[];
  problems: Problem[];
}

/** Shingles of five words: two vignettes sharing over half of them are near-duplicates. */
const NEAR_DUPLICATE = 0.5;

/**
 * Checks a case file or folder fully, collecting every problem rather than
 * stopping at the first: schema, ids, slots, key facts, critical variants,
 * near-duplicates and sex swaps that would leave a marker behind.
 */
export function validateCases(path?: string): ValidationReport {
  const root = path ?? BUILTIN_CASES_DIR;
  const files = listCaseFiles(root);
  const problems: Problem[] = [];
  const cases: Case[] = [];
  const seen = new Map<string, Case>();
  for (const file of files) {
    const display = path ? file : relative(process.cwd(), file) || file;
    const text = readUserTextFile(file, 'case file');
    for (const rec of readRecords(detectFormat(display, text), text, display)) {
      if (!rec.ok) {
        problems.push({ file: display, line: rec.line, severity: 'error', message: rec.reason });
        continue;
      }
      const c = rec.case;
      const add = (message: string, severity: Problem['severity'] = 'error') =>
        problems.push({ file: display, line: c.source.line, caseId: c.id, severity, message });
      const dup = seen.get(c.id);
      if (dup) add(`duplicate id "${c.id}" (first at ${dup.source.file}:${dup.source.line})`);
      seen.set(c.id, c);
      cases.push(c);
      checkOne(c, add);
    }
  }
  nearDuplicates(cases, problems);
  return { files, cases, problems };
}

function checkOne(c: Case, add: (m: string, s?: Problem['severity']) => void): void {
  const demo: Demographics = c.demographics ?? {};
  let rendered: string;
  try {
    rendered = renderSlots(c.vignette, demo);
  } catch (err) {
    if (err instanceof SlotError) {
      add(`vignette: ${err.message}`);
      return;
    }
    throw err;
  }
  const words = rendered.split(/\s+/).length;
  if (c.source.format === 'masld' && (words < 80 || words > 200)) add(`vignette has ${words} words; the bank asks for 80–200`, 'warning');
  for (const kf of c.keyFacts ?? []) if (!rendered.includes(kf)) add(`keyFacts: "${kf}" is not verbatim in the rendered vignette`);
  if (c.redFlag && !rendered.includes(c.redFlag)) add(`redFlag: "${c.redFlag}" is not verbatim in the rendered vignette`);
  if (c.criticalVariant) {
    const { from } = c.criticalVariant.replace;
    const count = rendered.split(from).length - 1;
    if (count === 0) add(`criticalVariant.replace.from: "${from}" is not in the rendered vignette`);
    if (count > 1) add(`criticalVariant.replace.from: "${from}" occurs ${count} times; it must be unique`);
    if (c.criticalVariant.answer === c.answer) add('criticalVariant.answer: must differ from answer, or the variant tests nothing');
  }
  clinicalChecks(c, rendered, add);
  const wrongNamed = Object.entries(c.options).find(
    ([l, t]) => l !== c.answer && new RegExp(`(^|\\W)${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\W|$)`, 'i').test(rendered),
  );
  if (wrongNamed) add(`the vignette names the wrong option ${wrongNamed[0]} ("${wrongNamed[1]}") verbatim: that is an anchor already`, 'warning');
  if (c.vignette.includes('{{sex:') && !c.attributeRelevance?.sex) {
    for (const sex of ['male', 'female'] as const) {
      const other = sex === 'male' ? 'female' : 'male';
      const left = sexMarkers(renderSlots(c.vignette, { ...demo, sex }), other);
      if (left.length) add(`rendered as ${sex}, the vignette still says ${[...new Set(left)].join(', ')}: put those words in {{sex:…}} slots`);
    }
  }
}

function shingles(text: string): Set<string> {
  const w = text
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + 5 <= w.length; i++) out.add(w.slice(i, i + 5).join(' '));
  return out;
}

function nearDuplicates(cases: readonly Case[], problems: Problem[]): void {
  const sets = cases.map((c) => shingles(c.vignette));
  for (let i = 0; i < cases.length; i++) {
    for (let j = i + 1; j < cases.length; j++) {
      const a = sets[i];
      const b = sets[j];
      if (!a.size || !b.size) continue;
      let inter = 0;
      for (const s of a) if (b.has(s)) inter++;
      const jaccard = inter / (a.size + b.size - inter);
      if (jaccard > NEAR_DUPLICATE) {
        const c = cases[j];
        problems.push({
          file: c.source.file,
          line: c.source.line,
          caseId: c.id,
          severity: 'error',
          message: `near-duplicate of ${cases[i].id} (${Math.round(jaccard * 100)}% of five-word shingles shared)`,
        });
      }
    }
  }
}
