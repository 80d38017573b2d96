export const QUESTION_TYPES = ['diagnosis', 'management', 'mechanism', 'finding', 'pharmacology', 'other'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

// The first rule that matches wins. Questions that ask for a step or a test come
// first (their options are actions), then findings, drugs, diagnoses, causes.
const RULES: [QuestionType, RegExp][] = [
  ['management', /\b(next (?:best )?step|next action|first step|which of the following (?:tests?|studies|investigations?|imaging|procedures?)\b|(?:confirm|establish\w*) (?:the |a |this )?(?:suspected )?diagnosis)/i],
  ['mechanism', /\b((?:most likely|underlying) cause|cause of (?:this|these|the)|mechanisms? (?:best )?explains?)\b/i],
  ['finding', /\b(findings?|likely to (?:show|reveal|be (?:found|seen|present|observed))|would (?:most likely )?(?:show|reveal|be (?:found|seen|expected|observed|present))|most likely (?:be )?(?:found|seen|present|observed|elevated|increased|decreased)|risk|associated with|X-ray|culture|biopsy|imaging|laboratory)\b/i],
  ['pharmacology', /\b(mechanism of action|drugs?|medications?|antibiotics?|pharmacolog\w*|adverse (?:effect|event|reaction)s?|side effects?|(?<!(?:etiologic|aetiologic|causal|causative|infectious) )agents?|dos(?:e|es|ing))\b/i],
  ['management', /\b(management|treat\w*|therap\w*|administered|indicated|most appropriate|prevent\w*|counsel\w*|recommend\w*|interventions?|should be (?:done|given|added|ordered|performed|offered))\b/i],
  ['diagnosis', /\b(diagnos[ie]s|(?:causal|causative|etiologic|aetiologic|infectious) (?:organism|agent|microorganism|pathogen)s?|most likely (?:organism|pathogen|microorganism|condition|disorder|disease))\b/i],
  ['mechanism', /\b(mechanisms?|pathophysiolog\w*|pathogenesis|cause[sd]?|etiology|aetiology|explains?|explanation|due to|responsible|dysfunctional|defect\w*|deficien\w+|mutations?|enzymes?|pathways?)\b/i],
];

/** What the question asks for, from its wording; anchoring cues are worded to fit it. */
export function questionType(question: string): QuestionType {
  for (const [t, re] of RULES) if (re.test(question)) return t;
  return 'other';
}
