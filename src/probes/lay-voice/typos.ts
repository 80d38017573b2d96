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
  come: 'coem',
  brought: 'brougth',
  explaining: 'explaning',
  sorry: 'sory',
  great: 'graet',
  during: 'durring',
  found: 'foudn',
  being: 'bieng',
  time: 'tiem',
  you: 'yuo',
  including: 'inlcuding',
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
  /** The told sentence, and the sentence within it when it holds more (the teller's apology before the story). */
  sentence: number;
  part?: number;
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
  // Each sentence of the teller's once ("Sorry, I'm not great at explaining." stands before the story's first).
  const parts = texts.map((t) => t.split(/(?<=[.!?])(?=\s+[A-Z])/));
  const segs = parts.flatMap((ps, sentence) => ps.map((_, part) => ({ sentence, part })));
  const done: Typo[] = [];
  const free = (k: number) => open[segs[k].sentence] && !done.some((d) => d.sentence === segs[k].sentence && (d.part ?? 0) === segs[k].part);
  const slip = (k: number, re: RegExp, to: (m: string) => string) => {
    const { sentence, part } = segs[k];
    let word = '';
    parts[sentence][part] = parts[sentence][part].replace(re, (m) => {
      word = m;
      return to(m);
    });
    done.push({ sentence, ...(part ? { part } : {}), word, typo: to(word) });
  };
  for (const w of rng.shuffle(Object.keys(TYPOS))) {
    if (done.length >= max) break;
    const k = segs.findIndex((s, k) => free(k) && wordRe(w).test(parts[s.sentence][s.part]));
    if (k >= 0) slip(k, wordRe(w), (m) => m[0] + TYPOS[w].slice(1));
  }
  if (done.length < MIN_SLIPS) return [];
  // Room for a third slip: one "I" in lower case, in a sentence without one.
  const k = done.length < max ? segs.findIndex((s, k) => free(k) && OWN_I.test(parts[s.sentence][s.part])) : -1;
  if (k >= 0) slip(k, OWN_I, () => 'i');
  done.sort((a, b) => a.sentence - b.sentence || (a.part ?? 0) - (b.part ?? 0));
  texts.splice(0, texts.length, ...parts.map((ps) => ps.join('')));
  return done;
}

/** The fewest slips of the table a typed story carries: "a few", never one. */
export const MIN_SLIPS = 2;
