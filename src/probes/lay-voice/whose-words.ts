import type { SentenceKind } from '../structure/sentence-kind.js';
import type { PartKind } from '../structure/sentences-and-tables.js';
import { nlp } from '../../util/nlp.js';
import { clinicianAct, ownReport } from './report.js';

/**
 * Whose words a sentence of the case is in lay_voice: the teller's (inside the quotation) or the
 * clinicians' (outside it, word for word).
 */

/** A sentence or table line of the case, as lay_voice reads it. */
export interface Told {
  kind: PartKind;
  /** The clean text. */
  clean: string;
  /** What the sentence reports (null for a table line). */
  reports: SentenceKind | null;
  /** Told by the teller (true) or kept in the clinicians' words (false). */
  told: boolean;
}

/** A sentence the teller can tell: their history, or a finding they report as theirs; never the clinicians' doings, plans or notes. */
export function tellable(p: Told): boolean {
  if (clinicianAct(p.clean) || ASKS.test(p.clean) || EXAM_FRAME.test(p.clean) || MENTAL_STATUS.test(p.clean) || FOUND.test(p.clean)) return false;
  if (chartOnly(p.clean) || verbless(p.clean)) return false;
  if (SEEN_NOW.test(p.clean) || SPEECH_NOW.test(p.clean) || (SIGN_NOW.test(p.clean) && !SPAN.test(p.clean))) return false;
  if (SEEMS.test(p.clean) && !ownReport(p.clean)) return false;
  // A test result is never the teller's, even beside what they say ("He says he took nothing else, and ethanol is undetectable").
  return p.reports === 'history' || (p.reports !== 'test' && ownReport(p.clean));
}

const verbs = new Map<string, boolean>();
/** A chart fragment with no verb ("No significant family history.", "Otherwise healthy."): the clinicians' note, nobody's speech. */
function verbless(s: string): boolean {
  if (!verbs.has(s)) {
    if (verbs.size > 5000) verbs.clear();
    verbs.set(s, !nlp(s).has('#Verb'));
  }
  return verbs.get(s)!;
}

/**
 * A result or imaging finding ("is found on ultrasound to have"), a pointer to an image ("as shown", "shown in the photograph")
 * or a measurement converted in brackets ("7 lb 2 oz (3.2 kg)"): the chart's words, never anyone's speech.
 */
export const chartOnly = (s: string) => RESULT_IMAGE_CONVERSION.test(s);
const RESULT_IMAGE_CONVERSION = new RegExp(
  String.raw`\b(?:is|are|was|were) (?:found|noted|seen|shown|confirmed|diagnosed) (?:on|by|at|with) (?:an? |the )?(?:\w+ )?(?:ultrasound|` +
    String.raw`ultrasonography|sonograph\w*|x-ray|radiograph\w*|CT|MRI|scan|imaging|biopsy|endoscopy|colonoscopy|ECG|EKG|` +
    String.raw`echocardiograph\w*|testing|tests?|examination|exam|laboratory|studies)\b|\b(?:as|is|are) shown\b|\bshown (?:in|on|below|above)\b|` +
    String.raw`\b(?:in|on) the (?:accompanying |following )?(?:photograph|image|figure|picture|exhibit)\b|` +
    String.raw`\b(?:photograph|image|figure) (?:shows?|below|above)\b|\d[\d.,]*\s*(?:lb|oz|kg|g|cm|mm|m|in|ft|°[CF]|mg\/dL|mmol\/L)\b[^()]{0,20}` +
    String.raw`\(\s*\d[\d.,]*\s*(?:lb|oz|kg|g|cm|mm|m|in|inches|ft|°[CF]|mg\/dL|mmol\/L)\b`,
  'i',
);

/** What the clinicians found or read ("is found to have", "on presentation", "visibly", "records indicate", "appears restless"): theirs, wherever it stands. */
const FOUND = new RegExp(
  String.raw`\b(?:is|are|was|were) (?:found|noted|observed|seen|discovered) to\b|\b(?:on|at|upon) (?:presentation|arrival|` +
    String.raw`admission)\b|\bvisibly\b|\b(?:hospital |medical )?records? (?:indicate|show|reveal|document|note)s?\b|` +
    String.raw`\b(?:un)?detectable\b|\bappears?\b`,
  'i',
);

