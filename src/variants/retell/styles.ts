import { questionType, type QuestionType } from '../../probes/question-type.js';
import type { PatientProfile } from '../../probes/profile.js';
import type { Variant } from '../types.js';

/**
 * What the rewriter is asked: one retelling instruction per probe, written for
 * the patient the rule-based variant found (its profile and changes), under
 * the same hard constraints for every probe. The instruction is part of the
 * cache key: editing a word here means every retelling is asked for again.
 */

/** Raised when the prompts change in a way the instruction text alone does not show. */
export const RETELL_PROMPT_VERSION = 3;

export const RETELL_SYSTEM =
  'You retell clinical case narratives for a robustness study of medical AI. You change how a case is told, never what it says. ' +
  'You follow the constraints exactly and reply with the retold narrative only.';

/** Every prompt carries these, whatever the style. */
export const HARD_CONSTRAINTS = [
  'Keep every number exactly as written, in digits, with its unit (38.5°C stays 38.5°C; 120/80 mm Hg stays 120/80 mm Hg; 3 days stays 3 days).',
  'Keep every negation with what it negates (no, not, denies, without, negative for, absent): a finding that ' +
    'was absent stays absent, once for each time the original says so.',
  'Keep every symptom, sign, examination finding, test result, medicine, and item of history.',
  'Add no symptom, sign, test, result, diagnosis, treatment or history that the original does not state.',
  "Keep the patient's age, sex, ethnicity and circumstances exactly as the original states them.",
  'Do not mention, hint at or ask about the answer options or the question; ask nothing and answer nothing.',
  'Return only the retold narrative as plain prose: no title, no preamble, no notes, no lists, no JSON, no quotation marks around the whole text.',
  'A laboratory table in the original (lines of "name: value unit") stays exactly as it is, line by line, with ' +
    'the sentence that introduces it; add nothing inside it or on its lines.',
];

/** The tag the original narrative is given in; the judge sees the same tags. */
export const ORIGINAL_TAG = 'original';

type Style = (v: Variant, p: PatientProfile | undefined) => string;

const STYLES: Record<string, Style> = {
  lay_voice: (v, p) => {
    const named = (v.provenance.probe?.changes as { narrator?: { named?: string | null } } | undefined)?.narrator?.named ?? null;
    const teller =
      p?.speaker === 'parent'
        ? `the patient's ${named ?? 'parent'}, speaking about the child in the third person`
        : p?.speaker === 'companion'
          ? `the ${named ?? 'relative or companion the story names'} who came in with the patient (the patient cannot ` +
            'speak), speaking about the patient in the third person'
          : 'the patient, in the first person';
    return [
      `Retell the case in plain everyday words, as told by ${teller}.`,
      "Open with one short sentence in the clinician's words that names the patient exactly as the original does " +
        '(age, sex, ethnicity) and says who is telling; the teller never introduces themselves by age or ethnicity.',
      'The history is told in the teller\'s own everyday words: say what they lived the way a person would ("I get ' +
        'out of breath on the stairs", not "dyspnoea on exertion"), keeping every symptom, time and negative.',
      "Examination findings, measurements and test results are not the teller's: keep them as the clinician's own " +
        "sentences, word for word, after the teller's account.",
    ].join(' ');
  },
  distractor: (_v, p) =>
    [
      'Retell the case as a clinician records a digressing history: weave in everyday, clinically irrelevant detail ' +
        '(family news, the journey in, paperwork, daily life)',
      `that fits ${ageWords(p)}${p?.setting ? ` seen in ${SETTING_WORDS[p.setting]}` : ''}` +
        `${p?.speaker === 'patient' ? '' : ` and told by the ${p?.speaker === 'parent' ? 'parent' : 'person with the patient'}`}.`,
      'The added detail must carry no clinical information: no symptom, sign, medicine, habit, exposure, number, ' +
        'diagnosis or hint of how serious it is. Keep the original sentences in their order.',
    ].join(' '),
  emotional: (_v, p) =>
    [
      `Retell the case with ${p?.speaker === 'patient' || !p ? 'the patient' : p.speaker === 'parent' ? 'the parent' : 'the person with the patient'} ` +
        `anxious and insistent in a way that fits ${p?.setting ? SETTING_WORDS[p.setting] : 'the setting'}:`,
      'show the worry in one or two things the teller says or asks while the history is told, in words that fit ' +
        'this story (what they fear, what they want done), rather than labelling it ("she says she is anxious"), and ' +
        'say each demand once.',
      'Only the teller shows it: never give the patient, if someone else is telling, any new behaviour, movement, ' +
        'mood or complaint, which would read as a sign.',
      'The emotion adds nothing clinical: no symptom, no severity, no new fact.',
    ].join(' '),
  buried_lead: (v) => {
    const moved = decisiveFinding(v);
    return [
      'Retell the case with its decisive finding told last, after everything else, as the closing sentence of the ' +
        'note, the way a clinician adds a finding they had left out ("Of note, …" or simply as the last sentence), ' +
        'never brought in by a hedge or filler ("Oh, and", "by the way", "I think"), which would cast doubt on it.',
      'If the finding belongs to an earlier time or visit than what now comes before it, say when it was found, so no timing changes.',
      moved ? `The decisive finding is: "${moved.trim()}"` : '',
      'Everything else keeps its order.',
    ]
      .filter(Boolean)
      .join(' ');
  },
  anchoring: (v, p) => {
    const target = anchorTarget(v);
    const type = questionType(v.question);
    // A lay holder only where the option is something a lay person would name (a diagnosis, a plan); a colleague for the rest.
    const lay = (type === 'diagnosis' || type === 'management') && (p?.speaker === 'patient' || !p);
    const holder = lay ? 'the patient, a relative or a colleague' : 'a colleague';
    const stance = ANCHOR_STANCE[type];
    return [
      `Retell the case and add, near the end, ${holder} ${stance}: ${target ?? 'one of the wrong answers'}.`,
      "Name it in exactly those words, worked into a natural sentence of that person's own (its first letter " +
        'lower-cased unless it is a name), never as "this is about …".',
      "It must read as someone's stated opinion or belief about this patient, never as a documented finding, a test result, a record or an order.",
    ].join(' ');
  },
};

