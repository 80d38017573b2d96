// Sleepiness words name either the state the patient is in now ("is drowsy but rousable") or a symptom they tell
// ("complaining of drowsiness at work for months"); the clause decides, and in doubt it stays a state.
const SLEEPY = /^(?:drows|somnolen|letharg)/i;
const EXAMINED = new RegExp(
  String.raw`\b(?:on (?:arrival|presentation|admission|(?:physical |mental status )?exam(?:ination)?)|at presentation|GCS|Glasgow|` +
    String.raw`a?rous(?:ed|able)|responsive|obeys|follows commands)\b`,
  'i',
);
// Someone else's account ("his wife reports lethargy") is no sign the patient can tell it; "a 29-year-old nurse" is the patient.
const COMPANION = new RegExp(
  String.raw`(?:\b(?:his|her|their|the|an?) |['’]s )(?:[a-z]+ )?(?:wife|husband|partner|mother|father|parents?|son|daughter|family|` +
    String.raw`relatives?|friends?|neighbou?r|nurses?|staff|care(?:giv)?er|roommate|boyfriend|girlfriend|brother|sister|sibling)\b`,
  'i',
);
// The last verb before the word: a copula or "appears" shows the state; a reporting verb makes it the patient's account.
const LAST_VERB = new RegExp(
  String.raw`.*\b(?:(is|are|was|were|been|appears?|appeared|seems?|seemed|looks?|looked|becom(?:es|e|ing)|became|remains?|remained|found)|` +
    String.raw`(complain\w*|reports?|reported|reporting|describ(?:es|ed|ing)|feels?|feeling|felt))\b`,
  'is',
);
const REPORTED = /\b(?:excessive(?:ly)?|daytime|caus(?:e|es|ed|ing)|side effects?|improve|relieve)\b[^.;]{0,30}$/i;
// A habit ("drowsy during the day") is a symptom even after a copula; a drug's effect only without one.
const HABIT = new RegExp(
  String.raw`^[^.;]{0,20}?\b(?:during the day|every day|all day|in the (?:afternoons|evenings|mornings)|at (?:work|school)|in class|` +
    String.raw`while driving|after meals)\b`,
  'i',
);
const DRUG = /^[^.;]{0,20}?\b(?:since (?:starting|taking)|after (?:starting|beginning)|from (?:the|his|her) (?:medication|medicine|drug|pills?|tablets?))\b/i;
// A duration ("for 3 months", "2 weeks of") makes it a symptom only in a patient who talks or is alert now.
const DURATION = new RegExp(
  String.raw`\b(?:for|over|during) (?:the )?(?:past |last |previous )?(?:\d+|an?|one|two|three|four|five|six|several|few|many)? ?(?:few )?` +
    String.raw`(?:days?|weeks?|months?|years?)\b|\b(?:\d+|one|two|three|four|five|six|several)[- ](?:days?|weeks?|months?|years?) (?:history )?of\b`,
  'i',
);
const ALERT = new RegExp(
  String.raw`(?<!\b(?:not|less|nor|no longer)\s(?:\w+\s)?)\b(?:alert|oriented (?:to person, place,? and time|(?:x|×) ?3)|` +
    String.raw`GCS (?:score )?(?:of |is )?15|normal mental status|mental status is normal)\b`,
  'i',
);
const TALKING = /\b(?:the patient|he|she) (?:also )?(?:says|states|reports|describes|denies|explains|mentions)\b/i;

/** The patient can talk now: an unnegated "alert", or the patient speaking in a story where no one brought them. */
const speaksNow = (text: string) => ALERT.test(text) || (TALKING.test(text) && !/\b(?:brought|accompanied)\b/i.test(text));
const SENTENCE_END = /[.;!?](?:\s|$)/;

/** The sleepiness word at text[at, end) is a symptom the patient tells, not the state they are in now. */
export function toldSymptom(text: string, at: number, end: number): boolean {
  if (!SLEEPY.test(text.slice(at, end))) return false;
  const clause =
    text
      .slice(Math.max(0, at - 200), at)
      .split(SENTENCE_END)
      .pop() ?? '';
  const rest = text.slice(end, end + 80).split(SENTENCE_END)[0];
  if (EXAMINED.test(clause + rest) || COMPANION.test(clause)) return false;
  if (HABIT.test(rest)) return true;
  const verb = LAST_VERB.exec(clause);
  if (verb?.[1]) return false;
  return verb?.[2] !== undefined || REPORTED.test(clause) || DRUG.test(rest) || (DURATION.test(`${clause} ${rest}`) && speaksNow(text));
}
