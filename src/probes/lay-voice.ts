import { banks } from './banks.js';
import { decisiveSentence } from './decisive.js';
import { hedge, NUMBER_UNIT, usableHedges } from './lay-voice/hedges.js';
import { layWords, takesLayWords, type Replacement } from './lay-voice/lexicon.js';
import { chooseNarrator, retell } from './lay-voice/narrator.js';
import { reported } from './lay-voice/report.js';
import { Rng } from './rng.js';
import { sentenceKind, units, type PartKind, type SentenceKind } from './structure.js';
import type { Probe } from './types.js';

interface Piece {
  unit: number;
  kind: PartKind;
  /** The clean text, as the units hold it. */
  clean: string;
  /** What the sentence reports (null for a table line). */
  reports: SentenceKind | null;
  text: string;
}

const PERSONAL = /\b(I|I'm|I've|me|my|myself|he|she|his|her|him|himself|herself)\b/i;
const MAX_HEDGES = 2;
const MAX_TYPOS = 3;

/**
 * The case told by someone who lives it: the patient in the first person, or
 * a parent (patient under 12) or the relative who brought a patient who cannot
 * speak. Lay words replace medical ones in what the narrator reports; what the
 * clinicians measured, examined or tested is passed on as theirs ("The doctor
 * said …") with every number and unit as in the clean text; a couple of hedges
 * colour history sentences only, and a few typos hit everyday words.
 */
export const layVoice: Probe = {
  name: 'lay_voice',
  description: "the case in the words of the patient (or the parent or relative who tells it): lay terms, hedges and typos in the history, clinicians' findings reported as theirs; values stay as numbers",
  apply(input, seed) {
    // A stem about a study or a researcher has nobody who could tell it as their own story.
    if (input.profile.describesPatient === false) return { ineligible: 'no patient to narrate', detail: 'the stem describes a study, a researcher or a specimen' };
    const rng = new Rng(seed, input.case.id, 'lay_voice');
    const us = units(input.narrative);
    if (!us.length) return { ineligible: 'empty narrative' };
    const pieces: Piece[] = us.flatMap((u, unit) => u.parts.map((p) => ({ unit, kind: p.kind, clean: p.text, reports: p.kind === 'table-line' ? null : sentenceKind(p.text), text: p.text })));
    const prose = pieces.filter((p) => p.kind !== 'table-line');
    const decisive = prose[decisiveSentence(prose.map((p) => p.clean), input.case.redFlag).index];

    const narrator = chooseNarrator(input.profile, input.narrative, rng);
    retell(prose.map((p) => p.text), narrator).forEach((t, i) => (prose[i].text = t));

    const replaced: Replacement[] = [];
    for (const p of prose) if (p !== prose[0] && takesLayWords(p.clean, p.reports!)) p.text = layWords(p.text, rng, narrator.speaker === 'patient', replaced);

    // Clinicians' findings: the first of each run, and any that speaks of the patient, are passed on as theirs.
    const reportedList: { sentence: number; frame: string }[] = [];
    let previousFrame: string | undefined;
    prose.forEach((p, i) => {
      if (i === 0 || p.reports === 'history') return;
      const runStart = prose[i - 1].reports === 'history' || i === 1;
      if (!runStart && !PERSONAL.test(p.text) && p.kind !== 'table-header') return;
      const r = reported(p.text, p.reports as Exclude<SentenceKind, 'history'>, rng, narrator.speaker === 'patient', previousFrame);
      p.text = r.text;
      previousFrame = r.frame;
      reportedList.push({ sentence: i, frame: r.frame });
    });

    // Hedges: only on history the narrator reports, never on a value, the opening or the decisive sentence.
    const hedges = usableHedges(input.profile);
    const hedged: { sentence: number; hedge: string }[] = [];
    const candidates = prose.map((p, i) => i).filter((i) => i > 0 && prose[i].reports === 'history' && prose[i].kind === 'sentence' && prose[i] !== decisive && !NUMBER_UNIT.test(prose[i].clean));
    for (const i of hedges.length ? rng.shuffle(candidates).slice(0, MAX_HEDGES) : []) {
      const h = rng.pick(hedges);
      prose[i].text = hedge(h, prose[i].text);
      hedged.push({ sentence: i, hedge: h });
    }

    // Typos: everyday words of history sentences only (the bank holds no numbers, units or drug names).
    const typos: { word: string; typo: string }[] = [];
    const table = banks().typos;
    const history = prose.filter((p) => p.reports === 'history' && p !== decisive);
    const words = rng.shuffle(Object.keys(table).filter((w) => history.some((p) => wordRe(w).test(p.text))));
    for (const w of words.slice(0, MAX_TYPOS)) {
      const p = history.find((x) => wordRe(w).test(x.text))!;
      p.text = p.text.replace(wordRe(w), table[w]);
      typos.push({ word: w, typo: table[w] });
    }

    const narrative = us.map((u, k) => rebuild(u.text, pieces.filter((p) => p.unit === k)) + u.sep).join('');
    return {
      narrative,
      question: input.question,
      options: input.options,
      answer: input.answer,
      changes: {
        narrator: { speaker: narrator.speaker, reason: input.profile.speakerReason, patient: narrator.patientAs, named: narrator.named },
        replaced,
        reported: reportedList,
        hedged,
        typos,
      },
    };
  },
};

const wordRe = (w: string) => new RegExp(`(?<![\\w-])${w}(?![\\w-])`);

/** The unit's text with each part replaced in place: separators and table line breaks stay as they were. */
function rebuild(text: string, parts: Piece[]): string {
  let out = '';
  let cursor = 0;
  for (const p of parts) {
    const at = text.indexOf(p.clean, cursor);
    if (at < 0) continue;
    out += text.slice(cursor, at) + p.text;
    cursor = at + p.clean.length;
  }
  return out + text.slice(cursor);
}
