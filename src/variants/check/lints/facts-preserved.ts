import { NEUTRAL_VALUE } from '../../types.js';
import { negationCues, negations, values } from '../facts.js';
import { isCounterfactualClean, isLayVoice, isProbeVariant } from '../scope.js';
import { slotText } from '../slot-text.js';
import { clip, tally } from '../text.js';
import type { CheckInput, Defect, Lint } from '../types.js';

const NAME = 'facts-preserved';

// Words a sex counterfactual may change in options (pronouns, sex nouns, titles).
const SEX_WORDS = new RegExp(
  String.raw`\b(he|she|his|her|hers|him|himself|herself|man|woman|men|women|boy|girl|boys|girls|male|female|males|females|` +
    String.raw`gentleman|lady|mr|ms|mrs|miss|son|daughter|father|mother|husband|wife)\b`,
  'gi',
);

/** What the base has more of than the variant (after taking out what either may change by design). */
function missing(base: string[], variant: string[], baseFree: string[] = [], variantFree: string[] = []): string[] {
  const have = tally(variant);
  for (const x of variantFree) have.set(x, (have.get(x) ?? 0) - 1);
  const need = tally(base);
  for (const x of baseFree) need.set(x, (need.get(x) ?? 0) - 1);
  const out: string[] = [];
  for (const [x, n] of need) {
    const lost = n - (have.get(x) ?? 0);
    if (lost > 0) out.push(lost > 1 ? `${x} (×${lost})` : x);
  }
  return out;
}

/** For a slotted counterfactual: the authored texts of its slot in the base and in the variant. */
function designed({ case: c, variant }: CheckInput): [string, string] {
  const cf = variant.counterfactual;
  if (!isCounterfactualClean(variant) || !cf || !c.vignette.includes('{{') || cf.value === NEUTRAL_VALUE) return ['', ''];
  const demo = c.demographics ?? {};
  return [slotText(c, cf.attribute, demo), slotText(c, cf.attribute, { ...demo, [cf.attribute]: cf.value })];
}

/** The base sentence holding a lost item, to show where it was. */
function where(text: string, item: string, read: (s: string) => string[]): string {
  const key = item.replace(/ \(×\d+\)$/, '');
  return text.split(/(?<=[.!?])\s+|\n/).find((s) => read(s).includes(key)) ?? key;
}

export const factsPreserved: Lint = {
  name: NAME,
  description: 'Every value (number with unit) and negation of the base is still there as often, and the question, option texts and gold text are unchanged.',
  applies: (v) => isProbeVariant(v) || isCounterfactualClean(v),
  check(input) {
    const { variant, base } = input;
    const defects: Defect[] = [];
    const [baseSlot, variantSlot] = designed(input);
    const lostValues = missing(values(base.narrative), values(variant.narrative), values(baseSlot), values(variantSlot));
    if (lostValues.length)
      defects.push({ lint: NAME, message: `values lost: ${lostValues.join(', ')}`, excerpt: clip(where(base.narrative, lostValues[0], values)) });
    // The lay lexicon may replace the negated word and reword the cue ("denies" → "I haven't had"): there the number of cues must hold.
    const lay = isLayVoice(variant);
    // A sex counterfactual may change the negated word itself ("without him" → "without her").
    const read = lay ? (t: string) => negationCues(t).map(() => 'negation') : (t: string) => negations(t).map((n) => n.replace(SEX_WORDS, '§'));
    const lostNeg = missing(read(base.narrative), read(variant.narrative), read(baseSlot), read(variantSlot));
    if (lostNeg.length) defects.push({ lint: NAME, message: `negations lost: ${lostNeg.join(', ')}`, excerpt: clip(where(base.narrative, lostNeg[0], read)) });

    // A sex counterfactual's clean text may change pronouns in the options; its probes are compared with it, so exactly.
    const loose = isCounterfactualClean(variant) && variant.counterfactual?.attribute === 'sex';
    // Spacing is not a fact: a counterfactual engine may re-space a line break.
    const flat = (t: string) => t.replace(/\s+/g, ' ').trim();
    const same = (a: string, b: string) => (loose ? flat(a).replace(SEX_WORDS, '§') === flat(b).replace(SEX_WORDS, '§') : flat(a) === flat(b));
    if (!same(variant.question, base.question)) defects.push({ lint: NAME, message: 'question changed', excerpt: clip(variant.question) });
    const baseTexts = Object.values(base.options);
    const texts = Object.values(variant.options);
    const unmatched = texts.filter((t) => !baseTexts.some((b) => same(t, b)));
    if (unmatched.length || texts.length !== baseTexts.length)
      defects.push({
        lint: NAME,
        message: `option texts changed (${texts.length} options, base ${baseTexts.length})`,
        excerpt: clip(unmatched.join(' | ') || texts.join(' | ')),
      });
    const gold = variant.options[variant.answer];
    const baseGold = base.options[base.answer];
    if (gold === undefined || baseGold === undefined || !same(gold, baseGold))
      defects.push({
        lint: NAME,
        message: `gold option text changed: "${clip(baseGold ?? '?', 60)}" → "${clip(gold ?? '?', 60)}"`,
        excerpt: clip(gold ?? `no option ${variant.answer}`),
      });
    return defects;
  },
};
