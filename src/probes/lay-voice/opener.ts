import { NUMBER_WORD } from '../../util/number-words.js';
import { terms as termsOf, type Term } from '../../util/nlp-terms.js';

/** Where the patient is introduced in the opening sentence: "a 57-year-old White man [with diabetes] presents …". */
export interface Introduction {
  /** Offsets of the noun phrase "a 57-year-old White man" (article included). */
  start: number;
  end: number;
  /** "57-year-old White", the age and modifiers before the head noun. */
  modifiers: string;
  /** "man"; null when the age stands alone ("a 45-year-old presents"). */
  head: string | null;
  /** Offset where the main verb starts ("presents"), after trailing modifiers ("with diabetes"); null if not found. */
  verbAt: number | null;
}

// Unlike OPENING_AGE (cases/lexicon/age-phrase.ts), the whole noun phrase, article and modifiers included, however the age is written.
// The age may be spelled ("a forty-five-year-old", the neutral edit's).
const AGE_NP = new RegExp(
  String.raw`\b(an?|the)\s+((?:[A-Za-z-]+\s+){0,2}?(?:\d+(?:\.\d+)?|${NUMBER_WORD})[- ](?:year|month|week|day)s?[- ]old)(?=[\s-])`,
  'i',
);
/** No age stated: "A man is brought …" at the very start. */
const BARE_NP = /^(an?)\s+(?=(?:[A-Za-z-]+\s+){0,2}?(?:man|woman|boy|girl|infant|newborn|neonate|baby|child|toddler|patient|male|female)\b)/i;
const STOP = new RegExp(
  String.raw`^(with|who|whose|that|which|at|in|on|of|from|for|and|or|to|by|after|before|during|since|because|presents?|` +
    String.raw`presented|is|was|has|had|comes|came|returns|visits|attends|develops|complains|reports|undergoes|seeks|` +
    String.raw`schedules|arrives|calls|says|asks|wants|requests)$`,
  'i',
);
/** Past participles that open a reduced relative ("a man born at term", "a woman diagnosed with …"), not the main verb. */
const REDUCED = /^(born|diagnosed|treated|known|previously|recently|admitted|referred|found|seen|noted|scheduled|taking|living|working|undergoing|receiving)$/i;

const MAIN = new RegExp(
  String.raw`^(presents|presented|is|was|has|had|comes|came|returns|visits|attends|develops|complains|reports|undergoes|` +
    String.raw`seeks|schedules|arrives|calls|says|asks|wants|requests|experiences|notices|sustains|collapses|goes|becomes|` +
    String.raw`receives|delivers|gives)$`,
  'i',
);

/** The patient's noun phrase in the opening sentence, found by its stated age; null when none is stated. */
export function introduction(sentence: string): Introduction | null {
  // The same opening recurs in every counterfactual and double-stress variant of a case.
  if (!introductions.has(sentence)) {
    if (introductions.size > 5000) introductions.clear();
    introductions.set(sentence, introduce(sentence));
  }
  return introductions.get(sentence)!;
}

const introductions = new Map<string, Introduction | null>();

function introduce(sentence: string): Introduction | null {
  const m = AGE_NP.exec(sentence) ?? BARE_NP.exec(sentence);
  if (!m) return null;
  const ageEnd = m.index + m[0].length;
  const terms = termsOf(sentence).filter((t) => t.offset.start >= ageEnd && t.offset.length > 0);
  let end = ageEnd;
  let head: string | null = null;
  let i = 0;
  for (; i < terms.length && i < 5; i++) {
    const t = terms[i];
    const word = t.text;
    const nominal = t.tags.some((x) => x === 'Noun' || x === 'Adjective' || x === 'Value' || x === 'Acronym') && !t.tags.includes('Pronoun');
    if (!nominal || STOP.test(word) || (t.tags.includes('Verb') && !t.tags.includes('Noun'))) break;
    end = t.offset.start + t.offset.length;
    head = word;
    if (/[,;:.]/.test(t.post)) {
      i++;
      break;
    }
  }
  const phrase = sentence.slice(m.index + m[1].length, end).trim();
  const modifiers = head ? phrase.slice(0, phrase.length - head.length).trim() : phrase;
  return { start: m.index, end, modifiers, head, verbAt: mainVerb(terms.slice(i)) };
}

/** The first finite verb after the noun phrase, skipping a relative clause ("who has had …") and reduced relatives ("born at …"). */
function mainVerb(terms: Term[]): number | null {
  // When one of the usual opening verbs is there, only those count: "poorly controlled hypertension" holds no main verb.
  const listed = terms.some((t) => MAIN.test(t.text));
  let relative: 'none' | 'open' | 'verb' | 'done' = 'none';
  for (const [k, t] of terms.entries()) {
    const word = t.text.toLowerCase();
    // Inside "who injects heroin", any verb is the clause's own, whatever opening verb follows it.
    const verb = MAIN.test(word) || ((!listed || relative === 'open') && (isVerb(t) || pluralBeforeObject(t, terms[k + 1])));
    if (/^(who|that|which|whose)$/.test(word)) relative = 'open';
    else if (verb && !REDUCED.test(word)) {
      if (relative === 'none' || relative === 'done') return t.offset.start;
      relative = 'verb';
    } else if (relative === 'verb' && !t.tags.includes('Adverb') && !t.tags.includes('Negative')) relative = 'done';
  }
  return null;
}

const isVerb = (t: Term) => t.tags.includes('Verb') && !t.tags.includes('Gerund') && !t.tags.includes('Noun');
/** "wears a monitor": the tagger reads "wears" as a plural noun, but a plural noun is not followed straight by an article. */
const pluralBeforeObject = (t: Term, next: Term | undefined) =>
  t.tags.includes('Plural') && /[a-z]s$/.test(t.text) && !t.post.trim() && next !== undefined && /^(?:a|an|the|his|her|their)$/i.test(next.text);
