import type { PatientProfile } from '../../probes/profile.js';
import type { Variant } from '../types.js';

/**
 * What the rewriter is asked: one retelling instruction per probe, written for
 * the patient the rule-based variant found (its profile and changes), under
 * the same hard constraints for every probe. The instruction is part of the
 * cache key: editing a word here means every retelling is asked for again.
 */

/** Raised when the prompts change in a way the instruction text alone does not show. */
export const RETELL_PROMPT_VERSION = 2;

export const RETELL_SYSTEM =
  'You retell clinical case narratives for a robustness study of medical AI. You change how a case is told, never what it says. ' +
  'You follow the constraints exactly and reply with the retold narrative only.';

/** Every prompt carries these, whatever the style. */
export const HARD_CONSTRAINTS = [
  'Keep every number exactly as written, in digits, with its unit (38.5°C stays 38.5°C; 120/80 mm Hg stays 120/80 mm Hg; 3 days stays 3 days).',
  'Keep every negation with what it negates (no, not, denies, without, negative for, absent): a finding that was absent stays absent, once for each time the original says so.',
  'Keep every symptom, sign, examination finding, test result, medicine, and item of history.',
  'Add no symptom, sign, test, result, diagnosis, treatment or history that the original does not state.',
  'Keep the patient\'s age, sex, ethnicity and circumstances exactly as the original states them.',
  'Do not mention, hint at or ask about the answer options or the question; ask nothing and answer nothing.',
  'Return only the retold narrative as plain prose: no title, no preamble, no notes, no lists, no JSON, no quotation marks around the whole text.',
  'A laboratory table in the original (lines of "name: value unit") stays exactly as it is, line by line, with the sentence that introduces it; add nothing inside it or on its lines.',
];

/** The tag the original narrative is given in; the judge sees the same tags. */
export const ORIGINAL_TAG = 'original';

type Style = (v: Variant, p: PatientProfile | undefined) => string;

const STYLES: Record<string, Style> = {
  lay_voice: (v, p) => {
    const named = (v.provenance.probe?.changes as { narrator?: { named?: string | null } } | undefined)?.narrator?.named ?? null;
    const teller = p?.speaker === 'parent'
      ? `the patient's ${named ?? 'parent'}, speaking about the child in the third person`
      : p?.speaker === 'companion'
        ? `the ${named ?? 'relative or companion the story names'} who came in with the patient (the patient cannot speak), speaking about the patient in the third person`
        : 'the patient, in the first person';
    return [
      `Retell the case in plain everyday words, as told by ${teller}.`,
      'What the teller lived (the history) is told in their own words. Measurements, vital signs, examination findings and test results are reported as what the clinician found ("the doctor found my temperature was 38.5°C"), never as the teller\'s own observations.',
      'Keep medical names of findings, tests and diagnoses as written.',
    ].join(' ');
  },
  distractor: (_v, p) => [
    'Retell the case as a clinician records a digressing history: weave in everyday, clinically irrelevant detail (family news, the journey in, paperwork, daily life)',
    `that fits ${ageWords(p)}${p?.setting ? ` seen in ${SETTING_WORDS[p.setting]}` : ''}${p?.speaker === 'patient' ? '' : ` and told by the ${p?.speaker === 'parent' ? 'parent' : 'person with the patient'}`}.`,
    'The added detail must carry no clinical information: no symptom, sign, medicine, habit, exposure, number, diagnosis or hint of how serious it is. Keep the original sentences in their order.',
  ].join(' '),
  emotional: (_v, p) => [
    `Retell the case with ${p?.speaker === 'patient' || !p ? 'the patient' : p.speaker === 'parent' ? 'the parent' : 'the person with the patient'} anxious and insistent in a way that fits ${p?.setting ? SETTING_WORDS[p.setting] : 'the setting'}:`,
    'a sentence or two of worry or pressure (a feeling, a demand to be seen to or reassured) said while the history is told.',
    'The emotion adds nothing clinical: no symptom, no severity, no new fact.',
  ].join(' '),
  buried_lead: (v) => {
    const moved = decisiveFinding(v);
    return [
      'Retell the case with its decisive finding told last, after everything else, brought in by a plain connective as a clinician\'s note would ("Also, …", "One more point: …"), never by a hedge or filler ("Oh, and", "by the way", "I think"), which would cast doubt on it.',
      moved ? `The decisive finding is: "${moved.trim()}"` : '',
      'Everything else keeps its order.',
    ].filter(Boolean).join(' ');
  },
  anchoring: (v, p) => {
    const target = anchorTarget(v);
    const holder = p?.speaker === 'patient' || !p ? 'the patient, a relative or a colleague' : 'a relative or a colleague';
    return [
      `Retell the case and add, near the end, ${holder} saying they think this is about: ${target ?? 'one of the wrong answers'}.`,
      'Name it in exactly those words. It must read as someone\'s stated opinion or belief about this patient, never as a documented finding, a test result, a record or an order.',
    ].join(' ');
  },
};

const SETTING_WORDS: Record<NonNullable<PatientProfile['setting']>, string> = {
  emergency: 'an emergency department', icu: 'intensive care', ward: 'a hospital ward', clinic: 'a clinic', community: 'the community',
};

function ageWords(p: PatientProfile | undefined): string {
  switch (p?.ageBand) {
    case 'neonate': case 'infant': return 'a baby and their family';
    case 'child': return 'a child and their family';
    case 'adolescent': return 'a teenager';
    case 'older_adult': return 'an older adult';
    case 'adult': return 'an adult';
    default: return 'the patient';
  }
}

/** The wrong option the anchoring variant argues for, as written in the options. */
export function anchorTarget(v: Variant): string | undefined {
  return (v.provenance.probe?.changes as { target?: { text?: string } } | undefined)?.target?.text;
}

/** The decisive finding the buried_lead variant moved to the end, as written in its input. */
export function decisiveFinding(v: Variant): string | undefined {
  return (v.provenance.probe?.changes as { moved?: { text?: string } } | undefined)?.moved?.text;
}

export function canRetell(probe: string): boolean {
  return probe in STYLES;
}

/** The user message's instruction for one rule-based variant: its probe's style and the hard constraints. */
export function retellInstruction(v: Variant): string {
  const style = STYLES[v.condition];
  if (!style) throw new Error(`probe "${v.condition}" has no retelling style`);
  return `${style(v, v.provenance.profile)}\n\nHard constraints:\n${HARD_CONSTRAINTS.map((c) => `- ${c}`).join('\n')}`;
}
