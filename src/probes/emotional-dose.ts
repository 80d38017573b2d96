import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Phrase } from './banks.js';
import { fitsAt, laterTopics, spoken, tagOf } from './emotional-later.js';
import { laterPlaces, type LaterPlace } from './emotional-place.js';
import { pronoun } from './emotional-mention.js';
import { AGE_BANDS, SETTINGS, SPEAKERS } from './profile.js';
import { joinUnits, type Unit } from './structure.js';
import type { Ineligible, ProbeInput, ProbeOutput } from './types.js';
import { Rng } from '../util/rng.js';

/**
 * Doses above 1 (issue 22): the same speaker keeps up the pressure later in the telling. Dose 2 adds one later
 * passage (a renewed, sharper demand or a complaint about waiting), where the history ends before the findings,
 * else after the last finding, else earlier in the history; dose 4 adds two more at other open places
 * (emotional-place.ts laterPlaces: never among the findings). Each is one sentence from the style's `later` lines
 * (data/probes/emotional.yaml), fitted as dose 1's lines are and to its place (emotional-later.ts). No two lines of
 * a story share a topic, a turn of phrase or a speech tag.
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
  /** A check-up or review: nothing is waited for. */
  routine: boolean;
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
/** Two lines of a story say the same thing: a shared turn of phrase or a shared topic (review round 13). */
const repeats = (a: string, b: string) => {
  const ta = trigrams(a);
  const topics = laterTopics(a);
  return [...trigrams(b)].some((g) => ta.has(g)) || laterTopics(b).some((t) => topics.includes(t));
};

/** Dose 2 or 4: dose 1's passage and the later ones, or ineligible where the story has too few places or lines. */
export function escalate(one: Single, input: ProbeInput, seed: number, dose: number): ProbeOutput | Ineligible {
  const n = LATER[dose];
  if (!n) throw new Error(`emotional: no dose ${dose}`);
  const rng = new Rng(seed, input.case.id, 'emotional', 'dose');
  const speaker = (one.out.changes as { speaker: string | null }).speaker;
  const places = laterPlaces(one.us, one.after, one.notPatient, speaker ? pronoun(speaker, input.profile) : null);
  const lines = one.usable(laterLines()[one.style] ?? [], true);
  const said = [...one.first];
  const base = one.out.changes as { inserted: { after: number; text: string }[] };
  // A speech tag once per story: dose 1's demand's ("she asks") included.
  const tags = new Set(base.inserted.map((x) => tagOf(x.text)).filter((t) => t !== null));
  const used: number[] = [];
  const added: { after: number; text: string }[] = [];
  let named = false;
  const say = (place: LaterPlace, text: string) => spoken(text, input.profile, one.us[place.at].text);
  const fresh = (place: LaterPlace, l: Line) => {
    const tag = tagOf(say(place, l.text));
    return !(tag && tags.has(tag)) && said.every((s) => !repeats(s, l.template));
  };
  const fit = (place: LaterPlace) =>
    lines.filter((l) => fitsAt(place, one.style, l.template, one.routine ? null : input.profile.setting) && !(named && l.names) && fresh(place, l));
  for (let k = 0; k < n; k++) {
    // The first later passage where the history ends, else at the end, else earlier in the history; the others
    // anywhere still open, away from another passage where the story allows. Only places some line still fits.
    const free = places.filter((p) => !used.includes(p.at) && fit(p).length);
    const apart = free.filter((p) => used.every((u) => Math.abs(u - p.at) > 1) && Math.abs(p.at - one.after) > 1);
    const first = (kind: LaterPlace['kind']) => free.filter((p) => p.kind === kind);
    // Where no other place is left and the dose has too few, a later passage takes a second sentence (as dose 1's has two).
    // Never two "She says …" in a row: a second narrative line opens on another verb.
    const opening = (text: string) => (/^["“]/.test(text) ? '"' : (text.split(/\s+/)[1] ?? ''));
    const partner = (p: LaterPlace) => {
      const there = added.find((x) => x.after === p.at);
      return fit(p).filter((l) => there && (opening(l.text) === '"' || opening(say(p, l.text)) !== opening(there.text)));
    };
    const again = k < LEAST[dose] ? places.filter((p) => used.filter((u) => u === p.at).length === 1 && partner(p).length) : [];
    const place =
      k === 0
        ? (first('history').at(-1) ?? first('end')[0] ?? first('before').at(-1))
        : // Beyond the dose's least, only away from every other passage: never one at every pause.
          apart.length
          ? rng.pick(apart)
          : free.length && k < LEAST[dose]
            ? rng.pick(free)
            : again[0];
    if (!place) {
      // Dose 4 in a short story: at least one passage more than dose 2.
      if (k >= LEAST[dose]) break;
      return { ineligible: `no place for a later emotional passage at dose ${dose}`, detail: `${k} of ${LEAST[dose]} placed` };
    }
    const ok = used.includes(place.at) ? partner(place) : fit(place);
    const line = rng.pick(ok);
    const text = say(place, line.text);
    named ||= line.names;
    said.push(line.template);
    const tag = tagOf(text);
    if (tag) tags.add(tag);
    used.push(place.at);
    added.push({ after: place.at, text });
  }
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
