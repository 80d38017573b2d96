// A patient too ill to talk at length (review round 9: a respiratory rate of 30 telling long stories; round 10: SpO2 91% and RR 26,
// ongoing chest pain, a febrile, vomiting, jaundiced patient after surgery).
const RATE = /\b(?:respiratory rate|respirations?|RR)\b[^\d.;]{0,20}(\d{2,3})\b/i;
const SATURATION = /\b(?:oxygen saturation|O2 saturation|SpO2|SaO2|pulse oximetry)\b[^\d.;]{0,25}(\d{2})(?:\.\d)?\s?%/i;
const DISTRESS = new RegExp(
  String.raw`\b(?:in (?:mild |moderate |severe |marked )?respiratory distress|use of (?:the )?accessory (?:respiratory )?muscles|` +
    String.raw`accessory muscle use|speak(?:s|ing)? (?:only )?in (?:short |single )?(?:phrases|words)|` +
    String.raw`(?:unable|cannot) to (?:complete|finish) (?:full )?sentences|cannot complete (?:full )?sentences|tripod(?:ing)? position)\b`,
  'i',
);
/** A breathing complaint the story names: with it, a rate above 24 is a patient working to breathe. */
const BREATHING = new RegExp(
  String.raw`\b(?:short(?:ness)? of breath|breathless\w*|dyspn(?:o)?e(?:a|ic)|difficulty (?:in )?breathing|trouble breathing|wheez\w*|` +
    String.raw`breathing (?:quickly|fast|rapidly)|tachypn\w+)`,
  'gi',
);
const NEGATED = /\b(?:no|not|without|denies|nor)\b[^.;,]{0,25}$/i;
const named = (re: RegExp, text: string) =>
  [...text.matchAll(new RegExp(re.source, 'gi'))].find((m) => !NEGATED.test(text.slice(Math.max(0, m.index - 40), m.index))) ?? null;

/**
 * Why the patient is too breathless to chat, or null: a respiratory rate high for the age (30/min from 12 years, 40 from 1,
 * 60 under 1), or above 24/min from 12 years with a breathing complaint named; an oxygen saturation under 92%; or distress
 * the text names and does not deny.
 */
export function breathless(text: string, ageYears: number | null): string | null {
  const rate = Number(RATE.exec(text)?.[1] ?? Number.NaN);
  const adult = ageYears === null || ageYears >= 12;
  const limit = ageYears === null || ageYears >= 12 ? 30 : ageYears >= 1 ? 40 : 60;
  if (rate >= limit) return `respiratory rate ${rate}/min`;
  if (adult && rate > 24 && named(BREATHING, text)) return `respiratory rate ${rate}/min with ${named(BREATHING, text)![0].toLowerCase()}`;
  const saturation = Number(SATURATION.exec(text)?.[1] ?? Number.NaN);
  if (saturation < 92) return `oxygen saturation ${saturation}%`;
  const m = named(DISTRESS, text);
  return m ? m[0].toLowerCase() : null;
}

/** Chest pain now: a sentence naming it with an onset in minutes or hours, or as ongoing, and no weeks, exertion or resolution. */
const CHEST = /\bchest (?:pain|pressure|tightness|discomfort)\b/i;
const NOW = /\b(?:\d+|an?|one|two|three|four|five|six|several|few) (?:minutes?|hours?)\b|\b(?:ongoing|persistent|constant|crushing|currently|at rest)\b/i;
const NOT_NOW = /\b(?:days?|weeks?|months?|years?)\b(?!-old)|\b(?:exertion|exercise|resolved|subsided|resolves|intermittent|episodes?|history of)\b/i;
/** A few days after an operation, with at least two of fever, vomiting and jaundice: a patient unwell in bed, not chatting. */
const POSTOP =
  /\b(?:post-?operative(?:ly)?|(?:days?|hours?) (?:after|following) (?:an? |the |her |his )?(?:[\w-]+ ){0,3}(?:surgery|operation|\w+ectomy|\w+otomy))\b/i;
const SYSTEMIC = [/\b(?:fever|febrile|pyrexi\w*|temperature (?:is |of )?(?:39|40|10[2-5]))/i, /\bvomit\w*/i, /\b(?:jaundic\w*|icter\w*|yellow(?:ing)? of)/i];

/** Blood pressure held up by a vasopressor infusion: shock under treatment. */
const PRESSOR = /\b(?:receiving|on|started on|requir(?:es|ing)|needs?)\b[^.;]{0,60}\b(?:norepinephrine|noradrenaline|vasopressin|vasopressors?|pressors?)\b/i;

/** Blood pressure held up by a vasopressor infusion, not negated ("receiving intravenous meropenem and norepinephrine"). */
export const onPressor = (text: string): boolean => named(PRESSOR, text) !== null;

/** Why the patient is too ill to talk at length though not breathless, or null: active chest pain, a vasopressor, or a systemic illness after surgery. */
export function unwell(text: string): string | null {
  if (onPressor(text)) return 'on a vasopressor';
  const sentences = text.split(/(?<=[.!?])\s+/);
  if (sentences.some((s) => named(CHEST, s) && NOW.test(s) && !NOT_NOW.test(s))) return 'active chest pain';
  const systemic = SYSTEMIC.filter((re) => named(re, text)).length;
  return POSTOP.test(text) && systemic >= 2 ? 'fever, vomiting or jaundice after surgery' : null;
}
