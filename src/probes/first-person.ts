import { nlp } from '../util/nlp.js';
import { OBJECT_HER_FOLLOWERS } from '../util/english.js';
import { terms as termsOf, type Term } from '../util/nlp-terms.js';
import { FREQUENCY, LIST_NOUNS, newSubject, TAKES_OBJECT, VERB_ONLY } from './first-person-lists.js';

export type Sex = 'male' | 'female';

const PRONOUNS: Record<Sex, { subj: string; obj: string; poss: string; own: string; self: string }> = {
  male: { subj: 'he', obj: 'him', poss: 'his', own: 'his', self: 'himself' },
  female: { subj: 'she', obj: 'her', poss: 'her', own: 'hers', self: 'herself' },
};
const FIRST = {
  singular: { subj: 'I', obj: 'me', poss: 'my', own: 'mine', self: 'myself' },
  plural: { subj: 'we', obj: 'us', poss: 'our', own: 'ours', self: 'ourselves' },
};

/** The first pronoun set met in the text: whose story it most likely is when the sex is not known. */
export function firstPronounSex(text: string): Sex | null {
  const m = /\b(he|his|him|himself|she|her|hers|herself)\b/i.exec(text);
  if (!m) return null;
  return ['she', 'her', 'hers', 'herself'].includes(m[1].toLowerCase()) ? 'female' : 'male';
}

/** Past participles after "he's": "he's been" is "he has been", anything else is "he is". */
const PARTICIPLE = new RegExp(
  String.raw`^(been|had|got|gotten|gone|done|become|seen|taken|given|felt|lost|noticed|developed|started|stopped|tried|` +
    String.raw`used|smoked|lived|worked|finished|received|undergone|missed|experienced|suffered|completed|recovered|returned|` +
    String.raw`travelled|traveled|eaten|drunk|slept|grown|woken|fallen|broken|come)$`,
  'i',
);

const INVERTED: Record<string, [string, string]> = { does: ['do', 'do'], is: ['am', 'are'], has: ['have', 'have'], was: ['was', 'were'] };

const CONTRACTED: Record<string, [string, string]> = {
  "isn't": ["'m not", " aren't"],
  "doesn't": [" don't", " don't"],
  "hasn't": [" haven't", " haven't"],
  "wasn't": [" wasn't", " weren't"],
};

/**
 * Pronouns of one sex → first person (singular, or plural for a narrating
 * couple), with the verbs after them made to agree. Only that sex's pronouns
 * change: "his mother smokes" keeps the mother's "smokes".
 */
