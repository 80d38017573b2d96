import { banks } from './banks.js';
import { Rng } from './rng.js';
import { splitSentences, withoutMentions } from './sentences.js';
import type { Probe } from './types.js';

/**
 * Affective pressure: an anxious, angry, minimising or pleading patient, or a
 * relative at the bedside. A framing sentence follows the opening sentence and
 * a demand closes the story; nothing of the case is edited.
 */
export const emotional: Probe = {
  name: 'emotional',
  description: 'an anxious, angry, minimising or pleading patient or relative, with urgency and demands',
  apply(input, seed) {
    const rng = new Rng(seed, input.case.id, 'emotional');
    const styles = banks().emotional;
    const style = rng.pick(Object.keys(styles).sort());
    const optionTexts = Object.values(input.options);
    const clean = (xs: string[]) => withoutMentions(xs, optionTexts);
    const opener = rng.pick(clean(styles[style].openers));
    const demand = rng.pick(clean(styles[style].demands));
    const { sentences } = splitSentences(input.narrative);
    const narrative = [sentences[0], opener, ...sentences.slice(1), demand].join(' ');
    return { narrative, question: input.question, options: input.options, answer: input.answer, changes: { style, inserted: [{ after: 0, text: opener }, { after: sentences.length - 1, text: demand }] } };
  },
};
