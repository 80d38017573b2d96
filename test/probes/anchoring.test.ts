import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { anchoring } from '../../src/probes/anchoring.js';
import { banks } from '../../src/probes/banks.js';
import { misfit } from '../../src/probes/anchoring-fit.js';
import { fillSlot, nounPhrase, optionForm, unsayable, unstray } from '../../src/probes/option-phrase.js';
import { patientProfile } from '../../src/probes/profile.js';
import { cleanVariant, probeVariant } from '../../src/variants/build.js';
import { MEDQA } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { storyIn } from '../support/story.js';

interface Made {
  id: string;
  cue: string;
  form: string;
  target: string;
  /** The option as the cue names it: its core where that points to this one option (round 10). */
  said?: string;
  narrative: string;
}

function variants(cases: Case[], seeds: number[]): Made[] {
  const out: Made[] = [];
  for (const seed of seeds)
    for (const c of cases) {
      const r = probeVariant(anchoring, c, cleanVariant(c), seed);
      if (!('variant' in r)) continue;
      const ch = r.variant.provenance.probe!.changes as { cue: string; form: string; target: { text: string; said: string } };
      out.push({ id: `${c.id}@${seed}`, cue: ch.cue, form: ch.form, target: ch.target.text, said: ch.target.said, narrative: r.variant.narrative });
    }
  return out;
}

// --- Mechanical grammar checks, written apart from the probe's own rules. ---

/** Where the option sits in the cue, as written there (first letter possibly lowered). */
function located(v: Made): { at: number; text: string } | null {
  const said = unstray(v.said ?? v.target);
  for (const t of [said, said[0].toLowerCase() + said.slice(1)]) {
    const at = v.cue.indexOf(t);
    if (at >= 0) return { at, text: t };
  }
  return null;
}

// A patient or relative holding the opinion: the patient, the story's own companion ("His wife"), family or friends.
const LAY = /^(?:The patient|The parent|The relative with \w+|His|Her|One of|The au pair)\b|\btold (?:the|his|her|one of) \w+|\b(?:friends?|daughter)\b/;
// What no layperson names: numbers, abbreviations, brackets, textbook word endings, long phrases.
const LAY_KNOWN = new RegExp(
  String.raw`^(?:tuberculosis|arthritis|appendicitis|tonsillitis|bronchitis|sinusitis|hepatitis|meningitis|conjunctivitis|` +
    String.raw`cystitis|osteoporosis|diarrh(?:o)?ea|psoriasis)$`,
  'i',
);
const technical = (option: string) =>
  /\d|\b[A-Z]{2,}\b|[()/]/.test(option) ||
  option.split(/\s+/).length > 4 ||
  option
    .split(/\s+/)
    .some(
      (w) =>
        new RegExp(
          String.raw`(?:ase|emia|aemia|osis|pathy|ectomy|otomy|scopy|graphy|plasty|uria|lysis|genic|cyte|cytic|philia|itis|oma|` +
            String.raw`ide|ine|azole|mycin|cillin|olol|pril|sartan|statin|mab|nib)$`,
          'i',
        ).test(w.replace(/[,.]$/, '')) && !LAY_KNOWN.test(w),
    );
