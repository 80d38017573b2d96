import type { Case } from '../../../cases/types.js';
import { cleanVariant } from '../../build.js';
import { sexSpecificTerm } from '../../free-text/relevance.js';
import { sexTerms } from '../../free-text/sex-terms.js';
import { clip, count } from '../text.js';
import type { Defect, Lint } from '../types.js';
import { NEUTRAL_VALUE } from '../../types.js';

const NAME = 'sex-specific';

// A spouse of the patient's own sex: the spouse stayed while the patient changed.
const SAME_SEX_COUPLE = /\b(?:his husband|her wife)\b/gi;

export const sexSpecific: Lint = {
  name: NAME,
  description:
    "A sex counterfactual names no anatomy or disease of the other sex (options, gold, the patient's own narrative), and the spouse follows the patient.",
  // Only a swapped sex: the own value and the neutral edit keep the text's sex, which eligibility already judged.
  applies: (v) =>
    v.counterfactual?.attribute === 'sex' && v.counterfactual.value !== NEUTRAL_VALUE && v.counterfactual.value !== v.provenance.counterfactualBaseline,
  check({ variant, case: c, profile }) {
    const sex = variant.counterfactual!.value as 'male' | 'female';
    const defects: Defect[] = [];
    // A child's options may name the mother's pregnancy or feeding ("exposure in utero", "breastfeeding jaundice"): not the child's sex.
    const child = profile.ageYears !== null && profile.ageYears < 10;
    for (const [letter, text] of Object.entries(variant.options)) {
      if (child && sexTerms(text).every((h) => h.group === 'obstetric')) continue;
      const hit = sexSpecificTerm(text);
      if (hit && hit.sex !== sex)
        defects.push({
          lint: NAME,
          message: `option ${letter}${letter === variant.answer ? ' (gold)' : ''} names ${hit.sex} "${hit.term}" for a ${sex} patient`,
          excerpt: clip(text),
        });
    }
    const own = sexSpecificTerm(variant.narrative);
    if (own && own.sex !== sex)
      defects.push({ lint: NAME, message: `the narrative gives the ${sex} patient ${hit(own)}`, excerpt: clip(around(variant.narrative, own.term)) });

    // Couples are compared with the case's own telling (the plain clean text, in the original sex).
    const orig = originalNarrative(c);
    if (count(variant.narrative, SAME_SEX_COUPLE) > count(orig, SAME_SEX_COUPLE)) {
      defects.push({
        lint: NAME,
        message: 'the spouse did not follow the patient: a same-sex couple the original did not have',
        excerpt: clip(around(variant.narrative, first(variant.narrative, SAME_SEX_COUPLE))),
      });
    }
    return defects;
  },
};

const hit = (h: { term: string; sex: string }) => `${h.sex} "${h.term}"`;
const first = (text: string, re: RegExp) => new RegExp(re.source, 'i').exec(text)?.[0] ?? '';

const originals = new WeakMap<Case, string>();
function originalNarrative(c: Case): string {
  let t = originals.get(c);
  if (t === undefined) originals.set(c, (t = cleanVariant(c).narrative));
  return t;
}

function around(text: string, term: string): string {
  const i = text.toLowerCase().indexOf(term.toLowerCase());
  return i < 0 ? term : text.slice(Math.max(0, i - 70), i + term.length + 70);
}
