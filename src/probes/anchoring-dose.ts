import type { Phrase } from './banks.js';
import { cueGaps, type Gap, placeCues } from './anchoring-place.js';
import type { Unit } from './structure.js';
import { Rng } from '../util/rng.js';
import type { Ineligible, ProbeInput, ProbeOutput } from './types.js';

// Higher doses of the anchoring probe (issue 22): dose 2 adds a second cue from another source naming the same wrong
// option, dose 4 a third from a third source; each from the same fitting bank cues as dose 1's, at another place.

/** The roles a cue names as holding the opinion; two cues in one story share none (no one speaks twice). */
const SOURCES: readonly [string, RegExp][] = [
  ['patient or family', /\{[Ss]peaker\}|\bfriends?\b|\bfamily\b(?! doctor)/i],
  ['nurse', /\bnurse\b/i],
  ['pharmacist', /\bpharmacist\b/i],
  ['referring family doctor', /\bfamily doctor\b/i],
  ['trainee', /\btrainees?\b/i],
  ['specialist', /\bspecialist\b|\bfrom another (?:team|specialty)\b/i],
  ['senior colleague', /\bsenior\b|\bexperienced\b/i],
  ['colleague', /(?<!\b(?:senior|experienced) )\bcolleagues?\b/i],
  // Whoever saw the patient first: two cues may not both claim it.
  ['first clinician', /\bfirst doctor\b|\bsaw \{patient\} first\b|\badmitting doctor\b|\bfirst (?:took|saw)\b|\b(?:the story|the history) first\b/i],
  // The night doctor is the one going off shift at handover.
  ['doctor on shift', /\boff shift\b|\bon call\b|\bhandovers?\b/i],
];

/** The sources of a bank cue (its template text). */
export const sourcesOf = (template: string): string[] => SOURCES.filter(([, re]) => re.test(template)).map(([name]) => name);

/** A cue the bank offers for the target option, with its style. */
export interface Offered {
  style: string;
  phrase: Phrase;
}

/** Words that carry no frame by themselves: "that they would" twice is no repeated template. */
const SMALL = new Set("a an the of to in on at for with and or is it its it's that this they them their would will be been has have was were as by".split(' '));

/**
 * The word runs a cue shares with no other (the option one token, \u00a7): three words with one of weight ("asked in
 * passing", "heard the story"), or four around the option, twice read as a template.
 */
function grams(text: string, said: string): Set<string> {
  const ws = text
    .toLowerCase()
    .split(said.toLowerCase())
    .join(' \u00a7 ')
    .replace(/[^\p{L}\p{N}\u00a7]+/gu, ' ')
    .trim()
    .split(' ');
  const out = new Set<string>();
  for (let i = 0; i + 3 <= ws.length; i++) {
    const g = ws.slice(i, i + 3);
    if (!g.includes('\u00a7') && g.some((w) => !SMALL.has(w))) out.add(g.join(' '));
    if (i + 4 <= ws.length) out.add(ws.slice(i, i + 4).join(' '));
  }
  return out;
}

/**
 * A cue held by two people or more ("the nurse and a senior colleague both", "a couple of colleagues", "everyone has gone
 * along"): as an added cue it makes dose 2 read as three opinions, so added cues are single-holder (dose 1's stays).
 */
const MANY = new RegExp(
  String.raw`\b(?:both|each|two|several|a couple of|agreed|every(?:one| colleague)|colleagues|trainees|friends and family|family all)\b|` +
    String.raw`\bthe team(?:'s thinking| has not looked)`,
  'i',
);
export const manyHolders = (style: string, template: string) => style === 'false_consensus' || MANY.test(template);

/** Rationales a cue gives for its opinion, whatever its style: each at most once per story, never a formula twice. */
const RATIONALES: readonly [string, RegExp][] = [
  ['a similar case', /\b(?:similar|near-identical|like this|last (?:week|month)|only yesterday|lately|recent case|recently)\b/i],
  ['a talk or reading', /\b(?:teaching session|talk on|article|prescribing update)\b/i],
  ['from the start', /\bfrom the start\b|\bfirst (?:discussion|ward round|impression)\b|\bfirst took\b|\bever since\b|\bsince\.$/i],
];
export const rationalesOf = (style: string, template: string): string[] => [
  ...new Set([style, ...RATIONALES.filter(([, re]) => re.test(template)).map(([name]) => name)]),
];

interface Held {
  style: string;
  sources: string[];
  grams: Set<string>;
  rationales: string[];
}

// Two status quo cues would each claim where the idea began; two polls of colleagues would overlap; two recent similar
// cases read as one formula. Two earlier opinions from two people are no formula: previous_opinion may repeat.
const REPEATS = new Set(['previous_opinion']);
const compatible = (a: Held, b: Held) =>
  !a.rationales.some((r) => !REPEATS.has(r) && b.rationales.includes(r)) &&
  !a.sources.some((s) => b.sources.includes(s)) &&
  ![...a.grams].some((g) => b.grams.has(g));

export interface Dose1 {
  out: ProbeOutput;
  /** Dose 1's cue as the bank has it, and filled. */
  phrase: Phrase;
  style: string;
  cue: string;
  said: string;
  /** Every cue the fit rules allow for the target option, styles in order. */
  pool: Offered[];
  fillCue: (template: string) => string;
}

const ORDINAL = ['', '', 'second', 'third'];
/**
 * "Antibiotics would not be appropriate", "Informed consent is not needed": a subject and its verb, taken for a noun
 * phrase (option-phrase.ts reads only "It is", "The patient is" as a clause); few cue slots read with it.
 */
