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
  // Everyday words (round 13: two slips at least, so the table reaches most tellers' words).
  "you're": 'youre',
  "they're": 'theyre',
  the: 'teh',
  with: 'wiht',
  just: 'jsut',
  when: 'wehn',
  also: 'aslo',
  again: 'agian',
  their: 'thier',
  already: 'allready',
  always: 'allways',
  almost: 'allmost',
  tried: 'tryed',
  truly: 'truely',
  writing: 'writting',
  coming: 'comming',
  having: 'haveing',
  getting: 'geting',
  something: 'somthing',
  everything: 'everyting',
  anything: 'anyting',
  someone: 'somone',
  yesterday: 'yesturday',
  lately: 'latley',
  normally: 'normaly',
  recently: 'recenlty',
  suddenly: 'suddently',
  through: 'throught',
  thought: 'thougth',
  noticed: 'notcied',
  pretty: 'prety',
  little: 'littel',
  school: 'scool',
  worried: 'woried',
  around: 'arround',
  morning: 'moring',
  weekend: 'weekned',
  // Two keys swapped on a phone in short everyday words; never one that reads as another word ("form", "abut").
  have: 'hvae',
  about: 'abuot',
  after: 'afetr',
  this: 'thsi',
  that: 'taht',
  work: 'wrok',
  like: 'liek',
  some: 'soem',
  while: 'whiel',
  home: 'hoem',
  started: 'statred',
  there: 'tehre',
  since: 'sicne',
  went: 'wnet',
  could: 'coudl',
  would: 'woudl',
  they: 'tehy',
  what: 'waht',
  know: 'konw',
  think: 'thnik',
  down: 'donw',
  house: 'hosue',
  other: 'ohter',
  people: 'poeple',
  doing: 'doign',
  going: 'goign',
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
 * holding it. The slip keeps the word's first letter's case ("Ive"). "A few slips" are two of the table's at least (fewer:
 * none is made and the caller refuses the dose); a lower-case "i" comes only as a third, never the only slip.
 */
export function typeOut(texts: string[], open: readonly boolean[], rng: Rng, max: number): Typo[] {
  const done: Typo[] = [];
  const out = [...texts];
  for (const w of rng.shuffle(Object.keys(TYPOS))) {
    if (done.length >= max) break;
    const i = out.findIndex((t, k) => open[k] && !done.some((d) => d.sentence === k) && wordRe(w).test(t));
    if (i < 0) continue;
    let found = '';
    out[i] = out[i].replace(wordRe(w), (m) => {
      found = m;
      return m[0] + TYPOS[w].slice(1);
    });
    done.push({ sentence: i, word: found, typo: found[0] + TYPOS[w].slice(1) });
  }
  if (done.length < MIN_SLIPS) return [];
  // Room for a third slip: one "I" in lower case, in a sentence without one.
  const i = done.length < max ? out.findIndex((t, k) => open[k] && !done.some((d) => d.sentence === k) && OWN_I.test(t)) : -1;
  if (i >= 0) {
    out[i] = out[i].replace(OWN_I, 'i');
    done.push({ sentence: i, word: 'I', typo: 'i' });
  }
  texts.splice(0, texts.length, ...out);
  return done;
}

/** The fewest slips of the table a typed story carries: "a few", never one. */
export const MIN_SLIPS = 2;