/**
 * How the patient behaves while being interviewed ("dozes off between questions", "avoids eye contact", "her affect is flat",
 * "In the office, she …"): what the clinicians saw at this visit, never the teller's words, however it is phrased.
 */
const SEEN_NOW = new RegExp(
  String.raw`\bbetween questions\b|\b(?:during|throughout|in the (?:course|middle) of) (?:the|this|our|her|his) (?:interview|` +
    String.raw`conversation|encounter|visit|consultation|assessment|history|examination|exam)\b|\bloses the thread\b|\beye contact\b|` +
    String.raw`\b(?:his|her) (?:affect|mood|speech|thought process|insight|judg(?:e)?ment|responses?|answers?) (?:is|are|was|were|` +
    String.raw`appears?|seems?)\b|\b(?:answers?|responds?) (?:each |every |all )?(?:questions?|to questions)\b|^In the (?:office|clinic|` +
    String.raw`exam(?:ination)? room|emergency department)\b|\b(?:is|was) (?:alert|oriented|cooperative|tearful|disheveled|` +
    String.raw`dishevelled|unkempt|well-groomed|poorly groomed|calm and cooperative)\b|\bin (?:no |mild |moderate |marked |severe |` +
    String.raw`obvious |significant |visible )?(?:acute )?(?:respiratory )?distress\b|\b(?:well|ill|toxic|sick)[- ]appearing\b`,
  'i',
);
/** How the patient's speech runs at this visit ("his speech drifts from topic to topic"): the clinicians' mental-status finding. */
const SPEECH_NOW =
  /\b(?:his|her) (?:speech|thoughts?|thought process|conversation|answers?) (?:\w+ly )?(?:drifts?|jumps?|wanders?|flits?|races?|trails? off|rambles?)\b/i;
/**
 * "He is agitated and sweating", "She is pale and diaphoretic": a sign of the patient's state as they are seen now is the clinicians'
 * observation, unless the sentence gives it a span of the history ("has been confused since yesterday", "for 2 days").
 */
const SIGN_NOW = new RegExp(
  String.raw`^(?:He|She|The patient|The (?:man|woman|boy|girl|child|infant|baby|toddler|newborn|adolescent)|This \w+)(?: \w+)? (?:is|appears|` +
    String.raw`looks|remains) (?:now |currently |still |visibly |very |mildly |markedly |profusely |extremely |increasingly )?(?:agitated|` +
    String.raw`diaphoretic|sweating|sweaty|lethargic|obtunded|somnolent|stuporous|confused|restless|pale|pallid|cyanotic|jaundiced|` +
    String.raw`icteric|drowsy|irritable|flushed|tachypneic|combative|uncooperative|unresponsive|mottled|clammy|distressed|anxious|` +
    String.raw`inconsolable|listless|delirious|paranoid)\b`,
);
const SPAN = /\b(?:since|for|over|has been|had been|have been|ago|yesterday|last|past|recently|lately|episodes?|when|whenever|after|before)\b/i;
/** "He seems to have difficulty …": an impression of the patient now, unless someone says it ("his wife says he seems …"). */
const SEEMS = /\b(?:seems?|seemed|looks?) (?:to|like|tired|unwell|ill|sleepy|confused|withdrawn|anxious|sad|pale|uncomfortable)\b/i;

/**
 * After the clinicians' words, the teller speaks again only of the patient's own history: a sentence
 * that says it is reported or is history ("she says", "has a history of", "takes", "never"), or one
 * that goes on from a sentence already told. An unmarked sentence after the clinicians' words goes
 * on with them ("On examination … There is a rash on his chest"; after the vital signs, "his speech
 * is quiet" is what they heard), and what happens after their doings ("Shortly after the transfusion
 * has begun, …") happened in their care.
 */
export function returnsToTeller(p: Told, before: Told | undefined): boolean {
  if (!ABOUT_PATIENT.test(p.clean) || IN_THEIR_CARE.test(p.clean)) return false;
  return (before?.told ?? false) || ownReport(p.clean) || HISTORY.test(p.clean) || HABIT.test(p.clean);
}

