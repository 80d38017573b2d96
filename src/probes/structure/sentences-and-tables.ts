/**
 * The narrative cut into pieces: prose lines into sentences, and runs of short
 * lines that read as a lab table kept line by line with their header, each with
 * its offsets in the narrative. units() (../structure.ts) groups them into units.
 */

export type PartKind = 'sentence' | 'table-header' | 'table-line';

/** A sentence or table line with its offsets in the narrative. */
export interface Piece {
  kind: PartKind;
  start: number;
  end: number;
  /** Whitespace after the piece, up to the next piece. */
  sep: string;
}

/** Words that end in "." without ending a sentence. Not "min" (…96/min. She…) nor "etc" (usually ends one). */
const ABBREVIATION = /(?:^|[^\p{L}.])(?:Dr|Drs|Mr|Mrs|Ms|Mx|Prof|Sr|Jr|St|Mt|vs|approx|ca|cf|al|No|Nos|Fig|Figs|Vol|pp|e\.g|i\.e|viz|incl)\.$/iu;
const TITLE = /(?:^|\s)(?:Dr|Drs|Mr|Mrs|Ms|Mx|Prof|St)\.\s*$/;
/** Frequent sentence openers: "…hepatitis C. His…" and "…Image A. The…" end a sentence; "John F. Kennedy" does not. */
const OPENERS = new Set(
  (
    'A An The He She His Her It Its They Their This These That Those There On In At After Before During Which ' +
    'What When While Physical Examination Laboratory Vital Patient Pulse Blood Temperature Respirations Heart ' +
    'Urine Serum Chest Abdominal Cranial Neurologic Cardiopulmonary Auscultation Review Results Both No Over Since ' +
    'Today Yesterday Two Three One Four Five Six Seven Eight Nine Ten'
  ).split(' '),
);

/** A capital letter and a period inside a name ("Dr. J. Smith", "John F. Kennedy"), not "hepatitis B." or "Image A.". */
function isInitial(before: string, next: string): boolean {
  const m = /(?:^|\s)(\S*)\s+\p{Lu}\.$/u.exec(before);
  if (!/(?:^|[\s(])\p{Lu}\.$/u.test(before)) return false;
  if (TITLE.test(before.slice(0, -2)) || /(?:^|\s)\p{Lu}\.\s+\p{Lu}\.$/u.test(before)) return true;
  const prev = m?.[1] ?? '';
  const nextWord = /^["'“‘(]?(\p{L}+)/u.exec(next)?.[1] ?? '';
  return /^\p{Lu}\p{Ll}+$/u.test(prev) && /^\p{Lu}\p{Ll}+$/u.test(nextWord) && !OPENERS.has(nextWord) && !OPENERS.has(prev);
}

/**
 * Cuts one line (no newlines) into sentences at ., ! or ? (plus closing quotes/brackets)
 * followed by white space and a capital, digit or opening quote; decimals, "/mm3",
 * abbreviations and initials do not end a sentence. Offsets are into `text`.
 */
function sentencesOf(text: string, from: number, to: number): Piece[] {
  const out: Piece[] = [];
  const line = text.slice(from, to);
  const re = /([.!?]["'”’)\]]*)(\s+)(?=["'“‘([]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const end = m.index + m[1].length;
    const before = line.slice(start, end);
    const next = line.slice(end + m[2].length);
    if (m[1] === '.' && (ABBREVIATION.test(before) || isInitial(before, next))) continue;
    out.push({ kind: 'sentence', start: from + start, end: from + end, sep: m[2] });
    start = end + m[2].length;
  }
  if (start < line.length) out.push({ kind: 'sentence', start: from + start, end: to, sep: '' });
  return out;
}

// ---------------------------------------------------------------------------
// Tables: runs of short lines that read as `name value unit`, `name: value` or a sub-header.

const VALUE_WORD = new RegExp(
  String.raw`\b(?:negative|positive|normal|abnormal|absent|present|trace|none|nonreactive|non-reactive|reactive|detected|` +
    String.raw`undetected|not detected|elevated|decreased|increased|low|high|clear|cloudy|yellow|amber|straw|turbid|rare|few|` +
    String.raw`many|occasional|moderate|large|small)\s*$`,
  'i',
);
const SENTENCE_END = /[.!?]["'”’)\]]*$/;
const words = (s: string) => (s.match(/\S+/g) ?? []).length;

/** A line with a value in it: digits, "name: value" or a result word ("Ketones negative"). */
function hasValue(line: string): boolean {
  return /\p{N}/u.test(line) || /:\s*\S/.test(line) || VALUE_WORD.test(line);
}

/** Could be a table line: one short clause with no sentence end. */
function tableShaped(line: string): boolean {
  if (SENTENCE_END.test(line) || words(line) > 14) return false;
  if (line.endsWith(':') && words(line) > 4) return false; // "Laboratory studies show:" is a header sentence
  return sentencesOf(line, 0, line.length).length === 1;
}

const INTRODUCES_TABLE = new RegExp(
  String.raw`\b(?:show|shows|showed|shown|reveal|reveals|revealed|demonstrate|demonstrates|demonstrated|below|following|` +
    String.raw`as follows|include|includes|included|significant for|notable for|remarkable for|results?|values|studies|panel|` +
    String.raw`profile)\b[^.!?]*[.!?]?$`,
  'i',
);

/** The sentence just before a table introduces it ("Laboratory studies show:", "…are shown below."). */
function introducesTable(sentence: string): boolean {
  const s = sentence.trim();
  return /:$/.test(s) || INTRODUCES_TABLE.test(s);
}

interface Line {
  start: number;
  end: number;
  sep: string;
}

/** Splits the text between `from` and `to` into lines; the separator is the whole white-space run holding the line break(s). */
function linesOf(text: string, from: number, to: number): Line[] {
  const out: Line[] = [];
  const re = /\s*\n\s*/g;
  re.lastIndex = from;
  let start = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    out.push({ start, end: m.index, sep: m[0] });
    start = m.index + m[0].length;
  }
  out.push({ start, end: to, sep: '' });
  return out;
}

/** All pieces of the narrative body [from, to): prose lines cut into sentences, table runs kept line by line. */
export function piecesOf(text: string, from: number, to: number): Piece[] {
  const lines = linesOf(text, from, to);
  const shaped = lines.map((l) => tableShaped(text.slice(l.start, l.end)));
  const pieces: Piece[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!shaped[i]) {
      pushProse(text, lines[i], pieces);
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && shaped[j]) j++;
    const run = lines.slice(i, j);
    const valued = run.filter((l) => hasValue(text.slice(l.start, l.end))).length;
    const prev = pieces[pieces.length - 1];
    const introduced = prev !== undefined && prev.kind === 'sentence' && introducesTable(text.slice(prev.start, prev.end));
    if (valued >= 2 || (valued === 1 && introduced)) {
      if (introduced) prev.kind = 'table-header';
      run.forEach((l, k) => {
        // Without an introducing sentence, a first line with no value ("Results:", "Laboratory test") heads the table.
        const heads = k === 0 && !introduced && !hasValue(text.slice(l.start, l.end));
        pieces.push({ kind: heads ? 'table-header' : 'table-line', start: l.start, end: l.end, sep: l.sep });
      });
    } else {
      for (const l of run) pushProse(text, l, pieces);
    }
    i = j;
  }
  return pieces;
}

function pushProse(text: string, line: Line, pieces: Piece[]) {
  const ss = sentencesOf(text, line.start, line.end);
  if (ss.length) ss[ss.length - 1].sep = line.sep;
  pieces.push(...ss);
}
