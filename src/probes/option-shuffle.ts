import { Rng } from '../util/rng.js';
import type { Probe } from './types.js';

/**
 * Logical stability: the options permuted and relabelled. The texts are the
 * same; the gold answer moves with its text and always lands on a new letter.
 */
export const optionShuffle: Probe = {
  name: 'option_shuffle',
  description: 'the options permuted and relabelled; the gold answer moves with its text',
  apply(input, seed) {
    const rng = new Rng(seed, input.case.id, 'option_shuffle');
    const letters = Object.keys(input.options);
    const order = rng.shuffle(letters);
    // The gold must move, or the probe tests nothing for this case.
    if (order[letters.indexOf(input.answer)] === input.answer) {
      const i = letters.indexOf(input.answer);
      const j = (i + 1 + rng.int(letters.length - 1)) % letters.length;
      [order[i], order[j]] = [order[j], order[i]];
    }
    const options: Record<string, string> = {};
    let answer = input.answer;
    order.forEach((oldLetter, i) => {
      options[letters[i]] = input.options[oldLetter];
      if (oldLetter === input.answer) answer = letters[i];
    });
    return { narrative: input.narrative, question: input.question, options, answer, changes: { order } };
  },
};
