import type { QuestionType } from '../question-type.js';
import type { SentenceKind } from '../structure/sentence-kind.js';

/**
 * How much a unit of free text looks like the case's decisive clue, by what it
 * says rather than how many numbers it holds. Reviewers found the old
 * word-overlap pick moving vital signs, a normal abdomen or a daycare remark
 * while the sign, result or exposure that decides the question stayed put.
 */

const STOP = new Set(
  (
    'with from that this which their there most likely following patient patients other into than have been were will would should ' +
    'about after before over under between without within these those normal increased decreased elevated level levels serum ' +
    'due caused cause associated'
  ).split(' '),
);
export const stems = (text: string) => new Set((text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !STOP.has(w)).map((w) => w.slice(0, 6)));

/**
 * The gold option's words weighed by what they tell apart: a word no wrong
 * option holds counts 3, one some wrong options share 1, one every option
 * holds nothing ("shock" in "distributive shock" / "hypovolemic shock").
 */
export function goldWeights(gold: string, others: readonly string[]): Map<string, number> {
  const otherStems = others.map(stems);
  const out = new Map<string, number>();
  for (const w of stems(gold)) {
    const sharing = otherStems.filter((s) => s.has(w)).length;
    if (sharing < otherStems.length || !otherStems.length) out.set(w, sharing === 0 ? 3 : 1);
  }
  return out;
}

/** A named sign or eponym, a diagnosis or a tissue, smear, culture or image: the specific stuff a question turns on. */
const SPECIFIC = new RegExp(
  String.raw`\b(?:[A-Z][a-z]+(?:'s|’s)? (?:sign|test|phenomenon|triad|reflex|nodes?|spots?|lines?|bodies|cells?)|` +
    String.raw`consistent with|positive for|biops\w+|smear|cultures?|grows?|stain|aspirat\w+|crystals|casts|` +
    String.raw`imaging|radiograph\w*|x-ray|CT|MRI|ultrasound|ultrasonograph\w*|ECG|electrocardiogra\w+|electrophoresis|antibod\w+)\b`,
);
/** A test that reports a result ("Stool microscopy shows …"): for an examination "shows" says nothing specific. */
const RESULT = /\b(?:shows?|showed|reveals?|revealed|demonstrates?|demonstrated|(?:is|are|was|were) (?:notable|significant|remarkable) for)\b/i;
/** Findings that point nowhere in particular ("mild, diffuse tenderness"). */
const VAGUE = /\b(?:mild(?:ly)?|diffuse(?:ly)?|generali[sz]ed|nonspecific|non-specific|slight(?:ly)?|tender(?:ness)?)\b/i;
/** Past illnesses: background, seldom the clue itself. */
const PAST = /\b(?:(?:past )?medical history|has (?:a )?(?:\d+-year )?history of|was diagnosed with|(?:the previous|last) year)\b/i;
/** Family history: a risk, seldom the clue the question turns on. */
const FAMILY = /\bfamily history\b|\bruns in (?:the|his|her) family\b|\b(?:mother|father|sister|brother|uncle|aunt)\b/i;
/** What is abnormal: a mass, a rash, a raised value, a lost reflex. */
const ABNORMAL = new RegExp(
  String.raw`\b(?:elevated|increased|decreased|reduced|diminished|absent|low|high|enlarged|mass|masses|lesions?|nodules?|ulcers?|` +
    String.raw`ulcerat\w+|rash|plaques?|papules?|vesicles?|macules?|pustules?|petechiae|purpura|ecchymos\w+|murmurs?|bruits?|` +
    String.raw`gallop|effusion|infiltrates?|consolidation|opacit\w+|fractures?|deformit\w+|swelling|swollen|erythema\w*|` +
    String.raw`discharge|weakness|atrophy|fasciculations?|tremors?|` +
    String.raw`rigidity|nystagmus|hyper\w+|hypo\w+|icterus|jaundice|cyanosis|clubbing|hepatomegaly|splenomegaly|` +
    String.raw`lymphadenopathy|distended|distension|firm|hard|fixed|crust\w*|scars?|crackles|wheezes|stridor|blood in|bloody|positive|abnormal|irregular)\b`,
  'i',
);
/** Nothing found: a normal examination, vital signs within limits, a denial. */
const UNREMARKABLE = new RegExp(
  String.raw`\b(?:normal|unremarkable|within (?:normal|the reference) (?:limits|range)|no abnormalities|non-?contributory|` +
    String.raw`insignificant|clear to auscultation|soft,? non-?tender|non-?distended|stable|well-appearing|no (?:acute )?distress|` +
    String.raw`(?:no|without) (?:guarding|rebound)|^(?:there (?:is|are|was|were) )?no\b|` +
    String.raw`denies|no (?:personal |family )?history|does not (?:smoke|drink|use|take)|takes no|no (?:other )?medications?)\b`,
  'i',
);
/** A negation and what it covers, up to the next clause break. */
const NEGATED = /\b(?:no|not|without|denies|denied|negative for|absence of|absent)\b[^.;,]*(?:,\s*(?:or|nor)\b[^.;,]*)*/gi;
/** Care given or planned, not a finding ("He is started on …", "Surgery is planned"). */
const ACTION = new RegExp(
  String.raw`\b(?:is|are|was|were) (?:started|given|treated|prescribed|administered|admitted|transferred|scheduled|referred|` +
    String.raw`taken|brought to the (?:OR|operating)|planned)\b|\bundergoes\b|\breceives\b|\bis performed\b(?!.*\b(?:shows|reveals))`,
  'i',
);
/** History that pins a cause down: an exposure, a drug begun, a job, a trip, a past event. */
const KEY_HISTORY = new RegExp(
  String.raw`\b(?:recently (?:started|began|completed|returned|traveled|travelled)|start(?:ed|s) (?:taking|on)|began taking|` +
    String.raw`was (?:started|prescribed)|exposure|exposed|travel\w*|returned from|works? (?:as|at|in|with)|job|occupation|` +
    String.raw`bitten|bite|ingest\w*|overdos\w*|attempt\w*|radiation|transfusion|` +
    String.raw`unprotected|sexual\w*|injects?|camping|hiking|swimming|farm|pets?|birds?|allerg\w+)\b`,
  'i',
);
/**
 * Background, seldom the clue: a medication list, long-standing illnesses, sexual or menstrual history, a figure named
 * but not described ("A photograph of the rash is shown"), a test ordered with no result yet. Reviewers found such units
 * moved while the finding the question turns on stayed put.
 */
