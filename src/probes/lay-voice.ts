import { canType, type Hedged, hedgeTold, LEANS, leans, typedLine, untypable } from './lay-voice/dose.js';
import { typeOut, type Typo } from './lay-voice/typos.js';
import { layWords, takesLayWords, type Replacement } from './lay-voice/lexicon.js';
import { chooseNarrator, type Narrator } from './lay-voice/narrator.js';
import { PARENTS_IN_THIRD } from './lay-voice/parents.js';
import { TELLS } from './lay-voice/phrasing.js';
import { mothersStory, retell } from './lay-voice/retell.js';
import { innerQuotes } from './lay-voice/report.js';
import { chartOnly, returnsToTeller, tellable } from './lay-voice/whose-words.js';
import { unstock, untoldReport } from './lay-voice/stock.js';
import { ownHousehold, THIRD } from './lay-voice/third-person.js';
import { Rng } from '../util/rng.js';
import { DEFAULT_DOSES } from './dose.js';
import { acuteState } from './profile.js';
import { units } from './structure.js';
import { sentenceKind, type SentenceKind } from './structure/sentence-kind.js';
import type { PartKind } from './structure/sentences-and-tables.js';
import { nobodyToSpeak, nobodyWith, type Probe } from './types.js';

interface Piece {
  unit: number;
  kind: PartKind;
  /** The clean text, as the units hold it. */
  clean: string;
  /** What the sentence reports (null for a table line). */
  reports: SentenceKind | null;
  /** Told by the narrator (true) or kept in the clinician's words (false). */
  told: boolean;
  text: string;
}

/** The story names someone with the patient, but no relative who could tell it as theirs ("his family", "a relative", a carer). */
const NOBODY_NAMED = nobodyWith(
  'the story names no parent, relative or friend with the patient who could tell it as theirs ("the family", "a relative", a carer)',
);

/**
 * The case as a note that quotes the person who lives it: a clinician's line
 * names the patient in the case's words and who tells it ("A 41-year-old
 * woman, in her own words: "…""), then the history in the teller's own words
 * (the patient in the first person, or the parent or relative who speaks for
 * them), with lay words and plain speech, no fillers nor typos (a note quoting speech transcribes neither). What the
 * clinicians found, measured, tested or did stays in their words, outside the
 * quotation, exactly as written; a later run of history is quoted again ("She
 * adds: "…""). Every number, unit and negation stays.
 */
