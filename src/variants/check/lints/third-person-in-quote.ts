import { isLayVoice } from '../scope.js';
import { clip } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'third-person-in-quote';

// The chart's third person for the teller or their household inside a quotation the teller speaks as "I" or "we":
// "I work nights, and the family rents a flat", "paid for by a well-off family", "the patient has had".
const THIRD = new RegExp(
  String.raw`(?<!\b(?:in|of|on|runs in) )\b[Tt]he (?:family|household|couple|patient)\b(?!['’]s? (?:history|doctor)| history\b)|` +
    String.raw`\b(?:paid for|supported|provided|owned|rented) by an? [\w-]+(?: [\w-]+)? family\b|\b[Aa]n? [\w-]+ family (?:rents|owns|pays|paid|lives)\b|` +
    String.raw`\b[Tt]he (?:mother|father|parents?) (?:states|says|reports|notes|adds|explains|mentions)\b`,
);
const FIRST = /\b(?:I|I'm|I've|we|We|we've|We've|my|My|our|Our)\b/;

export const thirdPersonInQuote: Lint = {
  name: NAME,
  description:
    'In the lay voice, a teller speaking as "I" or "we" never names themself or their household in the chart\'s third person ' +
    '("the family rents", "paid for by a well-off family", "the patient", "the mother states").',
  applies: isLayVoice,
  check({ variant, base }) {
    const defects: Defect[] = [];
    for (const q of variant.narrative.match(/"[^"]*"/g) ?? []) {
      const m = THIRD.exec(q);
      // The clean text's own quotation (someone quoted in the case) is not the probe's doing.
      if (m && FIRST.test(q) && !base.narrative.includes(q.slice(1, -1)))
        defects.push({ lint: NAME, message: `"${m[0]}" in the third person inside a first-person quotation`, excerpt: clip(q) });
    }
    return defects;
  },
};
