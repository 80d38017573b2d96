/**
 * Sentences that lean on the one before them (a time anchor, a leading pronoun,
 * "else", "also"): a probe may not move them away from it.
 */

const TIME_ANCHOR = new RegExp(
  '^(?:' +
    [
      'afterwards?',
      'after (?:that|this|these|those|the|treatment|admission|discharge|surgery|delivery|resuscitation|stabili[sz]ation|initial)\\b',
      'then',
      'the (?:next|following|same) (?:day|morning|afternoon|evening|night|week|month|year)',
      'later',
      'subsequently',
      '(?:over|within|during|in) the (?:next|following|subsequent|ensuing) (?:\\d+ |few |several |two |three |four |' +
        'five |six |24 |48 |72 )?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)',
      'since (?:then|that|this)\\b',
      'after which',
      'following (?:this|that|these|those)\\b',
      'in spite of (?:this|that)',
      'because of (?:this|that)',
      'consequently',
      'nonetheless',
      'instead',
      'shortly (?:after|afterwards?|thereafter)',
      'soon after',
      'thereafter',
      'meanwhile',
      'in the meantime',
      '(?:\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|several|' +
        'a few) (?:more )?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) (?:later|after(?:wards?)?)',
      'despite (?:this|these|that|those|treatment|therapy|the|these|adequate|appropriate|initial)\\b',
      'at (?:that|this|the same) (?:time|point|moment)',
      'during (?:this|that|the) (?:time|period|episode|visit|admission|stay)',
      'on (?:the )?(?:next|following|same) (?:day|morning|evening)',
      'by (?:then|that time|the (?:next|following) (?:day|morning))',
      'in response\\b',
      'as a result\\b',
      'however\\b',
      'nevertheless\\b',
      'otherwise\\b',
    ].join('|') +
    ')\\b',
  'i',
);

/** "She denies taking anything else": meaningful only after what "else" excludes. */
// "He also has reflux", "A reduction in this mechanism …": the sentence leans on one before it.
const ALSO_EARLY = /^(?:\S+\s+){1,2}also\b/i;
const THIS_EARLY = new RegExp(
  String.raw`^(?:\S+\s+){0,4}(?:this|these|such) (?!(?:morning|afternoon|evening|night|week|month|year|time|patient|man|` +
    String.raw`woman|boy|girl|child|infant|baby|visit|admission)\b)[a-z]+`,
  'i',
);
const ELSE = new RegExp(
  String.raw`\b(?:anything|nothing|something|everything|anyone|no one|nobody) else\b|\bother than (?:this|that|these|` +
    String.raw`those|it)\b|\bthe (?:former|latter)\b|\bin addition to (?:this|that|these|those|it)\b`,
  'i',
);

/** Opening words that only mean something with the sentence before them. */
const ANAPHOR = /^(?:this|these|that|those|such|it|they)\b/i;
/** …but "This morning …" counts from now, "This patient …" names the patient, "It is thought that …" is no pronoun. */
const NOT_ANAPHOR = new RegExp(
  String.raw`^(?:(?:this|that) (?:morning|afternoon|evening|night|week|month|year|past|weekend|summer|winter|spring|` +
    String.raw`autumn|fall)\b|(?:this|these) (?:patients?|man|woman|boy|girl|child|infant|newborn|neonate|baby|toddler|` +
    String.raw`adolescent|person)\b|it (?:is|was) (?:\w+ )?(?:believed|thought|known|determined|estimated|suspected|reported|` +
    String.raw`noted|unclear|unknown|likely|unlikely|possible)\b)`,
  'i',
);
/** Subjects that name nothing by themselves ("The symptoms began …"); "The pain …" names its thing and may move. */
const BARE_REFERENCE = new RegExp(
  String.raw`^(?:the|both|all|each of the|neither of the|none of the) (?:symptoms?|episodes?|attacks?|findings|condition|` +
    String.raw`problem|complaints?|events?|incidents?|former|latter|above|same|two|three)\b`,
  'i',
);

const FEMALE = 'mother|mom|wife|sister|daughter|grandmother|grandma|aunt|niece|girlfriend|stepmother|fiancée|fiancee';
const MALE = 'father|dad|husband|brother|son|grandfather|grandpa|uncle|nephew|boyfriend|stepfather|fiancé|fiance';
const OTHER_SUBJECT = new RegExp(
  `^(his|her)\\s+(?:(?:older|younger|elder|twin|biological|adoptive|paternal|maternal|\\d+-year-old)\\s+)*(?:(${FEMALE})|(${MALE}))\\b`,
  'i',
);

/**
 * Whether a sentence can only follow the one before it: a time anchor ("Afterwards, …", "The next day …",
 * "Two hours later, …"), a leading This/These/That/Such/It/They, a bare subject ("The symptoms …"), or —
 * only when `previous` is given — He/She/His/Her right after a sentence whose subject is a relative of the
 * other sex from the patient ("His mother has diabetes. She …").
 */
export function refersBack(sentence: string, previous?: string): boolean {
  // A connective in front does not change what the sentence leans on: "Also, it shows …" still needs its "it".
  const s = sentence
    .trimStart()
    .replace(/^["'“‘(]+/, '')
    .replace(/^(?:also|in addition|additionally|furthermore|moreover|again|now|and|but|so),?\s+/i, '');
  if (TIME_ANCHOR.test(s) || (ANAPHOR.test(s) && !NOT_ANAPHOR.test(s)) || BARE_REFERENCE.test(s) || ELSE.test(s) || ALSO_EARLY.test(s) || THIS_EARLY.test(s))
    return true;
  if (previous === undefined) return false;
  const other = OTHER_SUBJECT.exec(previous.trimStart());
  const pronoun = /^(he|his|him|she|her)\b/i.exec(s)?.[1].toLowerCase();
  if (!other || !pronoun) return false;
  const patientFemale = other[1].toLowerCase() === 'her';
  const relativeFemale = other[2] !== undefined;
  const pronounFemale = pronoun === 'she' || pronoun === 'her';
  // Same sex as the patient: the pronoun may be the patient again, so the sentence stays movable.
  return relativeFemale !== patientFemale && pronounFemale === relativeFemale;
}

/**
 * A sentence that refers back to a span or events the one before set up ("a 3-kg weight loss during this time", "since
 * then", "the episodes"): a tangent in between would become what it points at (review round 11).
 */
const BACK_REFERENCE = new RegExp(
  String.raw`\b(?:(?:this|that|the same) (?:time|period|span|interval|stretch)|(?:these|those|the|such) (?:episodes?|attacks?|spells?)|` +
    String.raw`(?:at|by|until|since|from) (?:that|this) (?:point|time|stage|day)|(?:since|by|until) then|over (?:this|that|the same) (?:period|time)|` +
    String.raw`during (?:this|that|which|these|those)\b|in the meantime|thereafter|ever since)\b`,
  'i',
);
/** The first sentence of a unit refers back ("He has had a 3-kg weight loss during this time."). */
export const pointsBack = (text: string): boolean => BACK_REFERENCE.test(/^.*?[.?!](?=\s+["'“A-Z]|\s*$)/s.exec(text)?.[0] ?? text);