const IN_THEIR_CARE = new RegExp(
  String.raw`^(?:shortly |soon |immediately |directly |\d+ \w+ |a few \w+ |several \w+ )?(?:after|afterwards|following|` +
    String.raw`during|while|then|subsequently|later|thereafter|meanwhile|within|over the (?:next|following|course)|` +
    String.raw`the (?:next|following) (?:day|morning|evening|night))\b`,
  'i',
);
/** "She chairs the board", "He washes dishes": what the patient does in life, not what is seen now (which the exclusions are). */
const HABIT = new RegExp(
  String.raw`^(?:He|She) (?:\w+ly )?(?!(?:is|has|was|does|appears|looks|seems|exhibits|demonstrates|displays|shows|` +
    String.raw`withdraws|responds|follows|moves|opens|localizes|localises|grimaces|winces|flinches|cries|smiles|breathes|` +
    String.raw`speaks|answers|tracks|reaches|grasps|remains|lies|sits up|stands)\b)[a-z]+[^s\W]s\b`,
);
/** What marks a sentence as the patient's history rather than what was found. */
const HISTORY = new RegExp(
  String.raw`\b(?:history|histories|previously|prior|past|previous|other medical|ago|since (?:childhood|birth|then)|feels|` +
    String.raw`felt|wants|wanted|wishes|hopes|would like|prefers|eats|ate|walks|sleeps|exercises|as a (?:child|baby|` +
    String.raw`teenager)|never|ever|used to|takes|took|is taking|was taking|has been taking|drinks|drank|smokes|smoked|uses|` +
    String.raw`used|lives|lived|works|worked|born|vaccinat\w*|immuni[sz]ations?|allerg\w*|denies|denied|admits|admitted to|` +
    String.raw`family|(?:he|she|who) (?:is|was) (?:also )?(?:an? (?!\w+ (?:appearing|looking)\b)|retired|unemployed|` +
    String.raw`between jobs|chief|head|director|president)|sits on|owns|co-owns|runs|manages|stocks|sorts|packs|delivers|` +
    String.raw`repairs|teaches|studies)\b`,
  'i',
);

/** Found at this visit's examination ("On physical exam, he … but complains of pain"): the clinicians' finding, whatever the patient says during it. */
const EXAM_FRAME = new RegExp(
  String.raw`\b(?:on|upon|during) (?:the |her |his |a )?(?:physical |pelvic |abdominal |neurologic(?:al)? |bimanual |` +
    String.raw`rectal |speculum |breast |skin |eye |cardiac |chest )?exam(?:ination)?\b|\b(?:to|on) palpation\b|\b(?:was|` +
    String.raw`were|is|are) noted (?:on|during) (?:the )?(?:\w+ )?exam(?:ination)?\b`,
  'i',
);

/**
 * The mental-status examination ("disoriented to date and place", "recalls 1 of 3 words", "cannot do serial sevens", "MMSE score of 22",
 * "follows commands"): this visit's bedside tests, always the clinicians' words, whoever says the patient is muddled.
 */
const MENTAL_STATUS = new RegExp(
  String.raw`\b(?:dis|un)?oriented\b|\b(?:dis)?orientation\b|\b(?:recall|remember|repeat|register|name)\w* (?:\w+ ){0,4}(?:words|objects|` +
    String.raw`items|digits)\b|\bserial (?:sevens|7s|7's|subtractions?)\b|\b(?:months|days)\b[^.;]{0,40}\bbackwards?\b|\bspell\w* ` +
    String.raw`(?:"?world"? )?backwards?\b|\b(?:MMSE|MoCA|Mini-Mental|Montreal Cognitive|mini mental)\b|\bfollows? (?:[\w-]+ ){0,2}` +
    String.raw`(?:commands|instructions)\b|\b(?:attention|concentration|memory|cognitive) (?:tests?|testing|span|assessment|screen\w*)\b|` +
    String.raw`\bmental status (?:exam\w*|testing)\b`,
  'i',
);

/** The patient named in the sentence: what a teller coming back after the clinicians' words would speak of. */
const ABOUT_PATIENT = /\b(?:he|she|his|her|him|the patient|the (?:man|woman|boy|girl|child|infant|baby|toddler|newborn|adolescent|teenager))\b/i;
/** The patient's question ("She asks which treatment …"): the note reports it; quoted, "I ask which …" is no one's speech. */
const ASKS = /\b(?:asks?|asked|wonders?|wondered|wants to know|inquires?|enquires?|requests?)\b/i;
