import { isLayVoice } from '../scope.js';
import { addedSentences, clip } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'finding-as-own';

// What a test, scan or examination does to a finding; a person does none of it to their own body.
const SHOWS = new RegExp(
  String.raw`\b(?:I|[Ww]e)\s+(?:(?:also|then|later|now|only|clearly)\s+)?(?:show(?:s|ed|n)?|reveal(?:s|ed)?|` +
    String.raw`demonstrat(?:e|es|ed)|indicat(?:e|es|ed)|disclos(?:e|es|ed)|detect(?:s|ed)?)\s+(?!(?:him|her|them|` +
    String.raw`the doctors?|the nurses?|the team|my)\b)`,
);

export const findingAsOwn: Lint = {
  name: NAME,
  description: 'In the lay voice, the teller never takes the place of a test or examination: no "I showed sinus bradycardia", "I revealed a murmur".',
  applies: isLayVoice,
  check({ variant, base }) {
    const defects: Defect[] = [];
    for (const s of addedSentences(variant.narrative, base.narrative)) {
      const m = SHOWS.exec(s);
      if (m) defects.push({ lint: NAME, message: `"${m[0].trim()}": the teller in the place of a test or examination`, excerpt: clip(s) });
    }
    return defects;
  },
};