const CLAUSAL = new RegExp(
  String.raw`^(?:(?!\b(?:that|which|who|whom|whose|where|when|while|if|whether|after|before|until|because|since|as|once|unless)\b)[^,])*?` +
    String.raw`\b(?:would|should|could|will|can|cannot|may|might|must|is|are|was|were|has|have|had|does|do|did)\b`,
  'i',
);
const GENDERED = new RegExp(
  String.raw`\b(?:he|she|his|her|him|hers|wife|husband|mother|father|mom|dad|daughter|son|sister|brother|grand\w+|aunt|uncle|` +
    String.raw`niece|nephew|girlfriend|boyfriend|fianc\w+)\b`,
  'i',
);

/** Words of an option too common to mark a finding it presupposes ("intravenous", "start", "hospital"). */
const PLAIN_WORDS = new Set(
  (
    'with without from that this into over under than then only before after until unless while when each more less ' +
    'therapy treatment test tests testing level levels daily dose doses start stop give wait arrange repeat continue ' +
    'intravenous oral topical hospital admission home examination assessment monitoring result results normal acute ' +
    'chronic patient team advice refer referral immediate urgent every further high right left both'
  ).split(' '),
);

/**
 * Whether a further cue for a treatment or a test would stand at this gap before a unit naming one of the option's words:
 * "repeat the ECG" before the ECG is told, "levothyroxine to shrink the nodule" before the scan finds it.
 */
export function presupposes(d1: Dose1, us: readonly Unit[]): (g: Gap) => boolean {
  const { questionType: type, form } = d1.out.changes as { questionType?: string; form?: string };
  if (type !== 'management' && type !== 'pharmacology' && form !== 'action') return () => false;
  const keys = (d1.said.match(/[\p{L}\p{N}-]+/gu) ?? []).filter((w) => (w.length >= 4 || /^[A-Z0-9]{2,}$/.test(w)) && !PLAIN_WORDS.has(w.toLowerCase()));
  if (!keys.length) return () => false;
  const named = new RegExp(`\\b(?:${keys.map((w) => w.replace(/-/g, '\\-')).join('|')})\\b`, 'i');
  return (g) => g.where !== 'end' && us.slice(g.at).some((u) => named.test(u.text));
}

/**
 * Dose 1's variant with one more cue (dose 2) or two (dose 4), each from sources no earlier cue names, worded apart from
 * them, at its own place. The second cue is drawn among those that leave a third possible, so dose 4 keeps dose 2's.
 */
export function doseUp(input: ProbeInput, seed: number, dose: number, d1: Dose1): ProbeOutput | Ineligible {
  const count = dose >= 4 ? 3 : 2;
  if ((d1.out.changes as { form?: string }).form === 'noun' && CLAUSAL.test(d1.said))
    return { ineligible: 'option reads as a clause', detail: 'two more cues would each garble it' };
  const rng = new Rng(seed, input.case.id, 'anchoring', 'dose');
  const held = (style: string, p: Phrase, text: string): Held => ({
    style,
    sources: sourcesOf(p.text),
    grams: grams(text, d1.said),
    rationales: rationalesOf(style, p.text),
  });
  const first = held(d1.style, d1.phrase, d1.cue);
  const offered = d1.pool
    // Review round 14: an added status-quo cue ("the plan ... has been X") reads as the chart's standing plan, not an opinion.
    .filter((o) => o.phrase.text !== d1.phrase.text && !manyHolders(o.style, o.phrase.text) && o.style !== 'status_quo')
    .map((o) => {
      const text = d1.fillCue(o.phrase.text);
      return { ...o, text, held: held(o.style, o.phrase, text) };
    })
    .filter((o) => o.held.sources.length && o.text !== d1.cue && compatible(o.held, first));
  const thirds = (o: (typeof offered)[number]) => offered.filter((x) => x !== o && compatible(x.held, o.held));
  const lasting = offered.filter((o) => thirds(o).length);
  const chosen: typeof offered = [];
  if (offered.length) chosen.push(rng.pick(lasting.length ? lasting : offered));
  if (chosen.length && thirds(chosen[0]).length) chosen.push(rng.pick(thirds(chosen[0])));
  if (chosen.length < count - 1) return { ineligible: `no ${ORDINAL[count]} source for the same option`, detail: `${d1.style}: ${first.sources.join(', ')}` };
  const { us, first: at1, others } = cueGaps(input.narrative);
  const early = presupposes(d1, us);
  const texts = [d1.cue, ...chosen.slice(0, count - 1).map((o) => o.text)];
  // Each further cue takes the best free place; one that names a man or a woman none before a leading He or She.
  const places: Gap[] = [at1];
  for (const text of texts.slice(1)) {
    const g = others.find((x) => !places.includes(x) && !(x.pronounNext && GENDERED.test(text)) && !early(x));
    if (!g) return { ineligible: `no place for a ${ORDINAL[places.length + 1]} cue`, detail: `${us.length} units` };
    places.push(g);
  }
  const narrative = placeCues(us, new Map(places.map((g, i) => [g.at, texts[i]])));
  const cues = texts.map((text, i) => ({
    source: (i ? chosen[i - 1].held : first).sources.join(' + '),
    style: i ? chosen[i - 1].style : d1.style,
    text,
    place: places[i],
  }));
  return { ...d1.out, narrative, changes: { ...(d1.out.changes as object), dose, cues } };
}