const BACKGROUND = new RegExp(
  String.raw`\b(?:medications?|takes|taking|(?:is|are) (?:shown|pending|obtained|ordered|sent|performed)\b(?!.*\b(?:shows?|reveals?|demonstrat\w+))|` +
    String.raw`shown in (?:the )?(?:picture|figure|image|photograph)|figure \d|sexually active|menses|menarche|menstrual|` +
    String.raw`(?:has|with) (?:a )?(?:history of )?(?:hypertension|diabetes|hyperlipidemia|hypercholesterolemia|asthma|obesity|` +
    String.raw`hypothyroidism|osteoarthritis|depression|coronary artery disease|chronic kidney disease)|afebrile|vaccinations?|immunizations?)\b`,
  'i',
);
/**
 * Means, schooling and housing ("has a master's degree and works as a consultant", "rents a small room", "lives on a pension"):
 * the social circumstances a socioeconomic counterfactual adds, never the clue. Review round 10 found such a sentence moved.
 */
const SOCIAL = new RegExp(
  String.raw`\b(?:rents?|rented|owns? (?:a|an|two|the|her|his)|pension|(?:minimum )?wage|salar(?:y|ies)|income|master's degree|` +
    String.raw`doctorate|left school|finished school|investment fund|law firm|company executive|well-off)\b`,
  'i',
);
/** Past or family history, a medication or comorbidity list, social circumstances: never confident enough to move as the decisive clue. */
export const isBackground = (text: string) => PAST.test(text) || FAMILY.test(text) || BACKGROUND.test(text) || SOCIAL.test(text);
/** A result that found nothing ("The pregnancy test is negative"): "negative for X" is caught by NEGATED. */
const NEGATIVE_RESULT = /\b(?:is|are|was|were) (?:negative|normal|unremarkable|within normal limits)\b/i;
/** Vital signs only: context for almost every question, decisive for almost none. */
const VITALS = /\b(?:temperature|pulse|blood pressure|respirations|respiratory rate|heart rate|vital signs|oxygen saturation|BMI)\b/i;

const KIND_WEIGHT: Record<QuestionType, Record<SentenceKind, number>> = {
  diagnosis: { test: 3, examination: 3, history: 1, measurement: 0 },
  finding: { test: 3, examination: 3, history: 1, measurement: 0 },
  // Split from finding for the anchoring cues only: weighed as before.
  association: { test: 3, examination: 3, history: 1, measurement: 0 },
  mechanism: { test: 3, examination: 2.5, history: 1.5, measurement: 0 },
  other: { test: 3, examination: 2.5, history: 1.5, measurement: 0 },
  management: { test: 2.5, examination: 2, history: 1.5, measurement: 1 },
  pharmacology: { test: 2, examination: 2, history: 2, measurement: 0.5 },
};

/** A unit's weight as the decisive clue for a question of this type. */
export function weigh(text: string, sentenceKind: SentenceKind, type: QuestionType, gold: Map<string, number>): number {
  // "Past medical history is notable for gout" reads as a result to the sentence classifier; it is background.
  const past = PAST.test(text);
  const kind = past ? 'history' : sentenceKind;
  let score = KIND_WEIGHT[type][kind];
  // Overlap with the gold option beyond what the wrong options share; capped so one long sentence cannot win on words alone.
  score += Math.min(
    6,
    [...stems(text)].reduce((n, w) => n + (gold.get(w) ?? 0), 0),
  );
  // "There is no lymphadenopathy", "without rebound": a sign named only to be denied is nothing found.
  const abnormal = ABNORMAL.test(text.replace(NEGATED, ' '));
  if (SPECIFIC.test(text)) score += 1.5;
  if (kind === 'test' && RESULT.test(text)) score += 1;
  if (abnormal) score += 1.5;
  if (VAGUE.test(text)) score -= 1;
  if (kind === 'history' && KEY_HISTORY.test(text) && !FAMILY.test(text)) score += 1.5;
  if (FAMILY.test(text)) score -= 1;
  if (past) score -= 1;
  if (UNREMARKABLE.test(text) && !abnormal) score -= 3;
  if (ACTION.test(text) && !SPECIFIC.test(text)) score -= 2.5;
  if (kind === 'measurement' && VITALS.test(text)) score -= 1;
  if (BACKGROUND.test(text)) score -= 2;
  if (NEGATIVE_RESULT.test(text) && !/\bpositive\b/i.test(text)) score -= 2;
  return score;
}
