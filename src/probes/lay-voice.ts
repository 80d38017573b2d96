import { banks, type LexiconEntry } from './banks.js';
import { toFirstPerson } from './first-person.js';
import { Rng } from './rng.js';
import { splitSentences } from './sentences.js';
import type { Probe } from './types.js';

let lexiconRe: RegExp | undefined;
let lexiconMap: Map<string, LexiconEntry> | undefined;

/** One alternation of every term, longest first, on word boundaries. */
function lexicon(): { re: RegExp; map: Map<string, LexiconEntry> } {
  if (!lexiconRe || !lexiconMap) {
    const entries = [...banks().lexicon].sort((a, b) => b.term.length - a.term.length);
    lexiconMap = new Map(entries.map((e) => [e.term.toLowerCase(), e]));
    const alt = entries.map((e) => e.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    lexiconRe = new RegExp(`(?<![A-Za-z0-9-])(${alt})(?![A-Za-z0-9-])`, 'gi');
  }
  return { re: lexiconRe, map: lexiconMap };
}

/**
 * The patient's own words: first person, medical terms replaced by lay
 * equivalents from the project's lexicon, a couple of hedges and typos.
 * Numbers and units are never touched: typos only hit everyday words.
 */
export const layVoice: Probe = {
  name: 'lay_voice',
  description: "the patient's own words: first person, lay terms for medical ones, hedges and a few typos; values stay as numbers",
  apply(input, seed) {
    const rng = new Rng(seed, input.case.id, 'lay_voice');
    const { re, map } = lexicon();
    const replaced: { term: string; lay: string }[] = [];
    let text = toFirstPerson(input.narrative).replace(re, (m) => {
      const entry = map.get(m.toLowerCase());
      if (!entry) return m;
      const lay = rng.pick(entry.lay);
      replaced.push({ term: m, lay });
      return m[0] === m[0].toUpperCase() && m[0] !== m[0].toLowerCase() ? lay[0].toUpperCase() + lay.slice(1) : lay;
    });
    const split = splitSentences(text);
    const hedged: { sentence: number; hedge: string }[] = [];
    const candidates = rng.shuffle(split.sentences.map((_, i) => i).filter((i) => i > 0 && /^[A-Z][a-z]/.test(split.sentences[i]) && !/^I\b/.test(split.sentences[i])));
    for (const i of candidates.slice(0, 2)) {
      const hedge = rng.pick(banks().hedges);
      const s = split.sentences[i];
      split.sentences[i] = `${hedge} ${s[0].toLowerCase()}${s.slice(1)}`;
      hedged.push({ sentence: i, hedge });
    }
    text = split.sentences.map((s, i) => s + (split.separators[i] ?? '')).join('').trim();
    const typos: { word: string; typo: string }[] = [];
    const table = banks().typos;
    const words = rng.shuffle(Object.keys(table).filter((w) => new RegExp(`\\b${w}\\b`).test(text)));
    for (const w of words.slice(0, 3)) {
      text = text.replace(new RegExp(`\\b${w}\\b`), table[w]);
      typos.push({ word: w, typo: table[w] });
    }
    return { narrative: text, question: input.question, options: input.options, answer: input.answer, changes: { firstPerson: true, replaced, hedged, typos } };
  },
};
