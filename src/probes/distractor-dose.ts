import type { Thread } from './banks.js';
import { DEFAULT_DOSES } from './dose.js';
import type { Segment } from './distractor-voice.js';
import { wordCount } from './text.js';

/** The threads taken so far for one case, and where in the shuffled order the next one is read. */
export interface Pick {
  order: readonly Thread[];
  next: number;
  taken: Segment[];
  groups: Set<string>;
  marks: Set<string>;
  /** Words of the beats taken (unfilled). */
  words: number;
  fill: (beat: string) => string;
  /** Beats a higher dose leaves out (round 13: a line heard through the wall reads as a sign); a thread whose first beat is one is skipped. */
  drop?: RegExp;
}

export const MAX_THREADS = 3;
/** The beats of dose 1 carry about TARGET× the story; the brief frames bring the whole to about 2×. */
export const TARGET = 0.9;
/** Below this share of a dose's extra length the bank has run dry for the case: ineligible at that dose. */
const SHORTFALL = 0.6;

/** Takes threads in order until the beats reach `target` words or `max` threads are taken. */
export function take(s: Pick, target: number, max: number): void {
  while (s.next < s.order.length) {
    if (s.words >= target || s.taken.length >= max) break;
    const thread = s.order[s.next++];
    const told = s.drop ? thread.beats.filter((b) => !s.drop!.test(b)) : thread.beats;
    if (s.drop && (told[0] !== thread.beats[0] || told.length < 2)) continue;
    // One thread per group: a bus, a taxi and a car in one story contradict each other.
    if (thread.group && s.groups.has(thread.group)) continue;
    // No kin word or object in two threads of one story (round 10: "my cousin" in every thread, a spare key in two).
    const own = motifs(thread);
    if (own.some((m) => s.marks.has(m))) continue;
    if (thread.group) s.groups.add(thread.group);
    for (const m of own) s.marks.add(m);
    const beats: string[] = [];
    for (const b of told) {
      // A tangent once begun gets at least two beats: one line of a story is a remark, not a tangent.
      if (s.words >= target && beats.length >= 2) break;
      beats.push(s.fill(b));
      s.words += wordCount(b);
    }
    s.taken.push({ thread, beats });
  }
}

export interface Inserted {
  after: number;
  text: string;
  thread: string;
  beats: number;
}

/** Passages at any one place at doses 2 and 4, dose 1's included (round 13: up to eight stacked back to back). */
export const PER_PLACE = 2;

/**
 * Doses above 1 keep dose 1's passages and add further threads from the same order, stage by stage (dose 4 is dose 2
 * and more), each told in one passage after the history place holding the fewest passages so far (the earliest on a tie),
 * behind those already there: what a lower dose inserted stays, word for word and in place. No place holds more than
 * PER_PLACE passages, and the places before the unit `reason` (a bare opening's reason for the visit) hold one at most.
 */
export function extend(
  s: Pick,
  dose: number,
  storyWords: number,
  inserted: Inserted[],
  history: readonly number[],
  reason: number,
  tell: (seg: Segment, after: number) => string,
) {
  const stages = [...new Set([...DEFAULT_DOSES.filter((d) => d > 1 && d < dose), dose])];
  const count = (i: number) => inserted.filter((x) => x.after === i).length;
  const early = () => inserted.filter((x) => x.after < reason).length;
  const open = () => history.filter((i) => count(i) < PER_PLACE && (i >= reason || early() === 0));
  const room = () => {
    const free = open();
    const late = free.filter((i) => i >= reason).reduce((n, i) => n + PER_PLACE - count(i), 0);
    return late + (free.some((i) => i < reason) ? 1 : 0);
  };
  for (const d of stages) {
    const from = s.taken.length;
    take(s, TARGET * d * storyWords, Math.min(MAX_THREADS * d, from + room()));
    for (const seg of s.taken.slice(from)) {
      const free = open();
      const after = free.reduce((best, i) => (count(i) < count(best) ? i : best), free[0]);
      inserted.push({ after, text: tell(seg, after), thread: seg.thread.id, beats: seg.beats.length });
    }
  }
}

/** The extra length a dose reached, as a share of the story, and whether it falls too far short of the dose. */
export function extraLength(before: string, after: string, dose: number): { extra: number; short: boolean } {
  const extra = Math.round((100 * (wordCount(after) - wordCount(before))) / wordCount(before)) / 100;
  return { extra, short: extra < SHORTFALL * dose };
}

/** Kin and objects a thread's beats name: two threads of one story share none. */
const MOTIF = new RegExp(
  String.raw`\b(?:(?:second |great-)?(cousin|aunt|uncle|godmother|godfather|grandparent|friend|neighbou?r|niece|nephew)s?|` +
    String.raw`(keys?|car|phone|forms?|email|wallet|coat|bag|charger|label|reception|desk|folder|paperwork|` +
    String.raw`photo(?:graph)?s?|album|group chat|committee|hall|club|videos?|recordings?|tickets?))\b`,
  'gi',
);
const motifs = (t: Thread) => [
  ...new Set(
    [...t.beats.join(' ').matchAll(MOTIF)].map((m) =>
      (m[1] ?? m[2])
        .toLowerCase()
        .replace(/(?<!s)s$/, '')
        .replace('neighbor', 'neighbour'),
    ),
  ),
];