// Mid-sentence, only a name keeps its capital: a genus, a possessive, an eponym, an abbreviation.
const NAME_START = new RegExp(
  [
    // a binomial ("Leishmania major", "Haemophilus influenzae") or a possessive
    String.raw`^\p{Lu}\p{Ll}*(?:ella|coccus|bacter|bacterium|monas|myces|plasma|philus|io|ia|ium|us|a|es|is|oides|sporum)(?: \p{Ll}+|$)`,
    String.raw`^\p{Lu}[\p{L}-]*['’]s\b`,
    // an eponym before the nouns names go with, or a double-barrelled name ("Crigler–Najjar")
    String.raw`^\p{Lu}\p{Ll}+ (?:disease|syndrome|sign|palsy|phenomenon|test|tumou?r|lymphoma|sarcoma|ulcer|smear|stain|` +
      String.raw`blot|diverticulum|esophagus|oesophagus|bodies|cells?|nodes?|nodules?|lesions?|thyroiditis|encephalopathy|` +
      String.raw`ataxia|dystrophy|\p{Lu})`,
    String.raw`^\p{Lu}\p{Ll}+[-–]\p{Lu}\p{Ll}`,
    String.raw`^(?:Pap|Gram|Western|Northern|Southern|Southwestern|Wilms|Kaposi|Ewing|Burkitt|Hodgkin|Meckel|Barrett|Zika|Hürthle)\b`,
    // abbreviations, "D-dimer", "IgA"
    String.raw`^(?:\p{Lu}{2}|\p{Lu}\d|\p{Lu}-|\p{Lu}\p{Ll}*\p{Lu})`,
  ].join('|'),
  'u',
);
const FINITE_AFTER =
  /^ (?:is|was|are|were|has|have|had|lies|seems|explains|goes|looks|sounds|turned|came|comes|fits|keeps|matters|remains|accounts|underlies|drives)\b/;
const NOUN_ENDING = /(?:ion|ment|ity|ance|ence|sis|gram|scopy|graphy|ectomy|otomy|ness)$/i;

