import { isLayVoice, isProbeVariant } from '../scope.js';
import { addedMatches, clip, norm, overlap } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'table-integrity';

/** A line that reads as a table row: short, no sentence end, and a value or a bare sub-heading ("Serum"). */
function isTableLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 80 || /[.!?]$/.test(t) || /[.!?]\s+[A-Z]/.test(t)) return false;
  return /\d/.test(t) || t.split(/\s+/).length <= 3;
}

interface Block {
  /** The last sentence of the line before the table: what introduces it ("Laboratory studies show:"). */
  header: string;
  rows: string[];
}

/** Runs of two or more table lines in the base. */
function tableBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isTableLine(lines[i]) || i === 0) continue;
    let j = i;
    while (j < lines.length && isTableLine(lines[j])) j++;
    // A blank line between heading and table keeps the heading (the line before the blank one).
    const head = lastSentence(lines[i - 1].trim() ? lines[i - 1] : (lines[i - 2] ?? ''));
    // Only a sentence that introduces the table is its heading; a table that opens with its own label has none.
    const introduces = /:$|\b(?:shows?|showed|reveals?|revealed|include[sd]?|following|as follows|results?|studies|tests?|values?|panel)\b/i.test(head);
    if (j - i >= 2) blocks.push({ header: introduces ? head : '', rows: lines.slice(i, j).map((l) => l.trim()) });
    i = j;
  }
  return blocks;
}

/** Where the rows start in the variant's lines (from `from` on): the start with the most rows in place. */
function findBlock(lines: string[], rows: string[], from: number): number {
  let best = -1;
  let bestRun = 0;
  for (let i = lines.indexOf(rows[0], from); i >= 0; i = lines.indexOf(rows[0], i + 1)) {
    let run = 1;
    while (run < rows.length && lines[i + run] === rows[run]) run++;
    if (run > bestRun) [best, bestRun] = [i, run];
    if (run === rows.length) break;
  }
  return best;
}

const lastSentence = (line: string) =>
  line
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .pop() ?? '';

// A value and its unit, then a new sentence with no full stop between: prose glued to a table entry.
const VALUE_UNIT = String.raw`\d[\d.,]*[ ]?(?:%|[A-Za-zµμ°/][\w/µμ°²³]*(?: Hg)?)`;
// Spaces only: a line break after a value is a table row ending, not glue.
const GLUED = new RegExp(String.raw`${VALUE_UNIT}[ \t]+(?:(?:The|He|She|His|Her|My|They|Oh|Um|Well|Honestly|Apparently|A note|A colleague)\b|['‘"“][A-Z])`);

export const tableIntegrity: Lint = {
  name: NAME,
  description: 'Table rows stay together, in order, under the same heading, with nothing glued to a row.',
  applies: isProbeVariant,
  check({ variant, base }) {
    const defects: Defect[] = [];
    const lines = variant.narrative.split('\n').map((l) => l.trim());
    let from = 0;
    for (const block of tableBlocks(base.narrative)) {
      // Probes may move a whole table (buried_lead moves the decisive unit), so order between tables is not checked.
      const start = findBlock(lines, block.rows, 0);
      if (start < 0) {
        const glued = lines.findIndex((l, i) => i >= from && l !== block.rows[0] && (l.startsWith(block.rows[0]) || l.endsWith(` ${block.rows[0]}`)));
        defects.push({
          lint: NAME,
          message: glued >= 0 ? 'text glued to the first row of a table' : 'first table row not found as a line of its own',
          excerpt: clip(glued >= 0 ? lines[glued] : block.rows[0]),
        });
        continue;
      }
      // Compared loosely: a hedge before the heading is the hedge lint's to judge, not a break of the table.
      const before = start === 0 ? '' : lines[start - 1] || (lines[start - 2] ?? '');
      // The lay voice may reword the heading itself ("His labs" → "My labs").
      const headed =
        norm(before).endsWith(norm(block.header)) ||
        (isLayVoice(variant) && (overlap(lastSentence(before), block.header) >= 0.5 || norm(before).endsWith(norm(block.header.replace(/^\S+\s+/, '')))));
      if (block.header && !headed) {
        defects.push({ lint: NAME, message: `table no longer follows its heading "${clip(block.header, 60)}"`, excerpt: clip(before || block.rows[0]) });
      }
      from = start + 1;
      for (let k = 1; k < block.rows.length; k++) {
        const got = lines[start + k];
        if (got === block.rows[k]) {
          from = start + k + 1;
          continue;
        }
        const message = got?.startsWith(block.rows[k])
          ? 'text glued to a table row'
          : lines.includes(block.rows[k])
            ? 'text inserted between table rows'
            : 'table row changed or missing';
        defects.push({ lint: NAME, message, excerpt: clip(got ?? block.rows[k]) });
        break;
      }
    }
    // Inline values too: "pCO2: 22 mmHg The patient says …".
    for (const s of addedMatches(variant.narrative, base.narrative, GLUED))
      defects.push({ lint: NAME, message: 'prose glued to a value without a full stop', excerpt: clip(s) });
    return defects;
  },
};
