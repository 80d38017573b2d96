import { banks } from './banks.js';
import { decisiveSentence } from './decisive.js';
import { hedge, hedgeable, usableHedges } from './lay-voice/hedges.js';
import { layWords, takesLayWords, type Replacement } from './lay-voice/lexicon.js';
import { chooseNarrator, retell, TELLS } from './lay-voice/narrator.js';
import { framed, innerQuotes, plain, quoteIntro, reportable, tableIntro, type Finding } from './lay-voice/report.js';
import { unstock } from './lay-voice/stock.js';
import { Rng } from './rng.js';
import { sentenceKind, units, type PartKind, type SentenceKind } from './structure.js';
import { noNarrator, type Probe } from './types.js';

interface Piece {
  unit: number;
  kind: PartKind;
  /** The clean text, as the units hold it. */
  clean: string;
  /** What the sentence reports (null for a table line). */
  reports: SentenceKind | null;
  text: string;
}

const MAX_HEDGES = 2;
const MAX_TYPOS = 2;

/**
 * The case told by someone who lives it: the patient in the first person, or
 * a parent (a patient under 12, or a minor the parent brought in) or the
 * relative with a patient who cannot speak. Lay words replace medical ones and
 * clinical stock phrases become what a person says, in what the narrator
 * reports; a plain finding is passed on as the clinician's ("The nurse told me
 * my pulse is …"), technical ones are quoted word for word from the note or
 * results sheet. One or two non-epistemic fillers and at most two typos touch
 * history only. Every number, unit and negation stays.
 */
export const layVoice: Probe = {
  name: 'lay_voice',
  description: "the case in the words of the patient (or the parent or relative who tells it): lay terms, fillers and typos in the history, clinicians' findings reported or quoted as theirs; values stay as numbers",
  apply(input, seed) {
    // A stem about a study has nobody who could tell it as their own story; nor has one where the patient dies.
    const nobody = noNarrator(input.profile);
    if (nobody) return nobody;
    const rng = new Rng(seed, input.case.id, 'lay_voice');
    const us = units(input.narrative);
    if (!us.length) return { ineligible: 'empty narrative' };
    const pieces: Piece[] = us.flatMap((u, unit) => u.parts.map((p) => ({ unit, kind: p.kind, clean: p.text, reports: p.kind === 'table-line' ? null : sentenceKind(p.text), text: p.text })));
    const prose = pieces.filter((p) => p.kind !== 'table-line');
    const decisive = prose[decisiveSentence(prose.map((p) => p.clean), input.case.redFlag).index];

    const narrator = chooseNarrator(input.profile, input.narrative, rng);
    const patientNarrates = narrator.speaker === 'patient';
    retell(prose.map((p) => p.text), narrator).forEach((t, i) => (prose[i].text = t));

    const replaced: Replacement[] = [];
    // The clinician's line that introduces the teller keeps the case's words; only what the teller says is retold.
    const [line, told] = prose[0].text.split(TELLS);
    const tellerLine = told === undefined ? '' : line;
    if (told !== undefined) prose[0].text = told;
    for (const p of prose) if ((p !== prose[0] || tellerLine) && takesLayWords(p === prose[0] ? p.text : p.clean, p.reports!)) p.text = layWords(p.text, rng, patientNarrates, replaced);

    // A finding the narrator tells as their own history ("she has had three births", "you review the labs") is no clinician's finding.
    for (const p of prose) if (p !== prose[0] && p.reports !== 'history' && p.kind === 'sentence' && !reportable(p.clean)) p.reports = 'history';
    for (const p of prose) if (p.reports === 'history') p.text = unstock(p.text, patientNarrates ? null : narrator.patientAs);

    // Clinicians' findings: a plain lone one in a frame ("The nurse told me my pulse is …"); a technical one, or a run, quoted word for word.
    const reportedList: { sentence: number; frame: string }[] = [];
    const possessive = patientNarrates ? 'my' : `${narrator.patientAs}'s`;
    let previousFrame: string | undefined;
    const indexOf = new Map(prose.map((p, i) => [p, i]));
    for (const run of findingRuns(pieces, prose[0])) {
      if (run[0].kind === 'table-header') {
        const r = tableIntro(run[0].text, patientNarrates);
        run[0].text = r.text;
        reportedList.push({ sentence: indexOf.get(run[0])!, frame: r.frame });
        continue;
      }
      const kind = run[0].reports as Finding;
      if (run.length === 1 && plain(run[0].clean, kind)) {
        const r = framed(run[0].text, kind, rng, possessive, previousFrame);
        run[0].text = r.text;
        previousFrame = r.frame;
      } else {
        previousFrame = quoteIntro(run.map((p) => p.reports as Finding), rng, previousFrame);
        for (const p of run) p.text = innerQuotes(p.clean);
        run[0].text = `${previousFrame} "${run[0].text}`;
        run[run.length - 1].text += '"';
      }
      for (const p of run) reportedList.push({ sentence: indexOf.get(p)!, frame: previousFrame });
    }
    const isReported = new Set(reportedList.map((r) => r.sentence));

    // Fillers ("Well,", "So,"): one or two, only on history with nothing a filler could seem to weigh.
    const hedges = usableHedges({ ...input.profile, speaker: narrator.speaker });
    const hedged: { sentence: number; hedge: string }[] = [];
    const candidates = prose.map((p, i) => i).filter((i) => i > 0 && prose[i].reports === 'history' && prose[i].kind === 'sentence' && prose[i] !== decisive && !isReported.has(i) && hedgeable(prose[i].clean) && hedgeable(prose[i].text));
    for (const i of hedges.length ? rng.shuffle(candidates).slice(0, 1 + rng.int(MAX_HEDGES)) : []) {
      const h = rng.pick(hedges);
      prose[i].text = hedge(h, prose[i].text);
      hedged.push({ sentence: i, hedge: h });
    }

    // Typos: everyday words of history sentences only, one per sentence, never in neighbouring sentences, the opening or a quote.
    const typos: { word: string; typo: string }[] = [];
    const table = banks().typos;
    const history = prose.map((p, i) => i).filter((i) => i > 0 && prose[i].reports === 'history' && prose[i] !== decisive && !isReported.has(i) && !/["“”]/.test(prose[i].text));
    const touched: number[] = [];
    for (const w of rng.shuffle(Object.keys(table))) {
      if (touched.length >= MAX_TYPOS) break;
      const i = history.find((k) => wordRe(w).test(prose[k].text) && touched.every((t) => Math.abs(t - k) > 1));
      if (i === undefined) continue;
      prose[i].text = prose[i].text.replace(wordRe(w), table[w]);
      touched.push(i);
      typos.push({ word: w, typo: table[w] });
    }

    prose[0].text = tellerLine + prose[0].text;
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

/**
 * Runs of clinicians' findings in reading order: consecutive measurement,
 * examination or test sentences (a table header stands alone; table lines and
 * history end a run). The opening is never one.
 */
function findingRuns(pieces: Piece[], opening: Piece): Piece[][] {
  const runs: Piece[][] = [];
  let run: Piece[] = [];
  const close = () => (run.length && runs.push(run), (run = []));
  for (const p of pieces) {
    if (p.kind === 'table-header' && p !== opening) {
      close();
      runs.push([p]);
    } else if (p === opening || p.kind === 'table-line' || p.reports === 'history' || p.reports === null) close();
    else run.push(p);
  }
  close();
  return runs;
}

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
