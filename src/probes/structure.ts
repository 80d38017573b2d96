/**
 * A narrative cut into units that probes may move or insert between, never split:
 * - a sentence;
 * - a lab table (a run of `name value unit` / `name: value` lines) together with its header sentence;
 * - a sentence that refers back (time anchor or leading pronoun) joined to what it follows.
 */
export interface Unit {
  /** Verbatim text of the unit (may hold newlines inside a table). */
  text: string;
  /** The unit's sentences and table lines in order. */
  parts: Part[];
  /** Separator that followed this unit in the original text ('' for the last). */
  sep: string;
  /** The unit starts / ends with a table line: joins to neighbours need a line break. */
  leadsWithTable: boolean;
  trailsWithTable: boolean;
}

export type PartKind = 'sentence' | 'table-header' | 'table-line';
export interface Part {
  kind: PartKind;
  text: string;
}

/** What a sentence reports, for where hedges and lay words may go. */
export type SentenceKind = 'history' | 'measurement' | 'examination' | 'test';

// ---------------------------------------------------------------------------
// Pieces: sentences and table lines with their offsets in the narrative.

interface Piece {
  kind: PartKind;
  start: number;
  end: number;
  /** Whitespace after the piece, up to the next piece. */
  sep: string;
}

/** Words that end in "." without ending a sentence. Not "min" (…96/min. She…) nor "etc" (usually ends one). */
const ABBREVIATION = /(?:^|[^\p{L}.])(?:Dr|Drs|Mr|Mrs|Ms|Mx|Prof|Sr|Jr|St|Mt|vs|approx|ca|cf|al|No|Nos|Fig|Figs|Vol|pp|e\.g|i\.e|viz|incl)\.$/iu;
const TITLE = /(?:^|\s)(?:Dr|Drs|Mr|Mrs|Ms|Mx|Prof|St)\.\s*$/;
/** Frequent sentence openers: "…hepatitis C. His…" and "…Image A. The…" end a sentence; "John F. Kennedy" does not. */
const OPENERS = new Set('A An The He She His Her It Its They Their This These That Those There On In At After Before During Which What When While Physical Examination Laboratory Vital Patient Pulse Blood Temperature Respirations Heart Urine Serum Chest Abdominal Cranial Neurologic Cardiopulmonary Auscultation Review Results Both No Over Since Today Yesterday Two Three One Four Five Six Seven Eight Nine Ten'.split(' '));

