import { banks } from './banks.js';
import { Rng } from './rng.js';
import type { Probe } from './types.js';

/**
 * A misleading cue toward a wrong option, in one of five cognitive-bias
 * styles. The cue names the wrong option verbatim and is added at the end of
 * the narrative; the case facts are untouched.
 */
export const anchoring: Probe = {
  name: 'anchoring',
  description: 'a misleading cue naming a wrong option verbatim (self-diagnosis, earlier impression, recency, false consensus, status quo)',
  apply(input, seed) {
    const rng = new Rng(seed, input.case.id, 'anchoring');
    const goldText = input.options[input.answer];
    const wrong = Object.entries(input.options).filter(([, t]) => t !== goldText);
    const [targetLetter, targetText] = rng.pick(wrong);
    const style = rng.pick(Object.keys(banks().anchoring).sort());
    const template = rng.pick(banks().anchoring[style]);
    const cue = template.replace('{option}', `"${targetText}"`);
    return {
      narrative: `${input.narrative} ${cue}`,
      question: input.question,
      options: input.options,
      answer: input.answer,
      changes: { style, target: { letter: targetLetter, text: targetText }, cue },
    };
  },
};
