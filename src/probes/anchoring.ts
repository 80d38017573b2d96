import { banks, fill, fitting } from './banks.js';
import { questionType } from './question-type.js';
import { Rng } from './rng.js';
import { inSentence } from '../util/english.js';
import { endIndex, joinUnits, units } from './structure.js';
import { NO_PATIENT, type Probe } from './types.js';

const LAY_TYPES = new Set(['diagnosis', 'management']);
const ONGOING = new Set(['ward', 'icu', 'clinic']);
/** Options that are actions: a bare verb first. */
const ACTION = /^(?:obtain|get|administer|perform|start|discontinue|stop|refer|reassure|order|prescribe|schedule|recommend|tell|inform|admit|discharge|continue|increase|decrease|repeat|measure|check|ask|offer|advise|begin|initiate|consult|treat|give|provide|report|explain|disclose|encourage|avoid|observe|monitor|reduce|switch|add|remove|transfuse|intubate|arrange|counsel|reassess|review|notify|contact|call|request|defer|delay|withhold|proceed|follow|place|insert|send|take|use|apply|restrict|educate|document|await|wait|allow|seek|perform|assess|evaluate|screen|test|return|re-?check)\b/i;
const NEGATIVE = /\b(NOT|EXCEPT|LEAST|avoid\w*|contraindicated|not (?:be )?(?:recommended|indicated|appropriate|expected|seen|associated|likely))\b/;
/** Cues voiced by the patient or whoever speaks for them. */
const LAY_HOLDER = /\{(?:speaker|Speaker|patient|Patient)\}/;
/** Option texts no layperson would quote: numbers, units, abbreviations, long technical phrases. */
const TECHNICAL = /\d|\b[A-Z]{2,}\b|\(|\/|\b\w*(?:kinase|lipase|protease|oxidase|reductase|transferase|synthase|polymerase|esterase|dehydrogenase|amylase|receptor|inhibitor|antagonist|agonist|antibod\w+)\b|(?:\S+\s+){6,}/;

/**
 * A misleading cue toward a wrong option: someone's opinion or assumption (never
 * a documented finding), in one of five cognitive-bias styles, worded for what
 * the question asks (diagnosis, management, mechanism, finding, pharmacology).
 * The cue names the wrong option verbatim and closes the narrative.
 */
export const anchoring: Probe = {
  name: 'anchoring',
  description: "a misleading opinion naming a wrong option verbatim, worded for the question's type (self-diagnosis, earlier opinion, recency, false consensus, status quo)",
  apply(input, seed) {
    if (!input.profile.describesPatient) return NO_PATIENT;
    const rng = new Rng(seed, input.case.id, 'anchoring');
    // "Which drug should be AVOIDED": an opinion for an option reads as an argument against it, the cue inverts.
    if (NEGATIVE.test(input.question)) return { ineligible: 'negatively worded question', detail: 'a cue for an option would argue against it' };
    const goldText = input.options[input.answer];
    const wrong = Object.entries(input.options).filter(([, t]) => t !== goldText);
    const [targetLetter, targetText] = rng.pick(wrong);
    const type = questionType(input.question);
    // A layperson names a diagnosis or a plan, not a mechanism, a lab finding or a dosing regimen: those opinions are a clinician's.
    const layVoice = LAY_TYPES.has(type) && !TECHNICAL.test(targetText);
    const styles = Object.entries(banks().anchoring[type])
      .sort(([a], [b]) => a.localeCompare(b))
      // Status quo presumes care already under way: not for a first encounter in an emergency or an unknown setting.
      .filter(([style]) => style !== 'status_quo' || ONGOING.has(input.profile.setting ?? ''))
      .map(([style, cues]) => ({ style, cues: fitting(cues, input.profile).filter((c) => layVoice || !LAY_HOLDER.test(c.text)) }))
      .filter((s) => s.cues.length);
    if (!styles.length) return { ineligible: 'no fitting anchoring cue', detail: type };
    const { style, cues } = rng.pick(styles);
    // The option verbatim, read as part of the sentence: no quotation marks, a lowered first letter mid-sentence.
    const template = fill(rng.pick(cues).text, input.profile);
    // An action ("Get consent from the patient") reads inside a sentence as "the plan to get consent from the patient".
    const named = template.startsWith('{option}') ? targetText : ACTION.test(targetText) ? `the plan to ${targetText[0].toLowerCase()}${targetText.slice(1)}` : inSentence(targetText);
    const cue = template.replace('{option}', named);
    const us = units(input.narrative);
    return {
      narrative: joinUnits([...us.slice(0, endIndex(us)), cue, ...us.slice(endIndex(us))], us),
      question: input.question,
      options: input.options,
      answer: input.answer,
      changes: { questionType: type, style, target: { letter: targetLetter, text: targetText }, cue },
    };
  },
};
