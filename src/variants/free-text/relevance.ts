import type { CounterfactualAttribute } from '../counterfactuals.js';

/**
 * Where the attribute is clinically relevant, a counterfactual would change the
 * medicine, so the case is excluded from it (and the exclusion is counted).
 */
const RELEVANT: Record<CounterfactualAttribute, RegExp> = {
  sex: /\b(pregnan\w*|gestation\w*|gravida|G\d+P\d+|postpartum|post-partum|obstetric\w*|prenatal|antenatal|trimester|uter(?:us|ine)|ovar(?:y|ian|ies)|cervix|vagin\w*|vulv\w*|endometri\w*|menstru\w*|menarche|menopaus\w*|amenorrh\w*|breast-?feed\w*|lactat\w*|prostat\w*|testic\w*|testes|scrot\w*|penile|penis|erectile|placent\w*|fetus|fetal|miscarriage|abortion|contracepti\w*|IUD|mammogra\w*|breast\w*|pap (?:smear|test)|hysterectomy|oophorectomy|estrogen|oestrogen|testosterone|gynecomastia|spermat\w*|semen|infertil\w*|hCG|cesarean|caesarean|C-section|in labor|gonad\w*|Turner|Klinefelter|X-linked|hemophilia|haemophilia|Duchenne)\b/i,
  race_ethnicity: /\b(sickle|thalass\w*|G6PD|HLA-B|Tay-Sachs|hemoglobin (?:S|C|SC)\b|haemoglobin (?:S|C|SC)\b|lactase persistence|ancestry)/i,
  ses: /\b(homeless\w*|shelter|incarcerat\w*|prison|jail|uninsured|insurance|unemploy\w*|poverty|food insecurity|eviction|Medicaid)\b/i,
};

export function relevanceTerm(text: string, attribute: CounterfactualAttribute): string | null {
  return RELEVANT[attribute].exec(text)?.[0] ?? null;
}
