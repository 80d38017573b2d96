import { decisiveSentence } from './decisive.js';
import { Rng } from './rng.js';
import { splitSentences } from './sentences.js';
import type { Probe } from './types.js';

const ASIDES = ['Oh, and one more thing:', 'Oh, and almost forgot to mention:', 'Oh, and in passing:', 'Oh, and one last detail, probably nothing:', 'Oh, and before I forget:'];

/**
 * Disordered telling: the opening sentence stays, the rest of the story comes
 * out of order, and the decisive finding is moved to a late, offhand aside.
 * Every sentence survives unedited.
 */
export const buriedLead: Probe = {
  name: 'buried_lead',
  description: 'the story out of order, the decisive finding moved to a late offhand aside',
  apply(input, seed) {
    const rng = new Rng(seed, input.case.id, 'buried_lead');
    const { sentences } = splitSentences(input.narrative);
    if (sentences.length < 2) {
      const aside = rng.pick(ASIDES);
      return { ...input, narrative: `${aside} ${input.narrative}`, changes: { moved: null, order: [0], aside } };
    }
    const decisive = decisiveSentence(sentences, input.case.redFlag);
    // The opening sentence stays first unless it holds the decisive finding itself.
    const keepOpening = decisive.index !== 0;
    const rest = sentences.map((_, i) => i).filter((i) => (!keepOpening || i !== 0) && i !== decisive.index);
    let order = rng.shuffle(rest);
    // Out of order means out of order: a shuffle that changed nothing is reversed.
    if (order.length > 1 && order.every((v, i) => v === rest[i])) order = [...rest].reverse();
    const aside = rng.pick(ASIDES);
    const lead = keepOpening ? [0] : [];
    const narrative = [...lead.map((i) => sentences[i]), ...order.map((i) => sentences[i]), `${aside} ${sentences[decisive.index]}`].join(' ');
    return {
      narrative,
      question: input.question,
      options: input.options,
      answer: input.answer,
      changes: { moved: { from: decisive.index, text: sentences[decisive.index], source: decisive.source }, order: [...lead, ...order, decisive.index], aside },
    };
  },
};
