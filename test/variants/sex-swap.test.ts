import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { counterfactualEligibility, renderCounterfactual } from '../../src/variants/counterfactuals.js';
import { sexOptionTerm, sexRelevance, sexSpecificTerm } from '../../src/variants/free-text/relevance.js';
import { detectSex, sexMarkers } from '../../src/cases/lexicon/sex-words.js';
import { sexSwapPlan, swapSex } from '../../src/variants/free-text/sex.js';
import { setRace, statedRace } from '../../src/variants/free-text/race.js';
import { MEDQA } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';

describe('free-text sex engine', () => {
  it('swaps the patient, and the partner with the partner’s pronouns', () => {
    assert.equal(
      swapSex(
        'A 34-year-old woman comes with her husband. She says her pain started after he gave her a massage. Ms. Lee ' +
          'is a mother of two; the pain is hers. Her mother has diabetes.',
        'male',
      ),
      'A 34-year-old man comes with his wife. He says his pain started after she gave him a massage. Mr. Lee is a ' +
        'father of two; the pain is his. His mother has diabetes.',
    );
    assert.equal(
      swapSex('A 60-year-old man is brought by his wife. She says he told her he fell.', 'female'),
      'A 60-year-old woman is brought by her husband. He says she told him she fell.',
    );
    assert.equal(swapSex('He lives with his fiancée and sees his ex-wife monthly.', 'female'), 'She lives with her fiancé and sees her ex-husband monthly.');
    assert.equal(swapSex('A 19-year-old woman and her girlfriend.', 'male'), 'A 19-year-old man and his boyfriend.');
  });
  it('keeps blood relatives and their pronouns', () => {
    assert.equal(
      swapSex('A 6-year-old boy is brought by his father. The boy says he fell; his sister saw it and told him.', 'female'),
      'A 6-year-old girl is brought by her father. The girl says she fell; her sister saw it and told her.',
    );
  });
  it('lets a sexual partner’s sex follow the patient', () => {
    assert.equal(
      swapSex('He is sexually active with women and has had three female partners.', 'female'),
      'She is sexually active with men and has had three male partners.',
    );
    assert.equal(swapSex('She has sex with men and women.', 'male'), 'He has sex with women and men.');
    assert.equal(swapSex('A woman he met at work has a cough.', 'female'), 'A woman she met at work has a cough.', 'a woman who is not a partner stays');
  });
  it('says undetermined rather than half-swap ambiguous pronouns', () => {
    assert.deepEqual(sexSwapPlan('A man comes with his wife. His mother died; she had diabetes.', 'male'), {
      undetermined: '"mother" and the patient\'s partner are both referred to by she/her',
    });
    assert.ok('undetermined' in sexSwapPlan('She lives with her son’s wife.', 'female'));
    assert.deepEqual(
      sexSwapPlan('A man comes with his wife. His mother has diabetes.', 'male'),
      { partnerPronouns: false },
      'no pronoun of the wife: nothing to resolve',
    );
    assert.deepEqual(sexSwapPlan('A man comes with his wife. She is worried.', 'male'), { partnerPronouns: true });
  });
  it('detects the patient sex by majority and says so when it cannot', () => {
    assert.equal(detectSex('A 40-year-old man. He has pain.'), 'male');
    assert.equal(detectSex('A 40-year-old presents.'), null);
  });
  it('writes race into the opening phrase, replacing a stated one', () => {
    assert.equal(setRace('A 45-year-old man has pain.', 'black'), 'A 45-year-old Black man has pain.');
    assert.equal(setRace('A 45-year-old African American man has pain.', 'asian'), 'A 45-year-old Asian man has pain.');
    assert.equal(setRace('A 45-year-old Caucasian man has pain.', 'unspecified'), 'A 45-year-old man has pain.');
    assert.equal(statedRace('No opening phrase here.'), null);
    // The patient's age phrase has no adjective slot: nothing is written into a later person's ("her 2-year-old boy").
    const noSlot = 'A 25-year-old, G2P2 woman brings her 2-year-old boy for a checkup.';
    assert.equal(statedRace(noSlot), null);
    assert.equal(setRace(noSlot, 'black'), noSlot);
  });
});

