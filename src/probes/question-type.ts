export const QUESTION_TYPES = ['diagnosis', 'management', 'mechanism', 'finding', 'association', 'pharmacology', 'other'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * Questions whose options are places, structures, molecules, organisms, numbers or
 * statements: no diagnosis, plan or cause reads with them ("turned out to be the
 * rectouterine pouch"), so they take the cues that name an option after a colon.
 */
const THING =
  'structures?|locations?|sites?|areas?|regions?|parts?|nerves?|arter(?:y|ies)|veins?|vessels?|muscles?|bones?|' +
  'ligaments?|tendons?|organs?|lobes?|spaces?|compartments?|layers?|zones?|cells?|cell types?|tissues?|nuclei|' +
  'nucleus|tracts?|fib(?:er|re)s?|junctions?|' +
  ('receptors?|proteins?|enzymes?|genes?|chromosomes?|molecules?|substances?|mediators?|cytokines?|interleukins?|' +
    'hormones?|antibod(?:y|ies)|immunoglobulins?|neurotransmitters?|') +
  'values?|numbers?|sets?|pairs?|combinations?|ratios?|percentages?|' +
  'organisms?|pathogens?|microorganisms?|microbes?|bacteri(?:a|um)|viruse?s?|parasites?|fung(?:i|us)|species|' +
  ('steps? in|stages?|phases?|processes|process|pathways?|statements?|features?|characteristics?|properties|' +
    'biases?|types? of (?:bias|study)|study designs?|methods?|modes? of inheritance');
const OTHER = new RegExp(
  [
    // "Which of the following structures …", "which of the following T cell receptors …", "which area of the body …"
    `\\bwhich (?:of the (?:following|symptoms below) )?(?:[\\w-]+ ){0,2}(?:${THING})\\b`,
    `\\b(?:most likely|causal|causative|etiologic|aetiologic|infectious|responsible|offending) (?:organism|agent|` +
      `microorganism|pathogen|virus|bacteri\\w*)s?\\b`,
    // Where something is, how much of something there is.
    '^\\s*where\\b|\\bwhere (?:is|are|was|were|would|does|do|did|in)\\b|\\b(?:be )?(?:located|locali[sz]ed)\\b|' +
      '\\bhow (?:many|much)\\b|\\bby what factor\\b|\\bwhich number\\b',
    '\\bwhat (?:is|was|are|would be) (?:the )?(?:\\w+ ){0,3}(?:value|number|probability|odds|sensitivity|' +
      'specificity|predictive value|likelihood|percentage|proportion|rate|ratio|index|concentration|half-life|' +
      'clearance|risk ratio|relative risk)\\b',
    '\\b(?:represents?|closest to) (?:the )?(?:\\w+ ){0,3}(?:value|index|ratio|rate|probability|number)\\b',
    // Statements about the case, not a diagnosis of it.
    // "due to a mutation in which of the following?": genes, loci, chromosomes.
    '\\b(?:mutations?|defects?|deletions?|abnormalit(?:y|ies)) (?:in|of) which\\b',
    '\\b(?:is|are) (?:most )?(?:true|correct|accurate)\\b|\\b(?:best|accurately|most accurately) describes?\\b|' +
      '\\bmost accurate description\\b|\\bcharacteristic of\\b|\\bmode of inheritance\\b|\\binherit\\w*\\b',
  ].join('|'),
  'i',
);

// The first rule that matches wins. Questions about things, places and numbers come
// first; then questions that ask for a step or a test (their options are actions),
// findings, drugs, diagnoses, causes.
const RULES: [QuestionType, RegExp][] = [
  ['other', OTHER],
  // "Which of the following findings would help establish the diagnosis?": findings, whatever they are for.
  ['finding', /\bwhich of the following (?:[\w-]+ ){0,2}(?:findings|abnormalit(?:y|ies)|signs?|symptoms|results)\b/i],
  [
    'management',
    new RegExp(
      String.raw`\b(next (?:best )?step|next action|first step|which of the following (?:tests?|studies|investigations?|` +
        String.raw`imaging|procedures?)\b|(?:confirm|establish\w*) (?:the |a |this )?(?:suspected )?diagnosis)`,
      'i',
    ),
  ],
  ['mechanism', /\b((?:most likely|underlying) cause|cause of (?:this|these|the)|mechanisms? (?:best )?explains?)\b/i],
  // A risk factor or an association is a known item of history, never something that will "turn up": it takes an opinion cue.
  ['association', /\b(risk factors?|predispos\w*|(?:most (?:strongly )?|strongly )?associated with|(?:strongest|greatest) association)\b/i],
  [
    'finding',
    new RegExp(
      String.raw`\b(findings?|likely to (?:show|reveal|demonstrate|be (?:found|seen|present|observed))|` +
        String.raw`would (?:most likely )?(?:show|reveal|demonstrate|be (?:found|seen|expected|observed|present))|` +
        String.raw`(?:be )?expected to (?:show|reveal|demonstrate|find|see|be (?:found|seen))|most likely (?:be )?(?:found|seen|` +
        String.raw`present|observed|elevated|increased|decreased)|(?<!(?:reduc|decreas|lower|minimi[sz]|prevent|` +
        String.raw`mitigat)\w* (?:the |this |his |her |their )?(?:patient's |patient’s )?)risk|associated with|X-ray|culture|` +
        String.raw`biopsy|imaging|laboratory)\b`,
      'i',
    ),
  ],
  [
    'pharmacology',
    new RegExp(
      String.raw`\b(mechanism of action|drugs?|medications?|antibiotics?|pharmacolog\w*|adverse (?:effect|event|reaction)s?|` +
        String.raw`side effects?|(?<!(?:etiologic|aetiologic|causal|causative|infectious) )agents?|dos(?:e|es|ing))\b`,
      'i',
    ),
  ],
  [
    'management',
    new RegExp(
      String.raw`\b((?:reduc|decreas|lower|minimi[sz])\w* (?:the |this |his |her |their )?(?:patient's |patient’s )?risk|` +
        String.raw`management|treat\w*|therap\w*|administered|indicated|most appropriate|prevent\w*|counsel\w*|recommend\w*|` +
        String.raw`interventions?|should be (?:done|given|added|ordered|performed|offered))\b`,
      'i',
    ),
  ],
  ['diagnosis', /\b(diagnos[ie]s|most likely (?:condition|disorder|disease))\b/i],
  [
    'mechanism',
    new RegExp(
      String.raw`\b(mechanisms?|pathophysiolog\w*|pathogenesis|cause[sd]?|etiology|aetiology|explains?|explanation|due to|` +
        String.raw`responsible|dysfunctional|defect\w*|deficien\w+|mutations?|enzymes?|pathways?)\b`,
      'i',
    ),
  ],
];

/** What the question asks for, from its wording; anchoring cues are worded to fit it. */
export function questionType(question: string): QuestionType {
  for (const [t, re] of RULES) if (re.test(question)) return t;
  return 'other';
}

// Questions about research methods, biostatistics or ethics: an opinion polled on them reads as the exam question
// itself ("a specialist and a trainee both settled on blinding"), so the anchoring probe leaves them out (counted).
const RESEARCH = new RegExp(
  String.raw`\b(?:stud(?:y|ies) design|type of (?:study|bias|error)|this (?:study|trial)|the (?:study|trial)|researchers?|` +
    String.raw`investigators?|biase?s?|blind(?:ing|ed)|(?:double|single|triple)-blind|randomi[sz]\w*|confound\w*|statistic\w*|p-?values?|null hypothesis|` +
    String.raw`type (?:I|II|1|2) error|sample size|confidence intervals?|sensitivity|specificity|predictive values?|` +
    String.raw`likelihood ratios?|odds ratios?|relative risk|risk ratio|attributable risk|number needed to|incidence|prevalence|` +
    String.raw`cohort|case[- ]control|cross-sectional|meta-analys\w*|intention[- ]to[- ]treat|placebo|lead[- ]time|validity|` +
    String.raw`reliability|study population|control group|hazard ratio)\b`,
  'i',
);
const ETHICS = new RegExp(
  String.raw`\b(?:ethic\w*|informed consent|consent|confidential\w*|disclos\w*|autonomy|beneficence|surrogate|power of attorney|` +
    String.raw`advance directives?|decision-making capacity|capacity|guardian\w*|court order|legal\w*|child protective|` +
    String.raw`adult protective|authorities|police|law|apologi[sz]\w*|the patient's (?:wishes|request|decision)|respect\w*)\b`,
  'i',
);
const ETHICS_ASKED = /\b(?:ethic\w*|most appropriate (?:response|reply|statement)|how should (?:the|you|this) (?:physician|doctor) respond)\b/i;

/** Whether the question is about research methods, biostatistics or ethics, and which; null for a clinical question. */
export function offPatient(question: string, options: readonly string[]): 'research methods or biostatistics' | 'ethics' | null {
  const hits = (re: RegExp) => options.filter((o) => re.test(o)).length;
  if (RESEARCH.test(question) || hits(RESEARCH) >= 2) return 'research methods or biostatistics';
  if (ETHICS_ASKED.test(question) || hits(ETHICS) >= 2) return 'ethics';
  return null;
}