/** A capital letter and a period inside a name ("Dr. J. Smith", "John F. Kennedy"), not "hepatitis B." or "Image A.". */
function isInitial(before: string, next: string): boolean {
  const m = /(?:^|\s)(\S*)\s+\p{Lu}\.$/u.exec(before);
  if (!/(?:^|[\s(])\p{Lu}\.$/u.test(before)) return false;
  if (TITLE.test(before.slice(0, -2)) || /(?:^|\s)\p{Lu}\.\s+\p{Lu}\.$/u.test(before)) return true;
  const prev = m?.[1] ?? '';
  const nextWord = /^["'“‘(]?(\p{L}+)/u.exec(next)?.[1] ?? '';
  return /^\p{Lu}\p{Ll}+$/u.test(prev) && /^\p{Lu}\p{Ll}+$/u.test(nextWord) && !OPENERS.has(nextWord) && !OPENERS.has(prev);
}

/**
 * Cuts one line (no newlines) into sentences at ., ! or ? (plus closing quotes/brackets)
 * followed by white space and a capital, digit or opening quote; decimals, "/mm3",
 * abbreviations and initials do not end a sentence. Offsets are into `text`.
 */
function sentencesOf(text: string, from: number, to: number): Piece[] {
  const out: Piece[] = [];
  const line = text.slice(from, to);
  const re = /([.!?]["'”’)\]]*)(\s+)(?=["'“‘([]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const end = m.index + m[1].length;
    const before = line.slice(start, end);
    const next = line.slice(end + m[2].length);
    if (m[1] === '.' && (ABBREVIATION.test(before) || isInitial(before, next))) continue;
    out.push({ kind: 'sentence', start: from + start, end: from + end, sep: m[2] });
    start = end + m[2].length;
  }
  if (start < line.length) out.push({ kind: 'sentence', start: from + start, end: to, sep: '' });
  return out;
}

// ---------------------------------------------------------------------------
// Tables: runs of short lines that read as `name value unit`, `name: value` or a sub-header.

const VALUE_WORD = /\b(?:negative|positive|normal|abnormal|absent|present|trace|none|nonreactive|non-reactive|reactive|detected|undetected|not detected|elevated|decreased|increased|low|high|clear|cloudy|yellow|amber|straw|turbid|rare|few|many|occasional|moderate|large|small)\s*$/i;
const SENTENCE_END = /[.!?]["'”’)\]]*$/;
const words = (s: string) => (s.match(/\S+/g) ?? []).length;

/** A line with a value in it: digits, "name: value" or a result word ("Ketones negative"). */
function hasValue(line: string): boolean {
  return /\p{N}/u.test(line) || /:\s*\S/.test(line) || VALUE_WORD.test(line);
}

/** Could be a table line: one short clause with no sentence end. */
function tableShaped(line: string): boolean {
  if (SENTENCE_END.test(line) || words(line) > 14) return false;
  if (line.endsWith(':') && words(line) > 4) return false; // "Laboratory studies show:" is a header sentence
  return sentencesOf(line, 0, line.length).length === 1;
}

/** The sentence just before a table introduces it ("Laboratory studies show:", "…are shown below."). */
export function introducesTable(sentence: string): boolean {
  const s = sentence.trim();
  return /:$/.test(s) || /\b(?:show|shows|showed|shown|reveal|reveals|revealed|demonstrate|demonstrates|demonstrated|below|following|as follows|include|includes|included|significant for|notable for|remarkable for|results?|values|studies|panel|profile)\b[^.!?]*[.!?]?$/i.test(s);
}

interface Line {
  start: number;
  end: number;
  sep: string;
}

/** Splits the text between `from` and `to` into lines; the separator is the whole white-space run holding the line break(s). */
function linesOf(text: string, from: number, to: number): Line[] {
  const out: Line[] = [];
  const re = /\s*\n\s*/g;
  re.lastIndex = from;
  let start = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    out.push({ start, end: m.index, sep: m[0] });
    start = m.index + m[0].length;
  }
  out.push({ start, end: to, sep: '' });
  return out;
}

/** All pieces of the narrative body [from, to): prose lines cut into sentences, table runs kept line by line. */
function piecesOf(text: string, from: number, to: number): Piece[] {
  const lines = linesOf(text, from, to);
  const shaped = lines.map((l) => tableShaped(text.slice(l.start, l.end)));
  const pieces: Piece[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!shaped[i]) {
      pushProse(text, lines[i], pieces);
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && shaped[j]) j++;
    const run = lines.slice(i, j);
    const valued = run.filter((l) => hasValue(text.slice(l.start, l.end))).length;
    const prev = pieces[pieces.length - 1];
    const introduced = prev !== undefined && prev.kind === 'sentence' && introducesTable(text.slice(prev.start, prev.end));
    if (valued >= 2 || (valued === 1 && introduced)) {
      if (introduced) prev.kind = 'table-header';
      run.forEach((l, k) => {
        // Without an introducing sentence, a first line with no value ("Results:", "Laboratory test") heads the table.
        const heads = k === 0 && !introduced && !hasValue(text.slice(l.start, l.end));
        pieces.push({ kind: heads ? 'table-header' : 'table-line', start: l.start, end: l.end, sep: l.sep });
      });
    } else {
      for (const l of run) pushProse(text, l, pieces);
    }
    i = j;
  }
  return pieces;
}

function pushProse(text: string, line: Line, pieces: Piece[]) {
  const ss = sentencesOf(text, line.start, line.end);
  if (ss.length) ss[ss.length - 1].sep = line.sep;
  pieces.push(...ss);
}

// ---------------------------------------------------------------------------
// Units.

/** Narrative → units; lossless: `joinUnits(units(t), units(t)) === t`. Blank text gives no units. */
export function units(narrative: string): Unit[] {
  const from = narrative.length - narrative.trimStart().length;
  const to = narrative.trimEnd().length;
  if (to <= from) return [];
  const pieces = piecesOf(narrative, from, to);
  const groups: Piece[][] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    const last = groups[groups.length - 1];
    const prev = pieces[i - 1];
    // A table line stays with its table; a header opens one; a back-referring sentence joins what it follows.
    const joins =
      last !== undefined &&
      ((p.kind === 'table-line' && prev.kind !== 'sentence') ||
        (p.kind !== 'table-line' && refersBack(narrative.slice(p.start, p.end), narrative.slice(prev.start, prev.end))));
    if (joins) last.push(p);
    else groups.push([p]);
  }
  return groups.map((g, k) => {
    const first = g[0];
    const last = g[g.length - 1];
    const start = k === 0 ? 0 : first.start;
    const end = k === groups.length - 1 ? narrative.length : last.end;
    return {
      text: narrative.slice(start, end),
      parts: g.map((p) => ({ kind: p.kind, text: narrative.slice(p.start, p.end) })),
      sep: k === groups.length - 1 ? '' : last.sep,
      // A bare label heading ("Laboratory test") is a table row too: nothing may be glued before it.
      leadsWithTable: first.kind === 'table-line' || (first.kind === 'table-header' && !/[:.!?]\s*$/.test(narrative.slice(first.start, first.end))),
      trailsWithTable: last.kind === 'table-line',
    };
  });
}

/** Joins units (original or inserted) back into text: original separators between original neighbours, a line break next to a table, else a space. */
export function joinUnits(list: readonly (Unit | string)[], original?: readonly Unit[]): string {
  let out = '';
  list.forEach((item, i) => {
    if (i > 0) {
      const left = list[i - 1];
      const at = original && typeof left !== 'string' && typeof item !== 'string' ? neighbours(original, left, item) : -1;
      if (at >= 0) out += original![at].sep || ' ';
      else if ((typeof left !== 'string' && left.trailsWithTable) || (typeof item !== 'string' && item.leadsWithTable)) out += '\n';
      else out += ' ';
    }
    out += typeof item === 'string' ? item : item.text;
  });
  return out;
}

/** Where `left` is directly followed by `right` in `original`, or -1; a unit from another `units()` call of the same text counts as the same unit. */
function neighbours(original: readonly Unit[], left: Unit, right: Unit): number {
  const same = (a: Unit, b: Unit) => a === b || (a.text === b.text && a.sep === b.sep);
  const at = original.indexOf(left);
  if (at >= 0) return original[at + 1] === right ? at : -1;
  for (let i = 0; i + 1 < original.length; i++) if (same(original[i], left) && same(original[i + 1], right)) return i;
  return -1;
}

// ---------------------------------------------------------------------------
// Back-references.

const TIME_ANCHOR = new RegExp(
  '^(?:' +
    [
      'afterwards?',
      'after (?:that|this|these|those|the|treatment|admission|discharge|surgery|delivery|resuscitation|stabili[sz]ation|initial)\\b',
      'then',
      'the (?:next|following|same) (?:day|morning|afternoon|evening|night|week|month|year)',
      'later',
      'subsequently',
      '(?:over|within|during|in) the (?:next|following|subsequent|ensuing) (?:\\d+ |few |several |two |three |four |five |six |24 |48 |72 )?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)',
      'since then',
      'shortly (?:after|afterwards?|thereafter)',
      'soon after',
      'thereafter',
      'meanwhile',
      'in the meantime',
      '(?:\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|several|a few) (?:more )?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) (?:later|after(?:wards?)?)',
      'despite (?:this|these|that|those|treatment|therapy|the|these|adequate|appropriate|initial)\\b',
      'at (?:that|this|the same) (?:time|point|moment)',
      'during (?:this|that|the) (?:time|period|episode|visit|admission|stay)',
      'on (?:the )?(?:next|following|same) (?:day|morning|evening)',
      'by (?:then|that time|the (?:next|following) (?:day|morning))',
      'in response\\b',
      'as a result\\b',
      'however\\b',
      'nevertheless\\b',
      'otherwise\\b',
    ].join('|') +
    ')\\b',
  'i',
);

/** "She denies taking anything else": meaningful only after what "else" excludes. */
// "He also has reflux", "A reduction in this mechanism …": the sentence leans on one before it.
const ALSO_EARLY = /^(?:\S+\s+){1,2}also\b/i;
const THIS_EARLY = /^(?:\S+\s+){0,4}(?:this|these|such) (?!(?:morning|afternoon|evening|night|week|month|year|time|patient|man|woman|boy|girl|child|infant|baby|visit|admission)\b)[a-z]+/i;
const ELSE = /\b(?:anything|nothing|something|everything|anyone|no one|nobody) else\b|\bother than (?:this|that|these|those|it)\b|\bthe (?:former|latter)\b|\bin addition to (?:this|that|these|those|it)\b/i;

/** Opening words that only mean something with the sentence before them. */
const ANAPHOR = /^(?:this|these|that|those|such|it|they)\b/i;
/** …but "This morning …" counts from now, "This patient …" names the patient, "It is thought that …" is no pronoun. */
const NOT_ANAPHOR = /^(?:(?:this|that) (?:morning|afternoon|evening|night|week|month|year|past|weekend|summer|winter|spring|autumn|fall)\b|(?:this|these) (?:patients?|man|woman|boy|girl|child|infant|newborn|neonate|baby|toddler|adolescent|person)\b|it (?:is|was) (?:\w+ )?(?:believed|thought|known|determined|estimated|suspected|reported|noted|unclear|unknown|likely|unlikely|possible)\b)/i;
/** Subjects that name nothing by themselves ("The symptoms began …"); "The pain …" names its thing and may move. */
const BARE_REFERENCE = /^(?:the|both|all|each of the|neither of the|none of the) (?:symptoms?|episodes?|attacks?|findings|condition|problem|complaints?|events?|incidents?|former|latter|above|same|two|three)\b/i;

const FEMALE = 'mother|mom|wife|sister|daughter|grandmother|grandma|aunt|niece|girlfriend|stepmother|fiancée|fiancee';
const MALE = 'father|dad|husband|brother|son|grandfather|grandpa|uncle|nephew|boyfriend|stepfather|fiancé|fiance';
const OTHER_SUBJECT = new RegExp(`^(his|her)\\s+(?:(?:older|younger|elder|twin|biological|adoptive|paternal|maternal|\\d+-year-old)\\s+)*(?:(${FEMALE})|(${MALE}))\\b`, 'i');

/**
 * Whether a sentence can only follow the one before it: a time anchor ("Afterwards, …", "The next day …",
 * "Two hours later, …"), a leading This/These/That/Such/It/They, a bare subject ("The symptoms …"), or —
 * only when `previous` is given — He/She/His/Her right after a sentence whose subject is a relative of the
 * other sex from the patient ("His mother has diabetes. She …").
 */
export function refersBack(sentence: string, previous?: string): boolean {
  // A connective in front does not change what the sentence leans on: "Also, it shows …" still needs its "it".
  const s = sentence.trimStart().replace(/^["'“‘(]+/, '').replace(/^(?:also|in addition|additionally|furthermore|moreover|again|now|and|but|so),?\s+/i, '');
  if (TIME_ANCHOR.test(s) || (ANAPHOR.test(s) && !NOT_ANAPHOR.test(s)) || BARE_REFERENCE.test(s) || ELSE.test(s) || ALSO_EARLY.test(s) || THIS_EARLY.test(s)) return true;
  if (previous === undefined) return false;
  const other = OTHER_SUBJECT.exec(previous.trimStart());
  const pronoun = /^(he|his|him|she|her)\b/i.exec(s)?.[1].toLowerCase();
  if (!other || !pronoun) return false;
  const patientFemale = other[1].toLowerCase() === 'her';
  const relativeFemale = other[2] !== undefined;
  const pronounFemale = pronoun === 'she' || pronoun === 'her';
  // Same sex as the patient: the pronoun may be the patient again, so the sentence stays movable.
  return relativeFemale !== patientFemale && pronounFemale === relativeFemale;
}

// ---------------------------------------------------------------------------
// Sentence kinds.

const TEST = new RegExp(
  [
    '\\blab(?:oratory|oratories|s)?\\b',
    '\\b(?:serum|plasma|arterial blood gas|blood gas|complete blood count|metabolic panel|blood (?:tests?|studies|work|count|cultures?|smear|levels?|glucose|alcohol))\\b',
    '\\b(?:urinalysis|urine (?:tests?|studies|cultures?|drug screen|toxicology|output is|analysis|microscopy|sediment)|toxicology screen|drug screen)\\b',
    '\\b(?:x-rays?|radiograph\\w*|scan|imaging|ultrasound|ultrasonograph\\w*|sonograph\\w*|echocardiogra\\w*|doppler|angiogra\\w*|mammogra\\w*|fluoroscop\\w*|scintigraph\\w*|cholescintigraph\\w*|DEXA|densitometry)\\b',
    '\\b(?:telemetry|cardiac monitor|screening|electrocardiogra\\w*|electroencephalogra\\w*|electromyogra\\w*|nerve conduction|spirometry|pulmonary function|stress test|Holter|polysomnogra\\w*)\\b',
    '\\b(?:biops(?:y|ies)|microscop\\w*|cultures?|Gram stain|smear|histolog\\w*|patholog\\w*|cytolog\\w*|aspirat(?:e|ion)|fluid analysis|endoscop\\w*|colonoscop\\w*|bronchoscop\\w*|laparoscop\\w*|cystoscop\\w*|paracentesis|thoracentesis|lumbar puncture|CSF|cerebrospinal fluid)\\b',
    '\\b(?:tests?|tested|testing|occult blood|PCR|antibod(?:y|ies)|antigen|titers?|titres?|assay|serolog\\w*|ELISA|immunofluorescence|karyotype|genetic testing|pregnancy test|troponin|hemoglobin|haemoglobin|hematocrit|leukocyte|platelet|creatinine|bilirubin|electrolytes|ferritin|lactate|prothrombin|D-dimer)\\b',
    '\\b(?:g/dL|mg/dL|mg/L|g/L|mEq/L|mmol/L|µmol/L|μmol/L|/mm3|/mm³|/μL|/µL|U/L|IU/L|ng/mL|ng/L|pg/mL|µg/dL|μg/dL|mIU/mL|mU/L|fL|μm3|µm3)(?=$|[^\\p{L}])',
  ].join('|'),
  'iu',
);
/** A result reported by its verb ("audiometry shows …", "evaluation revealed …", "was found to be decreased"), whatever the test's name. */
const RESULT = /\b(?:dipstick|(?:is|are|was|were) (?:normal|abnormal|negative|positive|unremarkable|within normal limits)|shows?|showed|shown|reveals?|revealed|demonstrates?|demonstrated|is notable for|was notable for|were notable for|confirms?|confirmed|was found to be|were found to be|is found to be|levels?|visual acuity|audiometry|questionnaire|evaluation)\b/i;
/** Acronyms that are ordinary words in lower case ("pet", "ct"): matched as written. */
const TEST_ACRONYM = /\b(?:CT|MRI|PET|ECG|EKG|EEG|EMG|ABG|CBC|CSF|hCG|HbA1c|TSH|INR|BUN|ALT|AST|eGFR|PCR|ELISA)\b/;
const MEASUREMENT = /\b\d+\/\d+\b|\b(?:temperature|temp|pulse|heart rate|blood pressure|respirations|respiratory rate|oxygen saturation|O2 saturation|SpO2|pulse oximetry|vital signs|vitals|BMI|body mass index|weighs|(?:weight|height) (?:is|was|are|were|has|had|at|of \d)|percentiles?|tall|head circumference|Apgar|Glasgow|GCS|scores?|capillary refill time|jugular venous pressure|urine output|post-void|residual)\b|mm ?Hg|\/min\b|°|℃|℉|kg\/m/i;
const EXAMINATION = new RegExp(
  [
    '\\b(?:on|upon|at) (?:\\w+ )?(?:examination|exam|inspection|auscultation|palpation|percussion)\\b',
    '\\b(?:examination|exam|inspection|auscultation|palpation|percussion|funduscop\\w*|fundoscop\\w*|otoscop\\w*|ophthalmoscop\\w*|slit[- ]lamp)\\b',
    '\\b(?:palpated|palpable|nonpalpable|tender|tenderness|nontender|non-tender|murmurs?|bruits?|friction rub|gallop|crackles|rales|rhonchi|wheezes|stridor|pupils?|reflex(?:es)?|Babinski|Romberg|nystagmus|strength is|muscle strength|range of motion|gait|guarding|rebound|distended|shifting dullness|hepatomegaly|splenomegaly|lymphadenopathy|erythematous|pallor|jaundiced|icterus|cyanosis|clubbing|edema|oedema|mucous membranes|conjunctivae|bowel sounds|breath sounds|heart sounds|lungs are|abdomen is|skin is|air entry|capillary refill|recession|retractions)\\b',
    '\\b(?:is|are) (?:seen|noted|observed|heard|felt|visible|audible|elicited|appreciated)\\b(?! (?:by|in|for|at|because|after|\\d))',
    '\\b(?:alert|oriented|disoriented|obtunded|unresponsive|rousable|somnolent|photograph|mental status)\\b',
    '\\b\\d+(?:\\.\\d+)?[- ]?(?:cm|mm)\\b',
    '\\b(?:appears?|looks?) (?:\\w+ )?(?:pale|ill|unwell|well|lethargic|tired|anxious|confused|diaphoretic|jaundiced|distressed|dehydrated|cachectic|comfortable|toxic|obese|thin|uncomfortable)\\b',
    '\\bin (?:mild|moderate|severe|acute|no) (?:\\w+ )?distress\\b',
  ].join('|'),
  'i',
);

/** Reported weight change is history ("She has lost 6 kg"), a measured weight is not. */
const REPORTED_WEIGHT = /\b(?:lost|gained|loss of|gain of)\s+(?:about |approximately |nearly |over |almost )?[\d.,]+\s*(?:kg|lb|pounds|kilograms)\b/gi;

/**
 * What a sentence reports. The most objective kind wins when several fit: a test (lab, imaging,
 * ECG, biopsy…), then a measurement (vital signs, scores, weight), then an examination finding;
 * anything else is history (what the patient or family reports).
 */
export function sentenceKind(sentence: string): SentenceKind {
  const s = sentence.replace(REPORTED_WEIGHT, ' ');
  if (TEST.test(s) || TEST_ACRONYM.test(s)) return 'test';
  if (MEASUREMENT.test(s)) return 'measurement';
  if (EXAMINATION.test(s)) return 'examination';
  if (RESULT.test(s)) return 'test';
  return 'history';
}

/**
 * Where text added "at the end" goes: after the last unit, unless the narrative
 * ends on a sentence that introduces what follows it (a trailing "…:" that the
 * question completes) or on a lab table; then before that unit.
 */
export function endIndex(list: readonly Unit[]): number {
  const last = list[list.length - 1];
  // Nor after a closing lab table: a sentence under its last row reads as one more row.
  return list.length > 1 && last && (last.trailsWithTable || /:\s*$/.test(last.text)) ? list.length - 1 : list.length;
}
