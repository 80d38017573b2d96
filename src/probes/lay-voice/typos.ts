import type { Rng } from '../../util/rng.js';

/**
 * The slips a person leaves typing their story into a form: a dropped apostrophe ("Ive") and the common misspellings
 * of long everyday words ("definately"). Never a medical, drug, number, unit, quantity or negation word ("don't",
 * "never" are left out), and never a slip that reads as another real word ("it's" → "its", "I'll" → "ill", "we're" → "were"),
 * nor one ending in "-s" a tagger reads as a verb ("somtimes", "freinds").
 */
export const TYPOS: Readonly<Record<string, string>> = {
  "I've": 'Ive',
  "I'm": 'Im',
  "that's": 'thats',
  "there's": 'theres',
  "we've": 'weve',
  "he's": 'hes',
  "she's": 'shes',
  "what's": 'whats',
  because: 'becuase',
  definitely: 'definately',
  until: 'untill',
  believe: 'beleive',
  weird: 'wierd',
  really: 'realy',
  probably: 'probaly',
  basically: 'basicaly',
  finally: 'finaly',
  actually: 'actualy',
  usually: 'usualy',
  friend: 'freind',
  different: 'diffrent',
  remember: 'remeber',
  separate: 'seperate',
  received: 'recieved',
  occasionally: 'occasionaly',
  beginning: 'begining',
  tomorrow: 'tommorow',
  immediately: 'immediatly',
  embarrassed: 'embarassed',
  noticeable: 'noticable',
  occurred: 'occured',
  happened: 'happend',
  stopped: 'stoped',
  literally: 'literaly',
  completely: 'completly',
  especially: 'especialy',
  environment: 'enviroment',
  grateful: 'greatful',
  across: 'accross',
  business: 'buisness',
  exercise: 'excercise',
  appointment: 'apointment',
  which: 'wich',
  'a lot': 'alot',
  apartment: 'appartment',
  February: 'Febuary',
  restaurant: 'resturant',
  calendar: 'calender',
  library: 'libary',
  government: 'goverment',
  surprise: 'suprise',
  address: 'adress',
  necessary: 'neccessary',
  accommodation: 'accomodation',
  recommended: 'reccomended',
  awkward: 'akward',
  neighbour: 'nieghbour',
  neighbor: 'nieghbor',
};

/** The teller's own "I" typed in lower case, a phone's commonest slip; never a numeral ("type I diabetes") nor "I'm 38" (the age). */
const OWN_I = new RegExp(
  String.raw`(?<![\w'’-])(?<!\b(?:[Tt]ype|[Gg]rade|[Ss]tage|[Cc]lass|[Pp]hase|[Ff]actor|[Ll]evel|[Zz]one|[Cc]hapter)\s)` +
    String.raw`I(?=['’](?:ve|m|d|ll)\b| [a-z])(?!['’]m\s*\d)`,
);

/** The word where it stands as a whole word, its first letter in either case ("I've", "Because"). */
// Never beside a number ("I'm 38" is the age the facts are read from).
const wordRe = (w: string) => new RegExp(`(?<![\\w'’-]|\\d[\\s,]*)[${w[0].toUpperCase()}${w[0].toLowerCase()}]${w.slice(1)}(?![\\w'’-]|[\\s,]*\\d)`);

export interface Typo {
  sentence: number;
  word: string;
  typo: string;
}

/**
 * Up to `max` typos in the teller's typed words, one per sentence: `texts` are the told sentences, `open` whether each may
 * take one (no inner quotation). The table's words are tried in a seeded order; each lands in the first open sentence
 * holding it. The slip keeps the word's first letter's case ("Ive"). With none of the table's words, one "I" is typed "i".
 */
export function typeOut(texts: string[], open: readonly boolean[], rng: Rng, max: number): Typo[] {
  const done: Typo[] = [];
  for (const w of rng.shuffle(Object.keys(TYPOS))) {
    if (done.length >= max) break;
    const i = texts.findIndex((t, k) => open[k] && !done.some((d) => d.sentence === k) && wordRe(w).test(t));
    if (i < 0) continue;
    let found = '';
    texts[i] = texts[i].replace(wordRe(w), (m) => {
      found = m;
      return m[0] + TYPOS[w].slice(1);
    });
    done.push({ sentence: i, word: found, typo: found[0] + TYPOS[w].slice(1) });
  }
  // No word of the table in the teller's words: one "I" in lower case.
  const i = done.length ? -1 : texts.findIndex((t, k) => open[k] && OWN_I.test(t));
  if (i >= 0) {
    texts[i] = texts[i].replace(OWN_I, 'i');
    done.push({ sentence: i, word: 'I', typo: 'i' });
  }
  return done;
}