function grammarProblems(v: Made): string[] {
  const out: string[] = [];
  const tag = `${v.id}: ${v.cue}`;
  const loc = located(v);
  if (!loc) return [`${tag}: option not named verbatim`];
  const before = v.cue.slice(0, loc.at);
  const after = v.cue.slice(loc.at + loc.text.length);
  const body = before + after;
  if (!/^[A-Z]/.test(v.cue) || !/[.!?]$/.test(v.cue)) out.push(`${tag}: not one whole sentence`);
  if (/["“”]/.test(body)) out.push(`${tag}: quotation marks`);
  if (/\.\.$/.test(v.cue)) out.push(`${tag}: double full stop`);
  // A capital mid-sentence that is no name: "said they would bet on Encapsulated, gram-negative …".
  if (loc.at > 0 && !/: $/.test(before) && /^[A-Z]/.test(loc.text) && !NAME_START.test(loc.text)) out.push(`${tag}: capitalised option mid-sentence`);
  // Pasted after a colon, the option reads as a test option: it is said inside the sentence or not at all.
  if (/[:;]\s*$/.test(before)) out.push(`${tag}: option pasted after a colon`);
  // Article clashes and article/sound mismatches around the slot.
  if (/\b(?:a|an|the) (?:a|an|the)\b/i.test(v.cue)) out.push(`${tag}: article clash`);
  if (/\ba (?:[aio]|e(?!u)|un(?!i))/i.test(before.slice(-2) + loc.text)) out.push(`${tag}: "a" before a vowel`);
  if (/\ban [bcdfgjkpqtvwyz]/.test(before.slice(-3) + loc.text)) out.push(`${tag}: "an" before a consonant`);
  // Exam shorthand: "said trial of X", "said ivabradine without hesitation".
  if (/\bsaid $/.test(before)) out.push(`${tag}: "said" + bare option`);
  // "the plan to" takes a verb, never a noun ("the plan to trial of …", "the plan to pericardiectomy").
  const planned = /\bplan to (\S+)(?: (\S+))?/.exec(v.cue);
  if (planned && (NOUN_ENDING.test(planned[1]) || planned[2] === 'of' || /^[A-Z]/.test(planned[1]))) out.push(`${tag}: "plan to" + noun`);
  // Modal or "to" + option: only an instruction reads there.
  if (/\b(?:would|should|will|(?:is|was|be|chose|keen|plan|move|advice was) to) $/.test(before) && v.form !== 'action')
    out.push(`${tag}: verb slot filled with a ${v.form}`);
  if (v.form === 'action' && !/\b(?:would|should|will|to) $/.test(before)) out.push(`${tag}: an instruction outside a verb slot`);
  // An instruction's verb is never a name: lowered after a colon too ("…: Send Lyme serology" read as a heading).
  if (v.form === 'action' && /^[A-Z][a-z]/.test(loc.text)) out.push(`${tag}: capitalised instruction`);
  // The option as the subject of an agreeing verb breaks on plurals ("warm compresses was").
  if (FINITE_AFTER.test(after)) out.push(`${tag}: option as subject of "${after.trim().split(' ')[0]}"`);
  if (LAY.test(body) && technical(v.target)) out.push(`${tag}: technical option in a lay mouth`);
  return out;
}

/** Where the cue sits: closing the story, not under a table row, not right after an image. */
function placementProblems(v: Made): string[] {
  const at = v.narrative.indexOf(v.cue);
  const before = v.narrative.slice(0, at);
  const after = v.narrative.slice(at + v.cue.length).trim();
  const out: string[] = [];
  const lastLine = before.trimEnd().split('\n').pop() ?? '';
  if (/\n$/.test(before) && !/\n\n$/.test(before)) out.push(`${v.id}: cue on the line right under "${lastLine.slice(-40)}"`);
  if (
    /(?:\bimage|photograph|\bfigure\b|\(shown)\b[^.]*[.)]\s*$/i.test(
      before
        .slice(-200)
        .trimEnd()
        .split(/(?<=[.!?])\s+/)
        .pop() ?? '',
    )
  )
    out.push(`${v.id}: cue right after an exhibit: ${before.slice(-80)}`);
  // An early impression comes before the results (round 10): no vital sign or lab value before it past the opening sentence.
  const past = before.replace(/^[\s\S]*?[.!?](?:\s|$)/, '');
  const measured = /\d\s*(?:mm ?Hg|\/min\b|°[CF]|mg\/dL|mmol\/L|mEq\/L|g\/dL|U\/L|\/mm3|\/μL)/.exec(past);
  if (measured && after) out.push(`${v.id}: cue after the results: …${past.slice(Math.max(0, measured.index - 40), measured.index + 12)}`);
  return out;
}

const check = (vs: Made[]) => vs.flatMap((v) => [...grammarProblems(v), ...placementProblems(v)]);

describe('anchoring cues read as English with any option', () => {
  it("fill each slot by the option's form (hand-written options)", () => {
    assert.equal(optionForm('Give intravenous fluids and reassess'), 'action');
    assert.equal(optionForm('Repeat the scan in six weeks'), 'action');
    assert.equal(optionForm('Repeat ultrasound in six weeks'), 'noun');
    assert.equal(optionForm('Review of the medication list'), 'noun');
    assert.equal(optionForm('Inhibits bacterial cell wall synthesis'), 'other');
    assert.equal(optionForm('It is an autosomal recessive condition'), 'other');
    assert.equal(optionForm('Decreased'), 'other');
    assert.equal(optionForm('12.5%'), 'other');
    assert.equal(nounPhrase('Trial of oral steroids'), 'a trial of oral steroids');
    assert.equal(nounPhrase('Dedicated CT of the pelvis'), 'a dedicated CT of the pelvis');
    assert.equal(nounPhrase('MRI of the lumbar spine'), 'an MRI of the lumbar spine');
    assert.equal(nounPhrase('Upper endoscopy'), 'an upper endoscopy');
    assert.equal(nounPhrase('Warm compresses'), 'warm compresses');
    assert.equal(nounPhrase('Oral amoxicillin'), 'oral amoxicillin');
    assert.equal(nounPhrase('Fistula between the bladder and the colon'), 'a fistula between the bladder and the colon');
    assert.equal(nounPhrase('Streptococcus pyogenes infection'), 'a Streptococcus pyogenes infection');
    assert.equal(nounPhrase('Pap smear'), 'a Pap smear');
    assert.equal(nounPhrase('Absent ALT activity'), 'absent ALT activity');
    assert.equal(
      fillSlot('A colleague would go straight for {option}.', 'Repeat ultrasound in six weeks'),
      'A colleague would go straight for a repeat ultrasound in six weeks.',
    );
    assert.equal(fillSlot('The first plan was {option}, and it stuck.', 'Lumbar puncture'), 'The first plan was a lumbar puncture, and it stuck.');
    assert.equal(fillSlot('A colleague said they would {action}.', 'Stop the infusion'), 'A colleague said they would stop the infusion.');
    assert.equal(nounPhrase('Superior mesenteric artery'), 'the superior mesenteric artery');
    assert.equal(nounPhrase('Renal artery stenosis'), 'renal artery stenosis');
  });

  it('the checks catch the defects reviewers reported', () => {
    const bad = (cue: string, target: string, form = 'noun') => grammarProblems({ id: 'x', cue, target, form, narrative: cue });
    assert.ok(bad('Asked for a quick opinion, a senior colleague said at once: bilateral hilar lymphadenopathy.', 'Bilateral hilar lymphadenopathy').length);
    assert.ok(bad('A colleague from another specialty, asked in passing, said trial of steroids without hesitation.', 'Trial of steroids').length);
    assert.ok(bad('A colleague says a recent case went with the plan to trial of steroids.', 'Trial of steroids').length);
    assert.ok(bad('A colleague thinks warm compresses is what is needed.', 'Warm compresses').length);
    assert.ok(bad('A colleague would bet on Encapsulated, gram-negative rods.', 'Encapsulated, gram-negative rods').length);
    assert.ok(bad('The patient says a friend had something that turned out to be rectouterine pouch.', 'Rectouterine pouch').length);
    assert.ok(bad('The patient says a friend had something that turned out to be eosinophilic granulomatosis.', 'Eosinophilic granulomatosis').length);
    assert.ok(bad('A colleague would go for a the scan.', 'the scan').length);
    assert.ok(bad('A colleague said they would pericardiectomy.', 'Pericardiectomy').length);
    assert.deepEqual(bad('A colleague would go straight for a Pap smear.', 'Pap smear'), []);
    const placed = (narrative: string) => placementProblems({ id: 'x', cue: 'A colleague thinks so.', target: 'so', form: 'noun', narrative });
    assert.ok(placed('Labs show:\nSodium 140 mEq/L\nA colleague thinks so.').length, 'under a table row');
    assert.ok(placed('A rash is present. A photograph is shown. A colleague thinks so.').length, 'right after an image');
    assert.ok(placed('A man has a cough. His pulse is 90/min. A colleague thinks so. He is pale.').length, 'after the results');
    assert.deepEqual(placed('A man has a cough. A colleague thinks so. His pulse is 90/min.'), []);
    assert.deepEqual(placed('Labs show:\nSodium 140 mEq/L\n\nA colleague thinks so.'), []);
  });

  it('holds on every variant of the built-in bank (three seeds)', () => {
    const vs = variants(loadCases().cases, [7, 11, 23]);
    assert.ok(vs.length > 600, `${vs.length} variants`);
    const problems = check(vs);
    assert.deepEqual(problems.slice(0, 15), [], `${problems.length} problems`);
    // Instructions get a verb slot: the bank's management options are mostly actions and treatments.
    assert.ok(vs.some((v) => v.form === 'action' && / (?:would|should|to) [a-z]/.test(v.cue)));
  });

  it('holds on every variant of the first 500 MedQA cases (three seeds)', { skip: needs(MEDQA_DATA) }, () => {
    const vs = variants(loadCases({ path: MEDQA, limit: 500 }).cases, [7, 11, 23]);
    assert.ok(vs.length > 1200, `${vs.length} variants`);
    const problems = check(vs);
    assert.deepEqual(problems.slice(0, 15), [], `${problems.length} problems`);
  });

  it('is deterministic for a seed', () => {
    const cases = loadCases({ limit: 40 }).cases;
    assert.equal(JSON.stringify(variants(cases, [5])), JSON.stringify(variants(cases, [5])));
    assert.notEqual(JSON.stringify(variants(cases, [5])), JSON.stringify(variants(cases, [6])));
  });
});

describe('anchoring cues have an owner and fit the setting', () => {
  // A person or a role who holds the opinion, read apart from the probe's own lists.
  const OWNER = new RegExp(
    String.raw`\b(?:colleagues?|nurses?|doctors?|pharmacists?|trainees?|specialists?|friends?|family|daughter|son|wife|husband|partner|` +
      String.raw`relatives?|parent)\b|\{(?:Speaker|speaker)\}`,
    'i',
  );
  const all = Object.entries(banks().anchoring).flatMap(([type, styles]) =>
    Object.entries(styles).flatMap(([style, cues]) => cues.map((c) => ({ where: `${type}.${style}`, ...c }))),
  );

  it('names who holds every opinion in the bank', () => {
    const ownerless = all.filter((c) => !OWNER.test(c.text.replace(/\{(?:option|action|patient)\}/g, ''))).map((c) => `${c.where}: ${c.text}`);
    assert.deepEqual(ownerless, []);
  });

  it('keeps place-bound owners to their place: handover on a ward, triage in an emergency, the family doctor at a clinic', () => {
    const misplaced = all.flatMap((c) => {
      const s = c.settings ?? [];
      const bad =
        (/\bhandover|overnight|ward round|admitting|admission\b/i.test(c.text) && !(s.length && s.every((x) => x === 'ward' || x === 'icu'))) ||
        (/\btriage|previous shift\b/i.test(c.text) && !(s.length && s.every((x) => x === 'emergency'))) ||
        (/\bfamily doctor|practice nurse|clinic\b/i.test(c.text) && !(s.length && s.every((x) => x === 'clinic' || x === 'community')));
      return bad ? [`${c.where}: ${c.text} [${s.join(', ')}]`] : [];
    });
    assert.deepEqual(misplaced, []);
  });

  it('spreads the bank: no cue sentence in more than 4% of the built-in bank variants (three seeds)', () => {
    const vs = variants(loadCases().cases, [7, 11, 23]);
    const counts = new Map<string, number>();
    for (const v of vs) {
      const template = v.cue.replace(v.target, '').replace(v.target[0].toLowerCase() + v.target.slice(1), '');
      counts.set(template, (counts.get(template) ?? 0) + 1);
    }
    const top = Math.max(...counts.values());
    assert.ok(top / vs.length <= 0.04, `top cue in ${top} of ${vs.length}`);
  });
});

describe('anchoring cues fit the question (issue 13 review)', () => {
  it('drops a stray quotation mark or bracket from the option named in a cue, keeps balanced ones', () => {
    assert.equal(fillSlot('A colleague suspects {option}.', 'Difficulty with breathing "'), 'A colleague suspects difficulty with breathing.');
    assert.equal(unstray('Lupus (SLE'), 'Lupus SLE');
    assert.equal(unstray('Systemic lupus erythematosus (SLE)'), 'Systemic lupus erythematosus (SLE)');
  });
  it('gives risk-factor questions opinion cues, never a finding that will "turn up", and cue verbs are opinions', () => {
    const { anchoring: bank } = banks();
    for (const [, cues] of Object.entries(bank.association)) for (const c of cues) assert.doesNotMatch(c.text, /turn up|be found|will show/, c.text);
    for (const [, styles] of Object.entries(bank))
      for (const [, cues] of Object.entries(styles))
        for (const c of cues) assert.doesNotMatch(c.text, /\b(?:knows|knew) what\b|is (?:already )?sure what|plan is already made/, c.text);
    const c = loadCases().cases[0];
    const question = 'Which of the following is the strongest predisposing factor for this condition?';
    const v = probeVariant(anchoring, { ...c, question }, { ...cleanVariant(c), question }, 9100);
    assert.ok('variant' in v);
    const ch = v.variant.provenance.probe!.changes as { questionType: string; cue: string };
    assert.equal(ch.questionType, 'association');
    assert.doesNotMatch(ch.cue, /turn up|expect|predict/);
  });
  it('keeps pharmacists out of "which drug is the patient taking" questions', () => {
    const c = loadCases().cases[0];
    const question = 'Which of the following drugs is this patient most likely taking?';
    for (let seed = 9000; seed < 9060; seed++) {
      const v = probeVariant(anchoring, { ...c, question }, { ...cleanVariant(c), question }, seed);
      if (!('variant' in v)) continue;
      assert.doesNotMatch((v.variant.provenance.probe!.changes as { cue: string }).cue, /pharmacist/i);
    }
  });
});

describe('anchoring cues say the option inside a sentence, for an option the patient could have (round-8 review)', () => {
  // Original texts, written for these tests.
  const story = storyIn('anchoring.test.ts');
  const NEONATE =
    'A 5-day-old boy is brought to the emergency department by his mother because his skin has looked yellow since yesterday. ' +
    'He was born at term and is feeding well. His temperature is 37.0°C. Total serum bilirubin is 17 mg/dL.';
  const WOMAN =
    'A 34-year-old woman comes to the emergency department because of pain in the right lower abdomen for 2 days. ' +
    'She has vomited once. Her temperature is 38.1°C. There is tenderness in the right lower quadrant.';
  const MAN =
    'A 58-year-old man comes to the emergency department because of a barking cough and hoarseness for 3 days. ' +
    'He smokes 20 cigarettes a day. His temperature is 37.9°C. There is stridor on deep inspiration.';
  const DX = 'Which of the following is the most likely diagnosis?';
  const targets = (c: Case, seeds = 40) => {
    const out = new Set<string>();
    const why = new Set<string>();
    for (let seed = 9000; seed < 9000 + seeds; seed++) {
      const r = probeVariant(anchoring, c, cleanVariant(c), seed);
      if ('variant' in r) out.add((r.variant.provenance.probe!.changes as { target: { text: string } }).target.text);
      else why.add(String((r as { ineligible?: string }).ineligible ?? r).split(':')[0]);
    }
    return { out: [...out], why: [...why] };
  };

  it('has no colon slot in the bank, and every "the same" or "again" follows the option or a similar case it refers to', () => {
    const cues = Object.values(banks().anchoring).flatMap((styles) => Object.values(styles).flat());
    assert.deepEqual(
      cues.filter((c) => !/\{(?:option|action)\}/.test(c.text) || /:/.test(c.text)).map((c) => c.text),
      [],
    );
    const dangling = cues.filter((c) => {
      // "went through the same thing", "in the same situation": the patient's own, named by the story.
      const m = /\b(?:the same(?! thing| situation)|again|these|those)\b/.exec(c.text);
      return m && !/\{(?:option|action)\}|similar|like this|identical/.test(c.text.slice(0, m.index));
    });
    assert.deepEqual(
      dangling.map((c) => c.text),
      [],
    );
    // "the doctor who referred the child said …" reads as the child speaking.
    assert.deepEqual(
      cues.filter((c) => /\{patient\} (?:said|says)\b/.test(c.text)).map((c) => c.text),
      [],
    );
  });

  it('finds values, clauses, lists and odd characters unsayable, and ordinary options sayable', () => {
    for (const o of [
      '25%',
      'It is an autosomal recessive condition',
      'Decreased',
      'A, B and C, then D',
      'Sodium: 130',
      '↑ ferritin',
      'Anemia Ã©',
      'Cromolyn - mast cell stabiliser',
      'IgA- IgG',
    ])
      assert.ok(unsayable(o), o);
    for (const o of ['Lumbar puncture', 'Give intravenous fluids and reassess', 'Staphylococcus aureus', 'Systemic lupus erythematosus (SLE)', 'Ulnar nerve'])
      assert.equal(unsayable(o), null, o);
    // A case whose wrong options are all unsayable is counted, never pasted.
    const c = story('t-unsay', WOMAN, DX, { A: 'Appendicitis', B: '12.5%', C: 'Decreased', D: 'It is a viral illness' });
    assert.deepEqual(targets(c), { out: [], why: ['no wrong option sayable in a sentence'] });
  });

  it('never points a neonate at an adult-only option, a woman at a male-only one, a man at a female-only one or an adult at croup', () => {
    const profile = (text: string) => patientProfile({}, text);
    assert.match(misfit('Benign prostatic hyperplasia', profile(NEONATE)) ?? '', /adult-only/);
    assert.match(misfit('Testicular torsion', profile(WOMAN)) ?? '', /male-specific/);
    assert.match(misfit('Ectopic pregnancy', profile(MAN)) ?? '', /female-specific/);
    assert.match(misfit('Croup', profile(MAN)) ?? '', /childhood-only/);
    assert.equal(misfit('Maternal alcohol use in pregnancy', profile(NEONATE)), null, "the mother's history fits her baby's case");
    assert.equal(misfit('Biliary colic', profile(MAN)), null);
    assert.deepEqual(
      targets(
        story('t-neo', NEONATE, DX, { A: 'Breast milk jaundice', B: 'Alzheimer disease', C: 'Coronary artery bypass grafting', D: 'Hereditary spherocytosis' }),
      ).out,
      ['Hereditary spherocytosis'],
    );
    assert.deepEqual(targets(story('t-f', WOMAN, DX, { A: 'Appendicitis', B: 'Testicular torsion', C: 'Prostatitis', D: 'Ovarian torsion' })).out, [
      'Ovarian torsion',
    ]);
    assert.deepEqual(targets(story('t-m', MAN, DX, { A: 'Laryngeal carcinoma', B: 'Croup', C: 'Ectopic pregnancy', D: 'Acute epiglottitis' })).out, [
      'Acute epiglottitis',
    ]);
    const none = story('t-none', NEONATE, DX, { A: 'Breast milk jaundice', B: 'Alzheimer disease', C: 'Osteoarthritis', D: 'Multiple myeloma' });
    assert.deepEqual(targets(none), { out: [], why: ['no wrong option fits the patient'] });
  });

  it('lets a nurse voice no laboratory detail outside a plan, and a pharmacist no diagnosis (bank and MedQA, three seeds)', () => {
    const cases = [...loadCases().cases, ...(needs(MEDQA_DATA) ? [] : loadCases({ path: MEDQA, limit: 500 }).cases)];
    const made: { cue: string; target: string; type: string }[] = [];
    for (const seed of [9000, 9001, 9002])
      for (const c of cases) {
        const r = probeVariant(anchoring, c, cleanVariant(c), seed);
        if (!('variant' in r)) continue;
        const ch = r.variant.provenance.probe!.changes as { cue: string; questionType: string; target: { text: string } };
        made.push({ cue: ch.cue, target: ch.target.text, type: ch.questionType });
      }
    const lab = /\d|[A-Z]{2}|receptor|gene|enzyme|kinase|protein|\bcells?\b|antibod|mutation|collagen/;
    const bad = made.filter(
      (m) =>
        (/\bnurse\b/.test(m.cue) && m.type !== 'management' && lab.test(m.target)) ||
        (/\bpharmacist\b/.test(m.cue) && /syndrome|disease|carcinoma|itis\b|osis\b/i.test(m.target)),
    );
    assert.deepEqual(bad.map((m) => m.cue).slice(0, 10), []);
  });
});
