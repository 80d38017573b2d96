import { banks, type LexiconEntry } from '../banks.js';
import type { SentenceKind } from '../structure/sentence-kind.js';
import type { Rng } from '../../util/rng.js';

let compiled: { re: RegExp; map: Map<string, LexiconEntry> } | undefined;

/** One alternation of every term, longest first, on word boundaries (a hyphen joins words: "T2-hyperintense" is one). */
function lexicon(): { re: RegExp; map: Map<string, LexiconEntry> } {
  if (!compiled) {
    const entries = [...banks().lexicon].sort((a, b) => b.term.length - a.term.length);
    const alt = entries.map((e) => e.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    compiled = { re: new RegExp(`(?<![A-Za-z0-9-])(${alt})(?![A-Za-z0-9-])`, 'gi'), map: new Map(entries.map((e) => [e.term.toLowerCase(), e])) };
  }
  return compiled;
}

/** Sentences about imaging, pathology, the laboratory or the microscope keep the clinician's words. */
const TECHNICAL = new RegExp(
  String.raw`\b(?:X-rays?|x-rays?|radiograph\w*|ultrasound|ultrasonograph\w*|sonograph\w*|echocardiogra\w*|angiogra\w*|` +
    String.raw`scans?|imaging|biops\w+|histolog\w*|patholog\w*|cytolog\w*|smears?|microscop\w*|cultures?|stain\w*|FLAIR|` +
    String.raw`lesions?|hyperintens\w*|hypointens\w*|hyperdens\w*|hypodens\w*|enhancing|opacit\w*|specimens?|aspirat\w*|` +
    String.raw`lytic|sclerotic)\b|\b(?:MRI|CT|PET|T1|T2)\b`,
);
/** A word after the term that makes it part of a name ("anorexia nervosa", "Reye syndrome", "Babinski sign"). */
const NAMED_NEXT = new RegExp(
  String.raw`^(?:nervosa|syndromes?|diseases?|signs?|disorders?|phenomenon|reflex|tests?|maneuver|manoeuvre|scores?|` +
    String.raw`criteria|triad|palsy|virus|vulgaris|gravis|mellitus|insipidus|pectoris|major|minor|type|lesions?|nodes?|` +
    String.raw`nodules?|spots?|bodies|cells?|fever|deficiency)$`,
  'i',
);
/** …or a Latin-looking second word ("lichen planus", "pityriasis rosea"). */
const LATIN = /^[a-z]+(?:osa|osum|osus|alis|aris|ica|icum|icus|ata|atum|atus|ior|ens|ans)$/;
const NEGATION = /\b(?:no|not|never|none|nor|without|denies|denied|cannot)\b|n't\b/i;

/** A verb that takes a noun: "has had", "developed", "experiences", with any quantifier or adverb after it. */
const HAVE_BEFORE = new RegExp(
  String.raw`\b(?:had|has|have|having|developed|develops|develop|developing|experienced|experiences|experience|` +
    String.raw`experiencing|suffered|suffers)\s+(?:(?:also|recently|occasionally|frequently|intermittently|several|multiple|` +
    String.raw`some|new|recurrent|\d+)\s+)*$`,
  'i',
);
/**
 * A lay phrase that is a gerund with an object or particle ("coughing up blood", "seeing or hearing things"), not a noun ("ringing in the ears", "aching
 * of the jaw").
 */
const VERBAL = /^\w+ing(?: or \w+ing)? (?:up|out|by|to|at|a|far|much|very|more|less|what|double|things|blood|pee|from|on|imaginary|unable)\b/i;

export interface Replacement {
  term: string;
  lay: string;
}

/** Whether a sentence of this kind and wording may take lay words. */
export function takesLayWords(sentence: string, kind: SentenceKind): boolean {
  return (kind === 'history' || kind === 'examination') && !TECHNICAL.test(sentence);
}

/**
 * Medical terms → lay phrases, longest match first, except inside a named
 * entity (a capitalised or hyphenated neighbour, "… syndrome", "anorexia
 * nervosa"). A lay phrase that only drops words of the term ("anorexia" for
 * "anorexia nervosa"), adds a negation, or speaks as "I" for a narrator who is
 * not the patient is not used.
 */
export function layWords(sentence: string, rng: Rng, firstPerson: boolean, replaced: Replacement[]): string {
  const { re, map } = lexicon();
  return sentence.replace(re, (m: string, _g: string, offset: number, whole: string) => {
    const entry = map.get(m.toLowerCase());
    if (!entry || namedEntity(whole, offset, m)) return m;
    const options = entry.lay
      .filter((lay) => usable(entry.term, lay, firstPerson))
      .map((lay) => undoubled(lay, whole, offset, m.length))
      .filter((lay): lay is string => lay !== null);
    if (!options.length) return m;
    const picked = rng.pick(options);
    // "has had hallucinations" → "has had episodes of seeing or hearing things …": a gerund with an object is no noun.
    const lay = HAVE_BEFORE.test(whole.slice(0, offset)) && VERBAL.test(picked) ? `episodes of ${picked}` : picked;
    replaced.push({ term: m, lay });
    return /^[A-Z]/.test(m) ? lay[0].toUpperCase() + lay.slice(1) : lay;
  });
}

/**
 * The lay phrase without a word it would repeat beside it ("continuous spinning vertigo" → "continuous spinning dizziness", not
 * "spinning spinning"); null when nothing of it would be left.
 */
function undoubled(lay: string, whole: string, offset: number, length: number): string | null {
  const before = /([A-Za-z]+)\W*$/.exec(whole.slice(0, offset))?.[1]?.toLowerCase();
  const after = /^\W*([A-Za-z]+)/.exec(whole.slice(offset + length))?.[1]?.toLowerCase();
  const words = lay.split(' ');
  if (words.length > 1 && words[0].toLowerCase() === before) words.shift();
  if (words.length > 1 && words[words.length - 1].toLowerCase() === after) words.pop();
  const first = words[0].toLowerCase();
  const last = words[words.length - 1].toLowerCase();
  return first === before || last === after ? null : words.join(' ');
}

function usable(term: string, lay: string, firstPerson: boolean): boolean {
  const t = term.toLowerCase();
  const l = lay.toLowerCase();
  if (l === t || new RegExp(`(^|\\s)${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`).test(t)) return false;
  if (NEGATION.test(lay) && !NEGATION.test(term)) return false;
  return firstPerson || !/\b(I|my|me|myself|I'm|I've)\b/i.test(lay);
}

function namedEntity(text: string, offset: number, match: string): boolean {
  const before = /([A-Za-z0-9'’-]+)\W*$/.exec(text.slice(0, offset))?.[1] ?? '';
  const after = /^\W*?([A-Za-z0-9'’-]+)/.exec(text.slice(offset + match.length))?.[1] ?? '';
  const sentenceStart = /^\s*$/.test(text.slice(0, offset - before.length).replace(/[\s"'(]+$/, '')) || /[.!?]\s*$/.test(text.slice(0, offset - before.length));
  if (
    /\d/.test(before) ||
    (/-/.test(before) && /[A-Z]/.test(before)) ||
    /['’]s$/.test(before) ||
    (/^[A-Z]/.test(before) && !sentenceStart && !/^(I|My|The|A|An|His|Her)$/.test(before))
  )
    return true;
  // "periorbital and pedal oedema": the term shares its noun with the adjective before "and"; replacing it orphans that adjective.
  if (/\b[a-z]+(?:al|ic|ar|ous|ive|ed)\s+(?:and|or)\s+$/i.test(text.slice(0, offset)) && /\s/.test(match)) return true;
  if (NAMED_NEXT.test(after) || LATIN.test(after) || /^[A-Z][a-z]/.test(after)) return true;
  return /^[A-Z][a-z]+[A-Z]|^[A-Z]{2,}/.test(match) && match.toLowerCase() !== match;
}
