import { piecesOf, type PartKind, type Piece } from './structure/sentences-and-tables.js';
import { refersBack } from './structure/refers-back.js';

/**
 * A narrative cut into units that probes may move or insert between, never split:
 * - a sentence;
 * - a lab table (a run of `name value unit` / `name: value` lines) together with its header sentence;
 * - a sentence that refers back (time anchor or leading pronoun) joined to what it follows.
 */
export interface Unit {
  /** Verbatim text of the unit (may hold newlines inside a table). */
  text: string;
  /** The unit's sentences and table lines in order. */
  parts: Part[];
  /** Separator that followed this unit in the original text ('' for the last). */
  sep: string;
  /** The unit starts / ends with a table line: joins to neighbours need a line break. */
  leadsWithTable: boolean;
  trailsWithTable: boolean;
}

export interface Part {
  kind: PartKind;
  text: string;
}

/** Narrative → units; lossless: `joinUnits(units(t), units(t)) === t`. Blank text gives no units. */
export function units(narrative: string): Unit[] {
  const from = narrative.length - narrative.trimStart().length;
  const to = narrative.trimEnd().length;
  if (to <= from) return [];
  const pieces = piecesOf(narrative, from, to);
  const groups: Piece[][] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    const last = groups[groups.length - 1];
    const prev = pieces[i - 1];
    // A table line stays with its table; a header opens one; a back-referring sentence joins what it follows.
    const joins =
      last !== undefined &&
      ((p.kind === 'table-line' && prev.kind !== 'sentence') ||
        (p.kind !== 'table-line' && refersBack(narrative.slice(p.start, p.end), narrative.slice(prev.start, prev.end))));
    if (joins) last.push(p);
    else groups.push([p]);
  }
  return groups.map((g, k) => {
    const first = g[0];
    const last = g[g.length - 1];
    const start = k === 0 ? 0 : first.start;
    const end = k === groups.length - 1 ? narrative.length : last.end;
    return {
      text: narrative.slice(start, end),
      parts: g.map((p) => ({ kind: p.kind, text: narrative.slice(p.start, p.end) })),
      sep: k === groups.length - 1 ? '' : last.sep,
      // A bare label heading ("Laboratory test") is a table row too: nothing may be glued before it.
      leadsWithTable: first.kind === 'table-line' || (first.kind === 'table-header' && !/[:.!?]\s*$/.test(narrative.slice(first.start, first.end))),
      trailsWithTable: last.kind === 'table-line',
    };
  });
}

/** Joins units (original or inserted) back into text: original separators between original neighbours, a line break next to a table, else a space. */
export function joinUnits(list: readonly (Unit | string)[], original?: readonly Unit[]): string {
  let out = '';
  list.forEach((item, i) => {
    if (i > 0) {
      const left = list[i - 1];
      const at = original && typeof left !== 'string' && typeof item !== 'string' ? neighbours(original, left, item) : -1;
      if (at >= 0) out += original![at].sep || ' ';
      else if ((typeof left !== 'string' && left.trailsWithTable) || (typeof item !== 'string' && item.leadsWithTable)) out += '\n';
      else out += ' ';
    }
    out += typeof item === 'string' ? item : item.text;
  });
  return out;
}

/** Where `left` is directly followed by `right` in `original`, or -1; a unit from another `units()` call of the same text counts as the same unit. */
function neighbours(original: readonly Unit[], left: Unit, right: Unit): number {
  const same = (a: Unit, b: Unit) => a === b || (a.text === b.text && a.sep === b.sep);
  const at = original.indexOf(left);
  if (at >= 0) return original[at + 1] === right ? at : -1;
  for (let i = 0; i + 1 < original.length; i++) if (same(original[i], left) && same(original[i + 1], right)) return i;
  return -1;
}

/**
 * Where text added "at the end" goes: after the last unit, unless the narrative
 * ends on a sentence that introduces what follows it (a trailing "…:" that the
 * question completes) or on a lab table; then before that unit.
 */
export function endIndex(list: readonly Unit[]): number {
  const last = list[list.length - 1];
  // Nor after a closing lab table: a sentence under its last row reads as one more row.
  return list.length > 1 && last && (last.trailsWithTable || /:\s*$/.test(last.text)) ? list.length - 1 : list.length;
}
