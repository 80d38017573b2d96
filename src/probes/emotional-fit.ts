import type { PatientProfile } from './profile.js';

/**
 * What the case allows of the passage beyond the phrase tags (issue 13, review round 10): no playing down a
 * severe acute presentation, no adult turns of phrase from a child, and a quote that does not say "says"
 * again right after a sentence that already reported the speaker's words (round 11: nor "adds" with nothing quoted before).
 */

/** Severe acute presentation: severe pain, a reduced GCS, shock or low systolic pressure, a one-sided paralysis, unresponsiveness. */
const SEVERE = new RegExp(
  String.raw`\bsevere(?:ly)?\b[^.;]{0,40}?\b(?:pain|headache|ache|cramps?|distress)\b|\bworst headache\b|\bexcruciating\b|\bthunderclap\b|` +
    String.raw`\b(?:10|9)/10\b|\bshock\b|\bhypotensi\w*|\bhemi(?:paresis|plegia)\b|\bunresponsive\b|\bobtunded\b|\bstupor\w*|\bcomatose\b|` +
    String.raw`\bstatus epilepticus\b|\bcardiac arrest\b|\bintubated\b`,
  'i',
);
const GCS = /\b(?:GCS|Glasgow Coma Scale)(?: score)?(?: is| of|:)?\s*(\d{1,2})\b/i;
const SYSTOLIC = /\bblood pressure (?:is |was |of )?(\d{2,3})\/\d{2,3}/i;

/** A presentation nobody plausibly plays down (a sudden headache with hemiparesis, a GCS below 15, shock, severe pain). */
export function severe(text: string): boolean {
  if (SEVERE.test(text.replace(/\bno (?:signs? of )?shock\b|\bnot (?:in )?shock\b/gi, ''))) return true;
  const gcs = GCS.exec(text);
  if (gcs && Number(gcs[1]) < 15) return true;
  const bp = SYSTOLIC.exec(text);
  return bp !== null && Number(bp[1]) < 90;
}

/** Turns of phrase only an adult uses of their own care: not from a child or teenager telling their own story. */
const ADULT_VOICE = new RegExp(
  String.raw`\b(?:hold anything back|in the dark|my own body|talk down|formal complaint|someone senior|excuses|a decision|number rather|` +
    String.raw`need you more|enough on|not the sort|not one for doctors|getting on with the day|keep (?:the family|everyone else) happy|` +
    String.raw`taking up (?:a bed|time)|hard to bear|drama|far worse off|keep this quick|keep you long|get out of your way|whatever it takes|` +
    String.raw`someone who can|start giving answers|vague answers|jargon|second-guessed|waste your time|get this over with|runaround|` +
    String.raw`looked up|searched online|online|rest of the family|the day)\b`,
  'i',
);

/** A patient under 18 speaking for themselves. */
export const youngSpeaker = (p: PatientProfile) => p.speaker === 'patient' && ['child', 'adolescent'].includes(p.ageBand ?? '');

/** A line that sounds adult from a child or teenager who speaks for themselves. */
export const adultOnly = (p: PatientProfile, line: string) => youngSpeaker(p) && ADULT_VOICE.test(line);

/** An opener that already reports what the speaker says, or how they speak ("says any help …", "keeps asking …", "answers in clipped …"). */
const REPORTS_SPEECH =
  /\b(?:says?|saying|ask(?:s|ing)?|answers?|admits?|complains?|mentions?|promises?|begs?|snaps?|insists?|demands?|calls|pleads?|pleading|speaks|reminding)\b/i;
const TAG = /("\s+[^"]*?)\b(?:says|asks|pleads|snaps|demands|whispers|warns|insists|begs)\b/;
/** The quote's closing punctuation and its tag: `," she says sharply.` */
const QUOTE_TAG = /([,.?!]?)"\s+[^"]*$/;

/**
 * After an opener that reported the speaker's words, the quote is not tagged "says" again. "Adds" only follows an earlier
 * direct quote (review round 11: "'Please, …,' he adds" as the first quote read as stitching); otherwise the quote stands
 * alone after the opener, its tag and manner dropped ("… says the not knowing is the hardest part. \"Am I going to be okay?\"").
 * `same`: the opener's subject is the one who speaks the quote ("The rest of the family …" is not).
 */
export function attribution(opener: string, demand: string, same = true): string {
  if (!same || !REPORTS_SPEECH.test(opener.replace(/"[^"]*"/g, ''))) return demand;
  if (/"[^"]+"/.test(opener)) return demand.replace(TAG, '$1adds');
  return demand.replace(QUOTE_TAG, (_, p: string) => `${p === ',' || !p ? '.' : p}"`);
}
