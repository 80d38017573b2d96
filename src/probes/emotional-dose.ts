import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Phrase } from './banks.js';
import { topicsOf } from './emotional-topics.js';
import { laterPlaces, type LaterPlace } from './emotional-place.js';
import { AGE_BANDS, SETTINGS, SPEAKERS } from './profile.js';
import { joinUnits, type Unit } from './structure.js';
import type { Ineligible, ProbeInput, ProbeOutput } from './types.js';
import { Rng } from '../util/rng.js';

/**
 * Doses above 1 (issue 22): the same speaker keeps up the pressure later in the telling. Dose 2 adds one later
 * passage (a renewed, sharper demand or a complaint about waiting), where the history ends before the findings,
 * else at the first open place among the examination findings; dose 4 adds two more at other open places, so the
 * pressure runs through the story. Each is one sentence from the style's `later` lines (data/probes/emotional.yaml),
 * fitted as dose 1's lines are; among the findings only a line that asks nothing about the news (it would read as a
 * reaction to a result). No two passages share a turn of phrase or an apology or plea for patience said twice.
 */

/** A filled line: its template, its text and whether it names the complaint. */
export interface Line {
  template: string;
  text: string;
  names: boolean;
}

/** What dose 1 made and knows, for the later passages. */
export interface Single {
  out: ProbeOutput;
  us: Unit[];
  after: number;
  style: string;
  usable: (xs: readonly Phrase[], away?: boolean) => Line[];
  notPatient: boolean;
  /** Dose 1's opener and demand templates. */
  first: string[];
}

/** How many later passages each dose adds to dose 1's: at most, and at least (where the story has too few places). */
const LATER: Record<number, number> = { 2: 1, 4: 3 };
const LEAST: Record<number, number> = { 2: 1, 4: 2 };

let cached: Record<string, Phrase[]> | undefined;
/** Each style's `later` lines, tags checked as banks.ts checks them. */
export function laterLines(): Record<string, Phrase[]> {
  if (cached) return cached;
  const raw = parse(readFileSync(fileURLToPath(new URL('../../data/probes/emotional.yaml', import.meta.url)), 'utf8')) as Record<string, { later?: Phrase[] }>;
  const allowed = { ages: AGE_BANDS, speakers: SPEAKERS, settings: SETTINGS } as Record<string, readonly string[]>;
  cached = Object.fromEntries(
    Object.entries(raw).map(([style, s]) => [
      style,
      (s.later ?? []).map((p, i) => {
        for (const [k, v] of Object.entries(p))
          if (k !== 'text' && !(allowed[k] && (v as string[]).every((x) => allowed[k].includes(x))))
            throw new Error(`emotional.yaml: ${style}.later[${i}]: bad tag ${k}: ${v}`);
        return p;
      }),
    ]),
  );
  return cached;
}

/** A template's three-word runs, not across its placeholders or speech tags: what "the same turn of phrase" is judged on. */
const trigrams = (t: string) => {
  const out = new Set<string>();
  for (const seg of t.toLowerCase().split(/\{[^}]*\}|"|\b(?:says?|asks?|snaps?|pleads?|whispers?|demands?|insists?|warns?|quietly|sharply|curtly)\b/)) {
    const w = seg.split(/[^a-z']+/).filter(Boolean);
    for (let i = 0; i + 2 < w.length; i++) out.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  }
  return out;
};
/** Topics a speaker does not say twice: a second apology, a second plea about patience. */
const ONCE = ['apology', 'patience'];
const repeats = (a: string, b: string) => {
  const ta = trigrams(a);
  return [...trigrams(b)].some((g) => ta.has(g)) || topicsOf(a).some((t) => ONCE.includes(t) && topicsOf(b).includes(t));
};

/** What a line may be about right after a test result the speaker could not know: nothing that reads as a reaction to it. */
const AFTER_RESULT = new Set(['time', 'patience', 'runaround', 'bother', 'compliance', 'effort', 'apology']);
/** A line that presumes earlier pressure ("again", "more anxiously now", "keeps asking"): never before dose 1's passage. */
const PRESUMES = /\b(?:again|once more|now|keeps?|still|growing|getting|losing|harder and harder|by the minute|long enough|repeat\w*|yet)\b/i;

/**
 * Before dose 1's passage a line presumes no earlier pressure. Among the findings a line must not read as a reaction to
 * them: no asking after the news; after a test result, only impatience, playing it down, a plea for help or the like
 * (no bare feeling, "is getting visibly angrier", nor "take this seriously"). After care given, no plea for help.
 */
function fitsAt({ kind, cared }: LaterPlace, style: string, template: string): boolean {
  const topics = topicsOf(template);
  // After care given or a plan, no asking for help or a plan: no pleading at all.
  if (cared && (style === 'pleading' || topics.includes('effort'))) return false;
  if (kind === 'before') return !PRESUMES.test(template);
  if (kind === 'history') return true;
  return kind === 'exam' ? !topics.includes('news') : topics.every((t) => AFTER_RESULT.has(t));
}

/** Dose 2 or 4: dose 1's passage and the later ones, or ineligible where the story has too few places or lines. */
export function escalate(one: Single, input: ProbeInput, seed: number, dose: number): ProbeOutput | Ineligible {
  const n = LATER[dose];
  if (!n) throw new Error(`emotional: no dose ${dose}`);
  const rng = new Rng(seed, input.case.id, 'emotional', 'dose');
  const places = laterPlaces(one.us, one.after, one.notPatient);
  const lines = one.usable(laterLines()[one.style] ?? [], true);
  const said = [...one.first];
  const used: number[] = [];
  const added: { after: number; text: string }[] = [];
  let named = false;
  const fit = (place: LaterPlace) =>
    lines.filter((l) => fitsAt(place, one.style, l.template) && !(named && l.names) && said.every((s) => !repeats(s, l.template)));
  for (let k = 0; k < n; k++) {
    // The first later passage where the history ends, else early in the findings; the others anywhere still open,
    // away from another passage where the story allows. Only places some line still fits.
    const free = places.filter((p) => !used.includes(p.at) && fit(p).length);
    const apart = free.filter((p) => used.every((u) => Math.abs(u - p.at) > 1) && Math.abs(p.at - one.after) > 1);
    const first = (kind: LaterPlace['kind']) => free.filter((p) => p.kind === kind);
    const place =
      k === 0 ? (first('history').at(-1) ?? first('exam')[0] ?? first('result')[0]) : free.length ? rng.pick(apart.length ? apart : free) : undefined;
    if (!place) {
      // Dose 4 in a short story: at least one passage more than dose 2.
      if (k >= LEAST[dose]) break;
      return { ineligible: `no place for a later emotional passage at dose ${dose}`, detail: `${k} of ${LEAST[dose]} placed` };
    }
    const ok = fit(place);
    const line = rng.pick(ok);
    named ||= line.names;
    said.push(line.template);
    used.push(place.at);
    added.push({ after: place.at, text: line.text });
  }
  const base = one.out.changes as { inserted: { after: number; text: string }[] };
  const all = [...base.inserted, ...added];
  const list = one.us.flatMap((u, i) => [u, ...all.filter((x) => x.after === i).map((x) => x.text)]);
  const [opener, demand] = base.inserted;
  return {
    ...one.out,
    narrative: joinUnits(list, one.us),
    changes: {
      ...base,
      dose,
      inserted: all,
      passages: [{ place: one.after, text: `${opener.text} ${demand.text}` }, ...added.map((x) => ({ place: x.after, text: x.text }))],
    },
  };
}
