import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../support/cli.js';

/*
 * RELIABILITY.md rows read `| promise | citations |`, where citations are
 * `test/…/x.test.ts`, optionally followed by `› title` (several titles of the same
 * file as `› a; › b`). A title may be abbreviated: the cited text, less a trailing
 * `…`, must occur in an it()/describe() title of that file.
 */

interface Citation {
  file: string;
  title: string | null;
}
interface Row {
  line: number;
  promise: string;
  citations: Citation[];
  problems: string[];
}

function parseReliability(md: string): Row[] {
  const rows: Row[] = [];
  md.split('\n').forEach((text, i) => {
    if (!text.startsWith('|') || /^\|\s*-/.test(text) || /^\|\s*promise\s*\|/.test(text)) return;
    const cells = text.replace(/^\||\|\s*$/g, '').split(/(?<!\\)\|/);
    const cell = cells.at(-1)!.trim();
    const row: Row = { line: i + 1, promise: cells.slice(0, -1).join('|').trim().slice(0, 70), citations: [], problems: [] };
    const tokens = [...cell.matchAll(/`([^`]+)`|›/g)];
    let file: string | null = null;
    tokens.forEach((t, k) => {
      if (t[1] !== undefined) {
        file = t[1];
        if (!/^test\/.+\.test\.ts$/.test(file)) row.problems.push(`\`${file}\` is not a test file path`);
        row.citations.push({ file, title: null });
        return;
      }
      const end = k + 1 < tokens.length ? tokens[k + 1].index : cell.length;
      const title = cell
        .slice(t.index + 1, end)
        .trim()
        .replace(/[;,]\s*$/, '')
        .replace(/(…|\.\.\.)$/, '')
        .trim();
      if (!file) row.problems.push(`"› ${title}" names no file before it`);
      else if (!title) row.problems.push(`an empty "›" after \`${file}\``);
      else {
        // `file` › title replaces the bare `file` citation it follows.
        const last = row.citations.at(-1);
        if (last && last.file === file && last.title === null) row.citations.pop();
        row.citations.push({ file, title });
      }
    });
    if (!row.citations.length) row.problems.push(`cites no test ("${cell}")`);
    rows.push(row);
  });
  return rows;
}

const WILD = Symbol('wild');
type Pattern = (string | typeof WILD)[];

/** it()/describe()/test() titles of a test file; `${…}` in a template title matches anything. */
function testTitles(source: string): Pattern[] {
  const out: Pattern[] = [];
  const call = /(?<![.\w])(?:it|describe|test)(?:\.(?:skip|only|todo))?\(\s*(['"`])/g;
  for (let m: RegExpExecArray | null; (m = call.exec(source)); ) {
    const quote = m[1];
    const pattern: Pattern = [];
    let i = call.lastIndex;
    for (; i < source.length && source[i] !== quote; i++) {
      if (source[i] === '\\') pattern.push(source[++i]);
      else if (quote === '`' && source.startsWith('${', i)) {
        let depth = 0;
        for (; i < source.length; i++) {
          if (source[i] === '{') depth++;
          else if (source[i] === '}' && --depth === 0) break;
        }
        pattern.push(WILD);
      } else pattern.push(source[i]);
    }
    out.push(pattern);
  }
  return out;
}

const norm = (c: string) => c.toLowerCase().replace(/\s+/g, ' ');

/** Whether `cited` occurs in some instance of the title (wildcards stand for any text). */
function titleHas(title: Pattern, cited: string): boolean {
  const t = title.map((c) => (c === WILD ? c : norm(c)));
  const want = norm(cited);
  const memo = new Map<string, boolean>();
  const from = (ci: number, ti: number): boolean => {
    if (ci === want.length) return true;
    if (ti === t.length) return false;
    const key = `${ci},${ti}`;
    if (!memo.has(key)) memo.set(key, t[ti] === WILD ? from(ci + 1, ti) || from(ci, ti + 1) : t[ti] === want[ci] && from(ci + 1, ti + 1));
    return memo.get(key)!;
  };
  return want.length === 0 || t.some((_, ti) => from(0, ti));
}

function checkRows(rows: Row[], root: string): string[] {
  const missing: string[] = [];
  const titles = new Map<string, Pattern[]>();
  for (const row of rows) {
    const at = `RELIABILITY.md:${row.line} (${row.promise}…)`;
    for (const p of row.problems) missing.push(`${at}: ${p}`);
    for (const c of row.citations) {
      const path = join(root, c.file);
      if (!existsSync(path)) {
        missing.push(`${at}: ${c.file} does not exist`);
        continue;
      }
      if (!titles.has(c.file)) titles.set(c.file, testTitles(readFileSync(path, 'utf8')));
      if (c.title && !titles.get(c.file)!.some((t) => titleHas(t, c.title!))) missing.push(`${at}: no test in ${c.file} is titled "${c.title}"`);
    }
  }
  return missing;
}

describe('RELIABILITY.md', () => {
  it('every promise cites a test file that exists and test titles that exist in it', () => {
    const rows = parseReliability(readFileSync(join(ROOT, 'RELIABILITY.md'), 'utf8'));
    assert.ok(rows.length >= 15, `read ${rows.length} rows`);
    const missing = checkRows(rows, ROOT);
    assert.deepEqual(missing, [], `missing citations:\n${missing.join('\n')}`);
  });

  it('the checker reads abbreviations, several titles per file and template titles, and reports what is missing', () => {
    const md = [
      '| promise | test |',
      '|---|---|',
      '| a | `test/reliability/lock-kills.test.ts` › 50 SIGKILLs at random moments; › a second audit is refused while… |',
      '| b | `test/models/retries.test.ts` › retries through the anthropic provider; `test/store/lock.test.ts` |',
      '| c | `test/nowhere/x.test.ts` › y; `test/store/lock.test.ts` › a title nobody wrote |',
      '| d | same tests |',
    ].join('\n');
    const rows = parseReliability(md);
    assert.deepEqual(
      rows.map((r) => r.citations.length),
      [2, 2, 2, 0],
    );
    assert.deepEqual(
      rows[0].citations.map((c) => c.title),
      ['50 SIGKILLs at random moments', 'a second audit is refused while'],
    );
    const missing = checkRows(rows, ROOT);
    assert.equal(missing.length, 3, missing.join('\n'));
    assert.match(missing[0], /:5 .*test\/nowhere\/x\.test\.ts does not exist/);
    assert.match(missing[1], /:5 .*no test in test\/store\/lock\.test\.ts is titled "a title nobody wrote"/);
    assert.match(missing[2], /:6 .*cites no test/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a test title written as a template literal is the input
    assert.equal(titleHas(testTitles('it(`${fault} → ${kind}, retryable`')[0], 'reset → network, retryable'), true);
    assert.equal(titleHas(testTitles("it('don\\'t stop'")[0], "don't"), true);
    assert.equal(titleHas(testTitles("it('abc'")[0], 'abd'), false);
  });
});
