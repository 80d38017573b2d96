import { banks } from './banks.js';
import { Rng } from './rng.js';
import { joinSentences, splitSentences, withoutMentions, wordCount } from './sentences.js';
import type { Probe } from './types.js';

/**
 * Narrative load: irrelevant but plausible sentences (family news, travel,
 * paperwork, normal everyday details, old resolved complaints) woven between
 * the case's sentences until the text is about twice as long. Nothing of the
 * case is removed or edited; the opening sentence stays first.
 */
export const distractor: Probe = {
  name: 'distractor',
  description: 'irrelevant but plausible detail woven through the story; the text grows to about 2×',
  apply(input, seed) {
    const rng = new Rng(seed, input.case.id, 'distractor');
    const split = splitSentences(input.narrative);
    const optionTexts = Object.values(input.options);
    const categories = rng.shuffle(Object.keys(banks().distractors));
    const pools = categories.map((c) => rng.shuffle(withoutMentions(banks().distractors[c], optionTexts)));
    const target = wordCount(input.narrative);
    const chosen: { category: string; text: string }[] = [];
    let added = 0;
    for (let i = 0; added < target && pools.some((p) => p.length); i++) {
      const k = i % pools.length;
      const text = pools[k].pop();
      if (!text) continue;
      chosen.push({ category: categories[k], text });
      added += wordCount(text);
    }
    // Spread the insertions evenly over the gaps after each sentence.
    const gaps = split.sentences.length;
    const inserted: { after: number; category: string; text: string }[] = chosen.map((c, i) => ({ after: Math.floor((i * gaps) / chosen.length), ...c }));
    const sentences: string[] = [];
    const separators: string[] = [];
    split.sentences.forEach((s, i) => {
      sentences.push(s);
      separators.push(split.separators[i] || ' ');
      for (const ins of inserted.filter((x) => x.after === i)) {
        sentences.push(ins.text);
        separators.push(' ');
      }
    });
    return { narrative: joinSentences({ sentences, separators }), question: input.question, options: input.options, answer: input.answer, changes: { inserted } };
  },
};
