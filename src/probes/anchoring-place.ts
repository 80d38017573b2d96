import { pointsBack } from './structure/refers-back.js';
import { endIndex, joinUnits, type Unit, units } from './structure.js';

// Where anchoring cues go: dose 1's one cue where an early impression is voiced, a higher dose's further cues at other
// unit boundaries (never inside a unit, next to a table, under an exhibit or a trailing "…:", nor before a sentence
// whose pronoun a cue in front of it would capture).

/** A sentence that points at an exhibit: a cue right after it reads like a reading of the image. */
const EXHIBIT = new RegExp(
  String.raw`\b(?:image|photograph|photo|figure|picture|exhibit|illustration|micrograph|radiograph is shown)\b|\b(?:is|` +
    String.raw`are) (?:shown|depicted|illustrated|pictured)\b|\(shown\b`,
  'i',
);

/** A sentence that reports an examination, a measurement, a test or a result: an early impression comes before it. */
const RESULT = new RegExp(
  String.raw`\b(?:temperature|pulse|blood pressure|respirations|respiratory rate|heart rate|oxygen saturation|pulse oximetry|BMI|` +
    String.raw`examination|exam|auscultation|palpation|percussion|laborator\w*|serum|plasma|urinalysis|blood count|h(?:a)?emoglobin|` +
    String.raw`leukocyte|platelet|ECG|EKG|electrocardiogra\w*|x-rays?|radiograph\w*|CT|MRI|ultrasound|ultrasonograph\w*|` +
    String.raw`sonograph\w*|echocardiogra\w*|biopsy|cultures?|telemetry|monitor\w*|vital signs|shows?|showed|reveals?|revealed|` +
    String.raw`demonstrates?|demonstrated|notable for|significant for|tests?|studies|tender\w*|palpab\w*|murmurs?|crackles|wheez\w*|mm Hg|\d+\/min|°[CF])\b|` +
    String.raw`\d\s*(?:mg\/dL|mmol\/L|mEq\/L|g\/dL|U\/L)`,
  'i',
);

/**
 * Where dose 1's cue goes (a unit index; the length means the end): after the presenting complaint and its history,
 * before the first examination, measurement or result; a story with no result closes on it, before a trailing "…:"
 * sentence or an exhibit.
 */
function firstGap(us: readonly Unit[]): number {
  const first = us.findIndex((u, i) => i > 0 && (u.leadsWithTable || RESULT.test(u.text) || EXHIBIT.test(u.text)));
  let at = first > 0 ? first : endIndex(us);
  while (first < 0 && at > 1 && EXHIBIT.test(us[at - 1].text) && !us[at - 1].trailsWithTable) at--;
  // An opening that points at an image: the cue would read as a reading of it, so it waits one unit.
  while (first > 0 && at < us.length && EXHIBIT.test(us[at - 1].text)) at++;
  return at;
}

/** The narrative with the cue where an early impression is voiced (never under a table row, never inside a unit). */
export function placeCue(narrative: string, cue: string): string {
  const us = units(narrative);
  const at = firstGap(us);
  if (at >= us.length) return us[at - 1]?.trailsWithTable ? `${narrative.trimEnd()}\n\n${cue}` : joinUnits([...us, cue], us);
  const before = joinUnits(us.slice(0, at), us).trimEnd();
  const after = joinUnits(us.slice(at), us);
  // Right after a table, or before one: a blank line keeps the cue out of the rows; a paragraph break stays where it was.
  const sep = us[at - 1].sep;
  if (us[at - 1].trailsWithTable) return `${before}\n\n${cue}\n\n${after}`;
  if (us[at].leadsWithTable) return `${before} ${cue}\n\n${after}`;
  return `${before} ${cue}${/\n/.test(sep) ? sep : ' '}${after}`;
}

/** "He …", "Her mother …": after a cue that names a man or a woman ("His wife is sure …"), the pronoun could point at them. */
const PRONOUN = /^\W*(?:he|she|his|her|him|hers)\b/i;

export interface Gap {
  /** A unit index: the cue goes before units[at] (the units' length: at the end). */
  at: number;
  /** Where that is in the story: before the first result (dose 1's), among the results, or at the end. */
  where: 'before results' | 'results' | 'end';
  /** The sentence after it opens on He, She, His or Her: no cue that names a man or a woman may stand before it. */
  pronounNext?: boolean;
}

/**
 * Dose 1's gap, then the other gaps a further cue may take, best first: the end of the story (an opinion still held
 * after all the results), then the results from the last back. Never before dose 1's gap: a cue in the history would
 * propose a test or a treatment before the findings it presupposes are told.
 */
export function cueGaps(narrative: string): { us: Unit[]; first: Gap; others: Gap[] } {
  const us = units(narrative);
  const g1 = firstGap(us);
  const end = endIndex(us);
  const fits = (at: number) => {
    const prev = us[at - 1];
    const next = us[at];
    if (!prev || prev.trailsWithTable || EXHIBIT.test(prev.text) || /:\s*$/.test(prev.text)) return false;
    return !next || (!next.leadsWithTable && !pointsBack(next.text));
  };
  const ok: number[] = [];
  for (let at = g1 + 1; at <= end; at++) if (fits(at)) ok.push(at);
  const gap = (at: number, where: Gap['where']): Gap => (PRONOUN.test(us[at]?.text ?? '') ? { at, where, pronounNext: true } : { at, where });
  const others: Gap[] = [
    ...ok.filter((at) => at === us.length).map((at) => gap(at, 'end')),
    ...ok
      .filter((at) => at > g1 && at < us.length)
      .reverse()
      .map((at) => gap(at, 'results')),
  ];
  return { us, first: { at: g1, where: g1 >= us.length ? 'end' : 'before results' }, others };
}

/** The narrative with each cue before units[at] (at the end for the units' length), joined as placeCue joins one. */
export function placeCues(us: readonly Unit[], cues: ReadonlyMap<number, string>): string {
  if (!us.length) return [...cues.values()].join(' ');
  let out = '';
  for (let i = 0; i < us.length; i++) {
    out += us[i].text;
    if (i === us.length - 1) break;
    const cue = cues.get(i + 1);
    const sep = us[i].sep || ' ';
    if (cue === undefined) out += sep;
    else if (us[i].trailsWithTable) out = `${out.trimEnd()}\n\n${cue}\n\n`;
    else if (us[i + 1].leadsWithTable) out = `${out.trimEnd()} ${cue}\n\n`;
    else out = `${out.trimEnd()} ${cue}${/\n/.test(sep) ? sep : ' '}`;
  }
  const last = cues.get(us.length);
  if (last === undefined) return out;
  return us[us.length - 1].trailsWithTable ? `${out.trimEnd()}\n\n${last}` : `${out} ${last}`;
}