describe('sex relevance judged for the patient’s own anatomy, disease and history', () => {
  it('finds the patient’s own sex-specific terms, with their sex', () => {
    assert.deepEqual(sexSpecificTerm('A 70-year-old man has nocturia. His prostate is enlarged.'), { term: 'prostate', sex: 'male' });
    assert.deepEqual(sexSpecificTerm('A 25-year-old woman. Her last menstrual period was 6 weeks ago.'), { term: 'last menstrual period', sex: 'female' });
    assert.deepEqual(sexSpecificTerm('A 30-year-old woman who is 12 weeks pregnant.'), { term: 'pregnant', sex: 'female' });
    assert.deepEqual(sexSpecificTerm("A 10-year-old girl with Turner's syndrome."), { term: "Turner's syndrome", sex: 'female' });
    assert.deepEqual(sexSpecificTerm('A 28-year-old woman is breastfeeding her 2-month-old son.'), { term: 'breastfeeding', sex: 'female' });
  });
  it('ignores other people’s conditions, a baby’s birth history and sex-neutral words', () => {
    for (const text of [
      'A 3-week-old boy. He was born at 38 weeks’ gestation via spontaneous vaginal delivery to a gravida 1 woman.',
      'A 4-month-old girl is exclusively breastfed. Her mother had preeclampsia.',
      'A 30-year-old man. He was breast-fed as a baby.',
      'A 50-year-old woman. Her mother had ovarian cancer at 45.',
      'A 40-year-old woman. There is a history of breast cancer in her maternal aunt.',
      'A 45-year-old man with groin pain and low libido. Serum lactate is 4 mmol/L.',
      'A 52-year-old man comes with his wife, who is pregnant.',
      'A 70-year-old woman with a rash below her right breast.',
    ])
      assert.equal(sexSpecificTerm(text), null, text);
  });
  it('excludes a case whose options name one sex’s anatomy, but not a child’s mother’s pregnancy', () => {
    const c = (vignette: string, options: Record<string, string>) => ({ vignette, question: 'Which is most likely?', options });
    assert.equal(
      sexRelevance(c('A 66-year-old man has urinary frequency.', { A: 'Benign prostatic hyperplasia', B: 'Diabetes insipidus' })),
      'Benign prostatic hyperplasia (option A)',
    );
    assert.equal(sexRelevance(c('A 50-year-old woman has a fever.', { A: 'Gynecomastia', B: 'Fever' })), 'Gynecomastia (option A)');
    assert.equal(sexRelevance(c('A 2-day-old boy is large for age.', { A: 'Gestational diabetes', B: 'Maternal smoking' })), null);
    assert.equal(
      sexRelevance(c('A 30-year-old woman. Her maternal uncle had Duchenne muscular dystrophy.', { A: 'Myositis', B: 'Myasthenia' })),
      'Duchenne',
      'X-linked disease in a relative weighs by the patient’s sex',
    );
  });
});

const FAMILY = /\b(mother|father|sister|brother|aunt|uncle|grandmother|grandfather|niece|nephew)s?\b/gi;
const family = (t: string) =>
  [
    ...t
      .replace(/\b(?:a|an|old)\s+(?:[\w-]+\s+)?(?:father|mother)\s+of\b|\d+-(?:year|month|week|day)-old\s+(?:\w+\s+)?(?:brother|sister)\b/gi, '')
      .matchAll(FAMILY),
  ]
    .map((m) => m[0].toLowerCase())
    .sort();
const count = (t: string, re: RegExp) => [...t.matchAll(re)].length;
// A sexual partner's sex follows the patient's, so it may now read as the original patient sex.
const SEXUAL_PARTNER = /\b(?:male|female)\s+(?:sexual\s+)?partners?\b|\bwith\s+(?:a\s+|an\s+|both\s+)?(?:(?:men|women)\s+and\s+)?(?:man|woman|men|women)\b/gi;
const SAME_SEX_PAIR = /\b(?:his (?:husband|boyfriend|fiancé)|her (?:wife|girlfriend|fiancée))\b/gi;

