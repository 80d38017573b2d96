import { nlp } from './nlp.js';

/** A word as compromise tags it, with its place in the text. */
export interface Term {
  text: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

/**
 * The text's terms with offsets. Same result as `nlp(text).json({ offset: true })`
 * at about half the cost: offsets are summed from each term's pre, text and post.
 */
export function terms(text: string): Term[] {
  // The same sentence recurs in every counterfactual and double-stress variant of a case: tag it once.
  const hit = memo.get(text);
  if (hit) return hit;
  const out = tag(text);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(text, out);
  return out;
}

const MEMO_SIZE = 20_000;
const memo = new Map<string, Term[]>();

function tag(text: string): Term[] {
  const out: Term[] = [];
  let pos = 0;
  for (const t of nlp(text).termList() as { text: string; pre: string; post: string; tags: Set<string> }[]) {
    pos += t.pre.length;
    out.push({ text: t.text, post: t.post, tags: [...t.tags], offset: { start: pos, length: t.text.length } });
    pos += t.text.length + t.post.length;
  }
  return out;
}
