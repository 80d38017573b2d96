import { banks, fill, fitting } from './banks.js';
import { questionType } from './question-type.js';
import { Rng } from './rng.js';
import { endIndex, joinUnits, units } from './structure.js';
import { NO_PATIENT, type Probe } from './types.js';

const LAY_TYPES = new Set(['diagnosis', 'management']);
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
    const goldText = input.options[input.answer];
    const wrong = Object.entries(input.options).filter(([, t]) => t !== goldText);
    const [targetLetter, targetText] = rng.pick(wrong);
    const type = questionType(input.question);
    // A layperson names a diagnosis or a plan, not a mechanism, a lab finding or a dosing regimen: those opinions are a clinician's.
    const layVoice = LAY_TYPES.has(type) && !TECHNICAL.test(targetText);
    const styles = Object.entries(banks().anchoring[type])
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([style, cues]) => ({ style, cues: fitting(cues, input.profile).filter((c) => layVoice || !LAY_HOLDER.test(c.text)) }))
      .filter((s) => s.cues.length);
    if (!styles.length) return { ineligible: 'no fitting anchoring cue', detail: type };
    const { style, cues } = rng.pick(styles);
    const cue = fill(rng.pick(cues).text, input.profile).replace('{option}', `"${targetText}"`);
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
