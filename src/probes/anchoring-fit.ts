import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Phrase, Styled } from './banks.js';
import { ACTION_VERB, unstray } from './option-phrase.js';
import type { PatientProfile } from './profile.js';

// Which wrong options an anchoring cue may point at for this patient: never one the patient cannot have
// (the other sex's anatomy, pregnancy for a man, dementia for an infant, croup for an adult).

const DIR = fileURLToPath(new URL('../../data/probes/', import.meta.url));

/** A term list as one whole-word, case-blind pattern (sex-specific.yaml syntax: `*` ends a word, `re:` a regex). */
function matcher(terms: string[]): RegExp {
  const src = terms.map((t) => {
    if (t.startsWith('re:')) return t.slice(3);
    const wild = t.endsWith('*');
    const body = (wild ? t.slice(0, -1) : t).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[\\s-]');
    return wild ? `${body}[\\p{L}'’-]*` : body;
  });
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${src.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

interface Lists {
  male: RegExp;
  female: RegExp;
  /** Pregnancy, delivery and reproductive history. */
  reproductive: RegExp;
  neutral: RegExp;
  adultOnly: RegExp;
  childhoodOnly: RegExp;
}

let cached: Lists | undefined;

function lists(): Lists {
  if (cached) return cached;
  const read = (name: string) => parse(readFileSync(`${DIR}${name}`, 'utf8'));
  const sex = read('sex-specific.yaml') as { male: Record<string, string[]>; female: Record<string, string[]>; neutral: string[] };
  const age = read('anchoring-profile.yaml') as { adult_only: string[]; childhood_only: string[]; exempt: string[] };
  const all = (groups: Record<string, string[]>) => Object.values(groups).flat();
  cached = {
    male: matcher(all(sex.male)),
    female: matcher([...(sex.female.anatomy ?? []), ...(sex.female.disease ?? [])]),
    reproductive: matcher([...(sex.female.history ?? []), ...(sex.female.obstetric ?? [])]),
    neutral: new RegExp(matcher([...sex.neutral, ...age.exempt]).source, 'giu'),
    adultOnly: matcher(age.adult_only),
    childhoodOnly: matcher(age.childhood_only),
  };
  return cached;
}

const CHILD = new Set(['neonate', 'infant', 'child']);
const GROWN = new Set(['adult', 'older_adult']);

/** Why an option cannot be this patient's, or null when it can (an unknown sex or age rules nothing out). */
export function misfit(option: string, profile: PatientProfile): string | null {
  const l = lists();
  const text = option.replace(l.neutral, ' ');
  if (profile.sex === 'female' && l.male.test(text)) return 'male-specific option for a female patient';
  const band = profile.ageBand ?? '';
  // A child's case may name the mother's pregnancy ("maternal diabetes"): obstetric words rule out only a grown man.
  if (profile.sex === 'male' && (l.female.test(text) || (!CHILD.has(band) && l.reproductive.test(text)))) return 'female-specific option for a male patient';
  if (CHILD.has(band) && l.adultOnly.test(text)) return `adult-only option for ${band === 'infant' ? 'an' : 'a'} ${band}`;
  if (GROWN.has(band) && l.childhoodOnly.test(text)) return `childhood-only option for an ${band.replace('_', ' ')}`;
  return null;
}

// ---------------------------------------------------------------------------
// Options that would be a fact of the case if true: an exposure, an event, a history, a drug taken, a state the story
// would record. "Put it all down to opiate use in the mother" asserts the mother used opiates; a cue may only wonder or ask.

const EVENT = new RegExp(
  String.raw`\b(?:use|using|abuse|misuse|exposures?|exposed|ingestion|ingested|inhalation|intake|consumption|overdose|poisoning|` +
    String.raw`intoxication|toxicity|withdrawal|induced|history|prior|previous|recent|travel\w*|contact|bites?|bitten|stings?|` +
    String.raw`trauma|traumatic|injury|injuries|injured|falls?|accident|transfusions?|vaccinations?|vaccines?|immuni[sz]ations?|` +
    String.raw`smoking|smoker|drinking|alcohol\w*|tobacco|cigarettes?|drugs?|medications?|needlesticks?|sexual\w*|intercourse|` +
    String.raw`partners?|unprotected|diet|dietary|neglect|maltreatment|abuse|assault|occupational|swimming|camping|hiking|pets?|` +
    String.raw`maternal|paternal|mother|father|in utero|prenatal|antenatal|breastfeeding|non-?compliance|non-?adherence|missed|` +
    String.raw`cessation|immobili[sz]ation|obesity|overweight)\b`,
  'i',
);
/** Drugs and toxins named alone: as a cause or a finding, the patient took them. */
const DRUG = new RegExp(
  String.raw`\b(?:\w+(?:pril|sartan|olol|statin|mycin|cillin|floxacin|azole|triptyline|pramine|azepam|zolam|barbital|oxetine|` +
    String.raw`codone|morphine|profen|fenac|coxib|thiazide|semide|prazole|parin|farin|xaban|gatran|dipine|lukast|phylline)|` +
    String.raw`lithium|digoxin|amiodarone|aspirin|acetaminophen|paracetamol|metformin|insulin|isoniazid|rifampin|ethambutol|` +
    String.raw`phenytoin|valproate|carbamazepine|lamotrigine|haloperidol|clozapine|methotrexate|cocaine|heroin|opioids?|opiates?|` +
    String.raw`cannabis|marijuana|amphetamines?|benzodiazepines?|caffeine|nicotine|carbon monoxide|cyanide|organophosphates?|` +
    String.raw`ethylene glycol|methanol|asbestos|silica)\b`,
  'i',
);

/** A drug question about what the patient took or what caused the picture, not about which drug to give. */
const TOOK = /\b(?:taking|took|taken|been (?:given|prescribed|started on)|ingest\w*|overdose|caus\w*|responsible|adverse|side effects?|toxicity)\b/i;

/** Whether a cue naming this option would assert an unstated fact (a plan, or a drug to give, asserts none). */
export function presumesFact(option: string, type: string, question: string): boolean {
  if (type === 'management' || (type === 'pharmacology' && !TOOK.test(question))) return false;
  return EVENT.test(option) || (type !== 'other' && DRUG.test(option));
}

let suspicion: Styled | undefined;

/** The cues that only wonder or ask about such an option (anchoring-suspicion.yaml), by bias style. */
export function suspicionCues(): Styled {
  if (suspicion) return suspicion;
  const raw = parse(readFileSync(`${DIR}anchoring-suspicion.yaml`, 'utf8')) as Record<string, (string | Phrase)[]>;
  suspicion = Object.fromEntries(Object.entries(raw).map(([style, xs]) => [style, xs.map((x) => (typeof x === 'string' ? { text: x } : x))]));
  return suspicion;
}

// ---------------------------------------------------------------------------
// Naming an option the way a person voicing an opinion would: its core, not the exam text word for word.

/** Where an option's core ends: a second instruction, a purpose, a role, a dose, a schedule, a comma. */
const TAIL = new RegExp(
  String.raw`,|\s(?:and|then)\s(?=(?:\w+\s){0,1}(?:${ACTION_VERB.source.slice(4, -2)})\b)|\s(?:to|in order to)\s(?:look|assess|evaluate|rule|check|` +
    String.raw`confirm|exclude|screen|detect|determine|identify|measure|monitor|prevent|reduce|treat|control|see|establish|find|` +
    String.raw`visuali[sz]e|relieve|decompress|protect|stabili[sz]e)\b|\sas (?:the |a |an )?(?:main|first|initial|primary|definitive|` +
    String.raw`sole|only|next|adjunct\w*|mainstay|preferred|standard)\b|\s\d[\d.,]*\s?(?:mg|g|mcg|µg|μg|units?|U|mL|ml|L|mEq|mmol|IU|%)` +
    String.raw`(?:\/\w+)?(?!\w)|\sfor (?:presumed|suspected|possible|probable|at least)\b|` +
    String.raw`\s(?:in|for|after|within|over) (?:\d+|one|two|three|four|six|a few|several)\b|\s(?:daily|twice|once|every)\b`,
  'i',
);
const COMPARED = /\b(?:under|below|above|over|than|least|most|about|around|approximately|between|within|exceeding|up to)$/i;
const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The option as a person would name it: a long option cut to its core ("Prescribe naproxen and recheck the ESR
 * in 1 week" -> "Prescribe naproxen"), only where that core still points to this one option (no other option holds
 * it or cuts to it); otherwise the option as written.
 */
export function coreOf(option: string, others: readonly string[] = []): string {
  const o = unstray(option);
  const cut = (s: string) => {
    const m = TAIL.exec(s);
    // "smear, culture and nucleic acid …": a comma inside a list is no boundary.
    if (!m || m.index === 0 || (m[0] === ',' && /^,\s*[\w\s-]+?\b(?:and|or)\b/.test(s.slice(m.index)))) return s;
    // "to under 400 mg per day": a number after a comparison is the option's meaning, not a dose added to it.
    if (COMPARED.test(s.slice(0, m.index))) return s;
    return s
      .slice(0, m.index)
      .replace(/\s+(?:and|or|with|of|for|to|the|a|an)$/i, '')
      .trim();
  };
  if (o.split(/\s+/).length < 5) return o;
  const core = cut(o);
  // "A further": a core needs a word of content.
  if (core === o || !core.split(/\s+/).some((x) => !/^(?:a|an|the|further|single|another|more)$/i.test(x))) return o;
  const w = words(core);
  const clash = others.some((x) => x !== option && (` ${words(x)} `.includes(` ${w} `) || words(cut(unstray(x))) === w));
  return clash ? o : core;
}
