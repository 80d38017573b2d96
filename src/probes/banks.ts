import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The project's own phrase banks and lexicon, shipped in `data/probes/`. */
const DIR = fileURLToPath(new URL('../../data/probes/', import.meta.url));

export interface LexiconEntry {
  term: string;
  lay: string[];
}

export type Styled = Record<string, string[]>;

export interface Banks {
  lexicon: LexiconEntry[];
  distractors: Styled;
  emotional: Record<string, { openers: string[]; demands: string[] }>;
  anchoring: Styled;
  hedges: string[];
  typos: Record<string, string>;
}

let cached: Banks | undefined;

export function banks(): Banks {
  if (cached) return cached;
  const read = (name: string) => parse(readFileSync(`${DIR}${name}`, 'utf8'));
  const hedges = read('hedges.yaml') as { hedges: string[]; typos: Record<string, string> };
  cached = {
    lexicon: read('lay-lexicon.yaml') as LexiconEntry[],
    distractors: read('distractors.yaml') as Styled,
    emotional: read('emotional.yaml') as Banks['emotional'],
    anchoring: read('anchoring.yaml') as Styled,
    hedges: hedges.hedges,
    typos: hedges.typos,
  };
  return cached;
}