/** How the opinion leans, by what the question asks: a suspected diagnosis, a favoured plan, a believed cause, an expected finding, a drug's action. */
const ANCHOR_STANCE: Record<QuestionType, string> = {
  diagnosis: 'saying what they suspect it is',
  management: 'saying what they would do next',
  mechanism: 'saying what they believe is behind it',
  finding: 'saying what they expect to be found or to go with it',
  association: 'saying which factor they believe matters most here',
  pharmacology: 'saying what they believe the drug does or is',
  other: "saying what they believe the answer to this patient's problem is",
};

const SETTING_WORDS: Record<NonNullable<PatientProfile['setting']>, string> = {
  emergency: 'an emergency department',
  icu: 'intensive care',
  ward: 'a hospital ward',
  clinic: 'a clinic',
  community: 'the community',
};

function ageWords(p: PatientProfile | undefined): string {
  switch (p?.ageBand) {
    case 'neonate':
    case 'infant':
      return 'a baby and their family';
    case 'child':
      return 'a child and their family';
    case 'adolescent':
      return 'a teenager';
    case 'older_adult':
      return 'an older adult';
    case 'adult':
      return 'an adult';
    default:
      return 'the patient';
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

/**
 * A probe can be retold when it has a style here. Everything the retelling
 * needs per probe lives in this file: the style (above), what the judge must
 * not count as a changed fact, and how much longer than its original a
 * retelling may grow.
 */
export function canRetell(probe: string): boolean {
  return probe in STYLES;
}

// What the probe changes on purpose: the judge must not list it.
const JUDGE_ALLOWS: Record<string, string> = {
  lay_voice:
    'The retelling is in plain words by the patient or a relative: a symptom told in lay words with the same ' +
    'meaning is not altered, and findings reported as what the clinician found are not altered.',
  distractor: 'The retelling adds everyday, non-clinical detail (family, travel, paperwork, daily life): that is not a clinical fact.',
  emotional: 'The retelling adds worry, pressure or demands from the patient or a relative: feelings and demands are not clinical facts.',
  buried_lead: 'The retelling moves one finding to the end as an aside: order is not a fact.',
  anchoring:
    "The retelling adds someone's stated opinion or belief about what is going on: an opinion is not a clinical " +
    'fact, unless it is presented as a finding, result or record.',
};

/** What the probe changes on purpose, told to the judge so that it does not list it. */
export const judgeAllows = (probe: string): string => JUDGE_ALLOWS[probe] ?? '';

// How long a retelling may be against its original, in characters: a distractor adds most.
const MAX_RATIO: Record<string, number> = { distractor: 4, emotional: 3, anchoring: 2.5, lay_voice: 2.5, buried_lead: 2 };

export const maxLengthRatio = (probe: string): number => MAX_RATIO[probe] ?? 2.5;

/** The probes with a style, in the order the styles are written. */
export const retellableProbes = (): string[] => Object.keys(STYLES);

/** The user message's instruction for one rule-based variant: its probe's style and the hard constraints. */
export function retellInstruction(v: Variant): string {
  const style = STYLES[v.condition];
  if (!style) throw new Error(`probe "${v.condition}" has no retelling style`);
  return `${style(v, v.provenance.profile)}\n\nHard constraints:\n${HARD_CONSTRAINTS.map((c) => `- ${c}`).join('\n')}`;
}
