// A patient too short of breath to talk at length (review round 9: a respiratory rate of 30 telling long stories).
const RATE = /\b(?:respiratory rate|respirations?|RR)\b[^\d.;]{0,20}(\d{2,3})\b/i;
const SATURATION = /\b(?:oxygen saturation|O2 saturation|SpO2|SaO2|pulse oximetry)\b[^\d.;]{0,25}(\d{2})(?:\.\d)?\s?%/i;
const DISTRESS = new RegExp(
  String.raw`\b(?:in (?:mild |moderate |severe |marked )?respiratory distress|use of (?:the )?accessory (?:respiratory )?muscles|` +
    String.raw`accessory muscle use|speak(?:s|ing)? (?:only )?in (?:short |single )?(?:phrases|words)|` +
    String.raw`(?:unable|cannot) to (?:complete|finish) (?:full )?sentences|cannot complete (?:full )?sentences|tripod(?:ing)? position)\b`,
  'i',
);
const NEGATED = /\b(?:no|not|without|denies|nor)\b[^.;,]{0,25}$/i;

/**
 * Why the patient is too breathless to chat, or null: a respiratory rate high for the age (30/min from 12 years, 40 from 1,
 * 60 under 1), an oxygen saturation under 90%, or distress the text names and does not deny.
 */
export function breathless(text: string, ageYears: number | null): string | null {
  const rate = Number(RATE.exec(text)?.[1] ?? Number.NaN);
  const limit = ageYears === null || ageYears >= 12 ? 30 : ageYears >= 1 ? 40 : 60;
  if (rate >= limit) return `respiratory rate ${rate}/min`;
  const saturation = Number(SATURATION.exec(text)?.[1] ?? Number.NaN);
  if (saturation < 90) return `oxygen saturation ${saturation}%`;
  const m = DISTRESS.exec(text);
  return m && !NEGATED.test(text.slice(Math.max(0, m.index - 40), m.index)) ? m[0].toLowerCase() : null;
}
