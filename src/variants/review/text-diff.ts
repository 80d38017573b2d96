import { wordDiff } from '../../report/diff.js';

/**
 * One step of a compact word diff from a base text to a variant text, so a
 * page can hold thousands of variants without repeating their shared text:
 *   n > 0     n characters of the base, unchanged
 *   n < 0     -n characters of the base, removed (shown struck through)
 *   [i]       strings[i] added (shown highlighted)
 *   [i, k]    strings[i] unchanged but for whitespace; the base moves on k characters
 * Added strings are interned: the same inserted sentence under every
 * counterfactual of a case is stored once.
 */
export type DiffOp = number | [number] | [number, number];

export class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** How many characters of `base` from `at` hold `text`, whitespace runs matched loosely; -1 when they do not. */
function looseLength(base: string, at: number, text: string): number {
  let i = 0;
  let j = at;
  while (i < text.length) {
    if (isSpace(text[i])) {
      while (isSpace(text[i])) i++;
      while (isSpace(base[j])) j++;
    } else if (base[j] === text[i]) {
      i++;
      j++;
    } else if (isSpace(base[j])) {
      while (isSpace(base[j])) j++;
    } else return -1;
  }
  return j - at;
}

/** Rebuilds the variant text from the base and the ops (what the page does). */
function applyOps(base: string, ops: readonly DiffOp[], strings: readonly string[]): { before: string; after: string } {
  let before = '';
  let after = '';
  let at = 0;
  for (const op of ops) {
    if (typeof op === 'number') {
      const s = base.slice(at, at + Math.abs(op));
      before += s;
      if (op > 0) after += s;
      at += Math.abs(op);
    } else {
      after += strings[op[0]];
      const skip = op[1];
      if (skip !== undefined) {
        before += base.slice(at, at + skip);
        at += skip;
      }
    }
  }
  return { before, after };
}

/**
 * The word diff (wordDiff, computed here in Node) from `base` to `text` as ops.
 * The diff ignores whitespace changes, so unchanged runs are re-aligned on the
 * base; the result is verified, and when it cannot be aligned the whole text
 * is shown as replaced (`exact` false), never wrong.
 */
export function encodeDiff(base: string, text: string, table: StringTable): { ops: DiffOp[]; exact: boolean } {
  if (base === text) return { ops: base ? [base.length] : [], exact: true };
  // Ops over a local list of strings first; interned only once verified, so a failed alignment leaves nothing behind.
  const local: string[] = [];
  const add = (s: string) => local.push(s) - 1;
  const ops: DiffOp[] = [];
  let at = 0;
  let ok = true;
  for (const part of wordDiff(base, text)) {
    if (!part.text) continue;
    if (part.kind === 'added') {
      ops.push([add(part.text)]);
      continue;
    }
    const exact = base.startsWith(part.text, at);
    const n = exact ? part.text.length : looseLength(base, at, part.text);
    if (n < 0) {
      ok = false;
      break;
    }
    if (part.kind === 'removed') ops.push(-n);
    else ops.push(exact ? n : [add(part.text), n]);
    at += n;
  }
  if (ok && at < base.length) {
    const rest = base.slice(at);
    ops.push(/^\s+$/.test(rest) ? [add(''), rest.length] : -rest.length);
  }
  if (ok) {
    const back = applyOps(base, ops, local);
    if (back.before === base && back.after === text) {
      return {
        ops: ops.map((op) => (typeof op === 'number' ? op : op.length > 1 ? [table.intern(local[op[0]]), op[1]!] : [table.intern(local[op[0]])])) as DiffOp[],
        exact: true,
      };
    }
  }
  const whole: DiffOp[] = [];
  if (base) whole.push(-base.length);
  if (text) whole.push([table.intern(text)]);
  return { ops: whole, exact: false };
}