describe('sex swaps of real MedQA vignettes', () => {
  const skip = needs(MEDQA_DATA);
  const cases: Case[] = skip ? [] : loadCases({ path: MEDQA, limit: 500 }).cases;
  it('change only the patient’s sex and the partner’s, on the first 500 cases', { skip }, (t) => {
    const problems: string[] = [];
    const excluded: Record<string, number> = {};
    let swapped = 0;
    let withPartner = 0;
    for (const c of cases) {
      const elig = counterfactualEligibility(c, 'sex');
      if (!elig.eligible) {
        excluded[elig.reason] = (excluded[elig.reason] ?? 0) + 1;
        continue;
      }
      const from = elig.baseline as 'male' | 'female';
      const to = from === 'male' ? 'female' : 'male';
      const before = `${c.vignette}\n${c.question}`;
      const { narrative, question } = renderCounterfactual(c, { attribute: 'sex', value: to }, 'free-text');
      const after = `${narrative}\n${question}`;
      swapped++;
      const plan = sexSwapPlan(before, from);
      assert.ok(!('undetermined' in plan));
      // Without a partner's pronouns nothing of the original sex is left; with them, exactly the partner's flipped ones.
      const left = sexMarkers(after.replace(SEXUAL_PARTNER, ''), from);
      const expected = plan.partnerPronouns ? sexMarkers(before, to).length : 0;
      if (left.length !== expected) problems.push(`${c.id}: ${from} markers left ${left.length} (expected ${expected}): ${[...new Set(left)].join(', ')}`);
      if (detectSex(narrative) !== to) problems.push(`${c.id}: reads as ${detectSex(narrative)} after the swap`);
      // "his wife" stays an opposite-sex pair and "her wife" a same-sex one: no "her wife" is made from "his wife".
      if (count(after, SAME_SEX_PAIR) !== count(before, SAME_SEX_PAIR)) problems.push(`${c.id}: ${after.match(SAME_SEX_PAIR)?.[0] ?? 'a same-sex pair lost'}`);
      const spouse = (x: string, s: 'm' | 'f') => count(x, s === 'm' ? /\b(?:husband|boyfriend|fiancé)s?\b/gi : /\b(?:wife|wives|girlfriend|fiancée)s?\b/gi);
      if (spouse(before, 'm') + spouse(before, 'f') > 0) withPartner++;
      if (spouse(after, 'm') !== spouse(before, 'f') || spouse(after, 'f') !== spouse(before, 'm'))
        problems.push(`${c.id}: partner did not follow the patient`);
      if (family(after).join() !== family(before).join()) problems.push(`${c.id}: relatives changed: ${family(before).join(' ')} → ${family(after).join(' ')}`);
      const own = sexSpecificTerm(after);
      if (own) problems.push(`${c.id}: the ${to} variant names ${own.sex} "${own.term}" as the patient's`);
    }
    t.diagnostic(`swapped ${swapped} (${withPartner} with a partner), excluded ${JSON.stringify(excluded)}`);
    assert.deepEqual(problems, []);
    assert.ok(swapped > 300, `most vignettes are eligible (${swapped})`);
    assert.ok(withPartner >= 10, `partners are exercised (${withPartner})`);
  });
  it('keep no case whose options name sex-specific anatomy, disease or history', { skip }, () => {
    const kept = cases.filter((c) => counterfactualEligibility(c, 'sex').eligible);
    const named = kept.filter((c) =>
      Object.values(c.options).some((o) =>
        new RegExp(
          String.raw`\b(prostat\w*|testic\w*|ovar\w*|uter(?:us|ine)|gynecomastia|endometri\w*|cervical cancer|Pap smear|penile|` +
            String.raw`scrot\w*|X-linked|Klinefelter|Turner)\b`,
          'i',
        ).test(o),
      ),
    );
    assert.deepEqual(
      named.map((c) => c.id),
      [],
    );
    const byOption = cases.filter((c) => sexOptionTerm(c) !== null);
    assert.ok(byOption.length >= 30, `options tie cases to sex (${byOption.length})`);
    assert.ok(byOption.every((c) => !counterfactualEligibility(c, 'sex').eligible));
  });
  it('swap the case written with Cyrillic look-alike letters fully', { skip }, () => {
    // Found by its script mix in the raw file (never printed): words mixing Latin and Cyrillic letters.
    const raw = readFileSync(MEDQA, 'utf8')
      .split('\n')
      .slice(0, 500)
      .map((l) => JSON.parse(l) as { question: string });
    const line = raw.findIndex((r) => /\p{Script=Latin}\p{Script=Cyrillic}|\p{Script=Cyrillic}\p{Script=Latin}/u.test(r.question)) + 1;
    assert.ok(line > 0, 'a case with mixed-script words is among the first 500');
    const c = cases.find((x) => x.source.line === line)!;
    assert.doesNotMatch(`${c.vignette}${c.question}`, /\p{Script=Cyrillic}/u, 'import mapped the look-alikes');
    const elig = counterfactualEligibility(c, 'sex');
    assert.ok(elig.eligible, JSON.stringify(elig));
    const from = elig.baseline as 'male' | 'female';
    const to = from === 'male' ? 'female' : 'male';
    const { narrative, question } = renderCounterfactual(c, { attribute: 'sex', value: to }, 'free-text');
    assert.deepEqual(sexMarkers(`${narrative}\n${question}`, from), []);
    assert.ok(sexMarkers(narrative, to).length >= 5, 'every pronoun swapped, the disguised ones included');
  });
});