export const layVoice: Probe = {
  name: 'lay_voice',
  // 2: patients who cannot give a reliable history do not narrate, no invented teller, plain speech for chart phrases, phone-like typos.
  // 3: mental-status tests and present-state signs stay the clinicians'; no sign-as-feeling lay words; no "So," filler nor one on background.
  // 4: every verb of a list shared with "I" agrees; "myself" for "self"; chart headings said plainly; a parent is one of the parents.
  // 5: the teller as an object is "me"; a newborn's mother tells as "I"; a denial of doing keeps its verb; "I smells" agrees.
  // 6: no typos nor fillers; tense and aspect kept; results, images and converted measurements stay the clinicians'; no "the family" in a quote.
  // 7: "at which point I felt", no lay word doubling its neighbour, a main-clause verb keeps its "-s", no "I said that", verbless chart lines stay out.
  version: 7,
  // 2: spoken fillers in the teller's words; 4: typed into an intake form, with a typist's slips (lay-voice/dose.ts).
  doses: DEFAULT_DOSES,
  description:
    "the history in the words of the patient (or the parent or relative who tells it), quoted in a clinician's " +
    'note: lay terms and plain speech; what the clinicians found stays in their words; values stay as numbers',
  apply(input, seed, dose = 1) {
    // A stem about a study has nobody who could tell it as their own story; nor has one where the patient dies.
    const nobody = nobodyToSpeak(input.profile, input.narrative);
    if (nobody) return nobody;
    const rng = new Rng(seed, input.case.id, 'lay_voice');
    const us = units(input.narrative);
    if (!us.length) return { ineligible: 'empty narrative' };
    const pieces: Piece[] = us.flatMap((u, unit) =>
      u.parts.map((p) => {
        const reports = p.kind === 'table-line' ? null : sentenceKind(p.text);
        return { unit, kind: p.kind, clean: p.text, reports, told: false, text: p.text };
      }),
    );
    const prose = pieces.filter((p) => p.kind !== 'table-line');
    // The teller tells the opening and the history they lived, the findings they report themselves included ("I had a temperature of 38.5°C at home").
    // Once the clinicians have spoken, the teller comes back only for the patient's own story ("The airway is protected" is the clinicians').
    // An opening with a result, an image or a converted measurement ("a 3,100 g (6.8 lb) newborn") stays the clinicians' line.
    const chartOpening = chartOnly(prose[0].clean);
    let clinicianSpoke = false;
    let before: Piece | undefined;
    for (const p of pieces) {
      if (p.kind !== 'table-line') {
        p.told = p === prose[0] ? !chartOpening : p.kind === 'sentence' && tellable(p) && (!clinicianSpoke || returnsToTeller(p, before));
        if (!p.told && p !== prose[0]) clinicianSpoke = true;
      }
      before = p;
    }

    if (!prose.some((p) => p.told)) return { ineligible: 'nothing in the history the teller could tell: a result, an image or a converted measurement' };
    const narrator = chooseNarrator(input.profile, input.narrative);
    if (!narrator) return NOBODY_NAMED;
    const patientNarrates = narrator.speaker === 'patient';
    retell(
      prose.map((p) => p.text),
      narrator,
    ).forEach((t, i) => {
      // A parent would not speak of the parents in the third person ("relies on one parent's earnings"): left so, it stays the clinicians'.
      if (prose[i].told && i > 0 && narrator.speaker === 'parent' && PARENTS_IN_THIRD.test(t)) prose[i].told = false;
      else if (prose[i].told) prose[i].text = t;
    });
    // The clinician's line that introduces the teller keeps the case's words; only what the teller says is retold.
    const [line, said] = prose[0].text.split(TELLS);
    // A newborn delivered to the teller: she is its mother, not the patient.
    const mother = patientNarrates && narrator.sex === 'female' && mothersStory(prose[0].clean);
    let tellerLine = said === undefined ? (mother ? "In the mother's own words: " : introduceTeller(narrator)) : line;
    prose[0].text = said ?? prose[0].text;

    const replaced: Replacement[] = [];
    for (const p of prose)
      if (p.told && takesLayWords(p === prose[0] ? p.text : p.clean, p.reports === 'history' ? 'history' : p.reports!))
        p.text = layWords(p.text, rng, patientNarrates, replaced);
    for (const p of prose) if (p.told) p.text = unstock(p.text, patientNarrates ? null : narrator.patientAs);
    // The teller's household in the case's third person ("the family rents"): theirs ("my family"), else the clinicians' words.
    prose.forEach((p, i) => {
      if (!p.told) return;
      const own = ownHousehold(p.text, prose[i - 1]?.told ? prose[i - 1].text : undefined, narrator.plural || narrator.speaker !== 'patient');
      if (own !== null) p.text = own;
      else if (i > 0) Object.assign(p, { told: false, text: p.clean });
    });
    if (prose[0].told && THIRD.test(prose[0].text)) return { ineligible: "the opening names the teller's household in the third person" };
    // A single past event must stay one: a reporting verb no rule could retell for sure keeps the sentence the clinicians'.
    for (const p of prose.slice(1)) if (p.told && untoldReport(p.text)) Object.assign(p, { told: false, text: p.clean });
    if (prose[0].told && untoldReport(prose[0].text))
      return { ineligible: 'the opening reports what the patient did in words a retelling could change the tense of' };
    if (!prose.some((p) => p.told)) return { ineligible: 'nothing in the history the teller could tell: a result, an image or a converted measurement' };

    const runs = toldRuns(pieces);
    let heavier: { dose: number; hedged: Hedged[]; typos?: Typo[] } | undefined;
    if (dose > 1) {
      const typed = dose >= 4 ? typedLine(tellerLine) : tellerLine;
      if (typed === null || (dose >= 4 && !canType(patientNarrates, acuteState(input.narrative) !== null)))
        return { ineligible: `the patient tells the story while unstable or in an acute event and could type none of it (dose ${dose})` };
      // Their own draws: dose 1's stream stays as it was.
      const drng = new Rng(seed, input.case.id, 'lay_voice', 'dose');
      const next = (p: Piece) => pieces[pieces.indexOf(p) + 1]?.clean;
      const told = runs.flatMap((run, k) =>
        run.map((p, j) => ({ p, text: p.text, clean: p.clean, runStart: j === 0, quoteStart: k === 0 && j === 0, next: next(p) })),
      );
      // The line the typed frame lengthens must not be one the next sentence leans on ("This negatively affects my sleep").
      if (dose >= 4 && LEANS.test(told[0]?.next ?? ''))
        return { ineligible: `the sentence after the opening leans on it, and the typed frame would part them (dose ${dose})` };
      const scene =
        dose >= 4
          ? untypable(
              input.profile.setting,
              input.narrative,
              told.map((t) => t.clean),
            )
          : null;
      if (scene) return { ineligible: `${scene} (dose ${dose})` };
      heavier = { dose, hedged: hedgeTold(told, input.profile, input.case.redFlag, drng) };
      if (dose >= 4) {
        const texts = told.map((t) => t.text);
        heavier.typos = typeOut(
          texts,
          texts.map((t, i) => !/["“”]/.test(t) && !leans(told[i].next)),
          drng,
          Math.min(3, Math.max(2, Math.ceil(told.length / 2))),
        );
        if (!heavier.typos.length) return { ineligible: `fewer than two everyday words in separate told sentences a typist would slip on (dose ${dose})` };
        for (const [i, t] of texts.entries()) told[i].text = t;
        tellerLine = typed;
      }
      for (const t of told) t.p.text = t.text;
    }
    // Quotation marks around each run of told sentences; the first after the clinician's line, later ones after "She adds:".
    runs.forEach((run, k) => {
      for (const p of run) p.text = innerQuotes(p.text);
      run[0].text = `${k === 0 ? tellerLine : `${mother ? 'The mother adds:' : addsLine(narrator, input.profile.sex)} `}"${run[0].text}`;
      run[run.length - 1].text += '"';
    });

    const narrative = us
      .map(
        (u, k) =>
          rebuild(
            u.text,
            pieces.filter((p) => p.unit === k),
          ) + u.sep,
      )
      .join('');
    return {
      narrative,
      question: input.question,
      options: input.options,
      answer: input.answer,
      changes: {
        narrator: { speaker: narrator.speaker, reason: input.profile.speakerReason, patient: narrator.patientAs, named: narrator.named },
        told: prose.map((p, i) => (p.told ? i : -1)).filter((i) => i >= 0),
        replaced,
        ...heavier,
      },
    };
  },
};

/** When the opening named no patient to build the line from: "In the patient's own words:", "As told by the relative:". */
function introduceTeller(n: Narrator): string {
  if (n.speaker === 'patient') return "In the patient's own words: ";
  return `As told by the ${n.named ?? (n.speaker === 'parent' ? 'parent' : 'relative')}: `;
}

/** Who goes on after a stretch of the clinicians' words: "She adds:", "His wife adds:". */
function addsLine(n: Narrator, sex: 'male' | 'female' | null): string {
  const poss = sex === 'male' ? 'His' : sex === 'female' ? 'Her' : "The patient's";
  if (n.speaker === 'patient') return sex === 'male' ? 'He adds:' : sex === 'female' ? 'She adds:' : 'The patient adds:';
  return `${poss} ${n.named ?? (n.speaker === 'parent' ? 'parent' : 'relative')} ${n.plural ? 'add' : 'adds'}:`;
}

/** Runs of told sentences in reading order; a clinician's sentence or a table line ends a run. */
function toldRuns(pieces: Piece[]): Piece[][] {
  const runs: Piece[][] = [];
  let run: Piece[] = [];
  for (const p of pieces) {
    if (p.kind !== 'table-line' && p.told) run.push(p);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

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