export function pronounsToFirstPerson(text: string, sex: Sex, plural = false): string {
  const p = PRONOUNS[sex];
  const f = plural ? FIRST.plural : FIRST.singular;
  let out = text;
  // Subject contractions first: "he's been" → "I've been", "she's tired" → "I'm tired", "he doesn't" → "I don't".
  out = out.replace(new RegExp(`\\b(${p.subj})'s\\b(\\s+)(\\w+)`, 'gi'), (_m, s: string, sp: string, next: string) => {
    const verb = PARTICIPLE.test(next) ? "'ve" : plural ? "'re" : "'m";
    return `${caseLike(s, f.subj)}${verb}${sp}${next}`;
  });
  out = out.replace(
    new RegExp(`\\b(${p.subj})\\s+(isn't|doesn't|hasn't|wasn't)\\b`, 'gi'),
    (_m, s: string, v: string) => caseLike(s, f.subj) + CONTRACTED[v.toLowerCase()][plural ? 1 : 0],
  );
  // Inverted order ("nor does he stop", "neither has she"): the verb before the subject agrees too.
  out = out.replace(
    new RegExp(`\\b(does|is|has|was)(\\s+)(${p.subj})\\b`, 'gi'),
    (_m, v: string, sp: string, s: string) => caseLike(v, INVERTED[v.toLowerCase()][plural ? 1 : 0]) + sp + caseLike(s, f.subj),
  );
  out = out.replace(new RegExp(`\\b${p.self}\\b`, 'gi'), (m) => caseLike(m, f.self));
  out = out.replace(new RegExp(`\\b${p.subj}\\b`, 'gi'), (m) => caseLike(m, f.subj));
  if (sex === 'female') {
    out = out.replace(/\bhers\b/gi, (m) => caseLike(m, f.own));
    out = out.replace(/\bher\b(\W*)([A-Za-z0-9'-]*)/gi, (m, gap: string, next: string) => caseLike(m, herIsObject(gap, next) ? f.obj : f.poss) + gap + next);
  } else {
    out = out.replace(/\bhis\b(?=\s*(?:[.,;:!?)]|$))/gi, (m) => caseLike(m, f.own));
    out = out.replace(/\bhis\b/gi, (m) => caseLike(m, f.poss));
    out = out.replace(/\bhim\b/gi, (m) => caseLike(m, f.obj));
  }
  return agreeWithFirstPerson(out);
}

/** "her" is an object before punctuation, the end, or a word that cannot follow a possessive. */
function herIsObject(gap: string, next: string): boolean {
  if (!next || /[.,;:!?)]/.test(gap)) return true;
  return OBJECT_HER_FOLLOWERS.test(next);
}

/** The replacement cased like the original: "He" → "I", "His" → "My", "he" → "I". */
export function caseLike(original: string, replacement: string): string {
  if (replacement === 'I') return 'I';
  return /^[A-Z]/.test(original) ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
}

const IRREGULAR: Record<string, [string, string]> = {
  is: ['am', 'are'],
  was: ['was', 'were'],
  has: ['have', 'have'],
  does: ['do', 'do'],
  "isn't": ['am not', "aren't"],
  "wasn't": ["wasn't", "weren't"],
  "hasn't": ["haven't", "haven't"],
  "doesn't": ["don't", "don't"],
};

// Words that end the clause of the subject: what follows has a subject of its own.
const CLAUSE_BREAK = /^(who|whom|whose|which|that|because|when|whenever|while|although|though|if|since|until|unless|whereas|where|so|as)$/i;
// "type I diabetes", "grade I": the roman numeral, not the pronoun.
const NUMERAL_BEFORE = new RegExp(
  String.raw`^(type|grade|class|stage|phase|lead|leads|factor|degree|schedule|level|part|complex|tier|mobitz|zone|` +
    String.raw`troponin|collagen|antithrombin|hypersensitivity|protein|site|chapter|group|category|tier|trisomy|hla|mhc|` +
    String.raw`cyclin|kinase|interferon)$`,
  'i',
);
/** An acronym before it ("HLA class I", "MHC I") also makes it a numeral. */
const ACRONYM = /^[A-Z][A-Za-z]*[0-9A-Z]$/;

/** Words that may sit between a subject and its verb even when tagged otherwise ("I now become"). */
const BETWEEN = /^(now|then|also|still|often|never|always|usually|sometimes|only|just|even|already|again|first|later|since|currently|recently|[a-z]+ly)$/;

/** "I" after these words is a roman numeral ("type I", "troponin I", "lead I"), not the pronoun. */
function isSubject(prev: Term | undefined): boolean {
  return !prev || /[,;:.!?(]/.test(prev.post) || !(NUMERAL_BEFORE.test(prev.text) || ACRONYM.test(prev.text));
}

const infinitives = new Map<string, string | null>();

/** The base form of a third-person-singular verb ("rents" → "rent"), or null when the word is not one. */
export function baseForm(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower in IRREGULAR) return IRREGULAR[lower][0];
  if (!/[a-z]s$/.test(lower)) return null;
  if (!infinitives.has(lower)) {
    const inf = (nlp(`he ${lower}`).verbs().conjugate()[0] as { Infinitive?: string } | undefined)?.Infinitive ?? null;
    infinitives.set(lower, inf && inf !== lower && !/\s/.test(inf) ? inf : null);
  }
  return infinitives.get(lower)!;
}

function form(word: string, plural: boolean): string | null {
  const lower = word.toLowerCase();
  if (lower in IRREGULAR) return IRREGULAR[lower][plural ? 1 : 0];
  return baseForm(word);
}

/**
 * Makes every verb whose subject is "I" or "we" agree: the finite verb right
 * after the subject (adverbs and "not" may sit between) and the verbs
 * coordinated with it ("… and smokes", "…, has piloerection"). A clause with
 * another subject ("and my wife smokes", "which causes") is left alone.
 */
export function agreeWithFirstPerson(text: string): string {
  if (!/\b(I|we|We)\b/.test(text)) return text;
  // Counterfactual and double-stress variants repeat most sentences: parse each once.
  let out = agreed.get(text);
  if (out === undefined) {
    if (agreed.size > 20000) agreed.clear();
    agreed.set(text, (out = agree(text)));
  }
  return out;
}

const agreed = new Map<string, string>();

function agree(text: string): string {
  const terms = termsOf(text);
  const edits: { start: number; length: number; text: string }[] = [];
  let state: 'none' | 'finite' | 'after' | 'coord' = 'none';
  // chainVerb: a later item of the list began with a verb ("I have met a dietitian, follow the plan, walks for 30 minutes").
  // misread: the clause's verb was a plural noun to the tagger: a coordinated plural before its object is a verb too.
  // subordinate, past: "It began while I was watching TV and persists": a present verb after "and" goes back to the main clause.
  let [plural, chainVerb, misread, subordinate, past] = [false, false, false, false, false];
  terms.forEach((t, i) => {
    const word = t.text.replace(/[^A-Za-z'-]/g, '').replace(/^-+|-+$/g, '');
    const lower = word.toLowerCase();
    const isVerb = t.tags.includes('Verb');
    if ((word === 'I' || lower === 'we') && t.tags.includes('Pronoun') && isSubject(terms[i - 1])) {
      state = 'finite';
      plural = lower === 'we';
      chainVerb = false;
      misread = false;
      subordinate = i > 1 && (CLAUSE_BREAK.test(terms[i - 1].text) || /^(?:after|before|once)$/i.test(terms[i - 1].text));
      past = false;
    } else if (state === 'finite' || state === 'coord') {
      if (state === 'finite' && isVerb) past = t.tags.includes('PastTense') || /^(?:was|were|had|did)$/.test(lower);
      if (state === 'coord' && subordinate && past && isVerb && t.tags.includes('PresentTense')) state = 'none';
      else if (
        t.tags.includes('Adverb') ||
        t.tags.includes('Negative') ||
        t.tags.includes('Reflexive') ||
        BETWEEN.test(lower) ||
        (state === 'coord' && /^(and|or|but)$/i.test(lower))
      ) {
        // adverbs may sit between subject and verb: "I occasionally take"
      } else if (!isVerb && misreadVerb(terms, i, word, (state === 'finite' && !plural) || misread)) {
        // Right after "I" no plural noun can stand: "I smells of alcohol", "I rows on a team … and stocks shelves" are verbs.
        const f = form(word, plural) ?? word.slice(0, -1);
        edits.push({ start: t.offset.start, length: t.offset.length, text: f });
        misread = true;
        state = 'after';
      } else if (
        isVerb
          ? state === 'finite' || !LIST_NOUNS.test(word) || objectFollows(terms[i + 1], true)
          : listedVerb(terms, i, word, state === 'coord' ? chainVerb : true)
      ) {
        if (t.offset.length > 0 && (!isVerb || t.tags.includes('PresentTense') || lower in IRREGULAR)) {
          // "co-owns" → "co-own": only the last part of a hyphenated verb agrees.
          const cut = word.lastIndexOf('-') + 1;
          const f = form(word.slice(cut), plural);
          if (f) edits.push({ start: t.offset.start, length: t.offset.length, text: word.slice(0, cut) + f });
        }
        if (state === 'coord') chainVerb = true;
        state = 'after';
      } else state = 'after';
    } else if (state === 'after') {
      // "I say my pain improves … and is": a present verb right after a noun has that noun for its subject; what follows is that clause's.
      if (isVerb && newSubject(terms, i, lower)) state = 'none';
      else if (CLAUSE_BREAK.test(lower) && !(t.tags.includes('Preposition') && /^(as|since|until)$/.test(lower))) state = 'none';
      else if (/^(and|or|but)$/i.test(lower) && !isVerb) state = 'coord';
    }
    if (state !== 'none' && /[;:.!?(]/.test(t.post)) state = 'none';
    else if (state === 'after' && /,/.test(t.post)) state = 'coord';
  });
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    const original = out.slice(e.start, e.start + e.length);
    out = out.slice(0, e.start) + caseLike(original, e.text) + out.slice(e.start + e.length);
  }
  return out;
}

/**
 * A word the tagger read as a plural noun that is the verb of an "I" clause or list item: "I have a nasal voice, coughs when swallowing",
 * "…, walks for 30 minutes" after a list item that began with a verb. A complaint's plural stays unless a verb's object or clause follows.
 */
function listedVerb(terms: Term[], i: number, word: string, chain: boolean): boolean {
  const t = terms[i];
  if (!t.tags.includes('Plural') || /[,;:.!?)]/.test(t.post) || !baseForm(word)) return false;
  const next = terms[i + 1];
  if (!next || /^(?:and|or|but|of|nor)$/i.test(next.text)) return false;
  if (objectFollows(next, LIST_NOUNS.test(word)) || VERB_ONLY.test(word)) return true;
  return !LIST_NOUNS.test(word) && chain && next.tags.includes('Preposition');
}

/** A plural the tagger read as a noun where only the verb of the "I" clause can stand (`open`: right after "I", or after a misread head). */
function misreadVerb(terms: Term[], i: number, word: string, open: boolean): boolean {
  const t = terms[i];
  if (!open || !t.tags.includes('Plural') || /[,;:.!?)]/.test(t.post) || !/[a-z][^su'\W]s$/.test(word) || LIST_NOUNS.test(word)) return false;
  const next = terms[i + 1];
  return !!next && !/^(?:and|or|but|nor)$/i.test(next.text) && !next.tags.includes('Verb');
}

const objectFollows = (next: Term | undefined, noun = false) =>
  !!next &&
  ((TAKES_OBJECT.test(next.text) && !(noun && CLAUSE_BREAK.test(next.text))) ||
    ((next.tags.includes('Adverb') || /ly$/i.test(next.text)) && !(noun && FREQUENCY.test(next.text))));
