import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { LexiconEntry } from '../../src/probes/banks.js';
import { MEDQA } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';

// Read the file itself rather than through banks(): this test is about the lexicon's content alone.
const LEXICON = parse(readFileSync(new URL('../../data/probes/lay-lexicon.yaml', import.meta.url), 'utf8')) as LexiconEntry[];
const PROTECTIVE = 'named condition: kept as is';

// --- The rules, as functions, so each can be shown to catch a bad entry. ---

/** Missing or empty fields. */
function shapeProblems(e: Partial<LexiconEntry>): string[] {
  const out: string[] = [];
  if (typeof e.term !== 'string' || !e.term.trim()) out.push('no term');
  if (typeof e.sense !== 'string' || !e.sense.trim()) out.push(`${e.term}: no sense`);
  if (!Array.isArray(e.lay) || !e.lay.length || e.lay.some((l) => typeof l !== 'string' || !l.trim())) out.push(`${e.term}: no lay phrase`);
  return out;
}

/** The narrator may be a parent or a relative: a lay phrase speaks of no "I" and to no "you". */
const PERSONAL = /\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself|you|you're|your|yours|yourself)\b/i;

/** Lay phrases never carry a number (values stay in the clinician's text). */
const NUMBER = /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand|half|dozen)\b/i;

/** Words with another common clinical sense, where one lay phrase would be wrong somewhere: only as part of a longer term. */
const AMBIGUOUS = [
  'lesion',
  'lesions',
  'mass',
  'masses',
  'discharge',
  'shock',
  'tender',
  'tenderness',
  'acute',
  'anorexia',
  'rash',
  'nodule',
  'nodules',
  'ulcer',
  'ulcers',
  'ulceration',
  'exudate',
  'incontinence',
  'flank',
  'lymph node',
  'lymph nodes',
  'rigidity',
  'purulent',
  'emesis',
  'bilateral',
  'pleuritic',
  'precordial',
  'perianal',
  'suprapubic',
  'periorbital',
  'palmar',
  'gluteal',
  'expectoration',
  'cervical',
  'positive',
  'negative',
  'stable',
  'discharge',
];

/** Signs only a clinician elicits: lay_voice leaves them in the clinician's words, so no term holds one. */
const CLINICIAN_ONLY = [
  'murmur',
  'murmurs',
  'crackles',
  'rales',
  'rhonchi',
  'wheezes',
  'stridor',
  'hepatomegaly',
  'splenomegaly',
  'hepatosplenomegaly',
  'papilledema',
  'papilloedema',
  'piloerection',
  'asterixis',
  'clonus',
  'hyperreflexia',
  'nystagmus',
  'crepitus',
  'guarding',
  'rebound tenderness',
  'fluctuance',
  'fluctuant',
  'induration',
  'indurated',
  'jugular venous distension',
  'jugular venous distention',
  'costovertebral angle tenderness',
  'range of motion',
  'spasticity',
  'clubbing',
  'accessory muscle use',
  'palpation',
  'tender to palpation',
  'pitting edema',
  'pitting oedema',
  'meningismus',
  'tachycardic',
  'bradycardic',
  'tachypneic',
  'tachypnoeic',
  'obtunded',
];

const word = (w: string) => new RegExp(`(?<![A-Za-z0-9-])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9-])`, 'i');

function termProblems(e: LexiconEntry): string[] {
  const out: string[] = [];
  const t = e.term.toLowerCase();
  if (AMBIGUOUS.includes(t)) out.push(`${e.term}: ambiguous on its own`);
  if (e.sense !== PROTECTIVE) for (const s of CLINICIAN_ONLY) if (word(s).test(t)) out.push(`${e.term}: a sign only a clinician elicits (${s})`);
  return out;
}

function layProblems(e: LexiconEntry): string[] {
  const out: string[] = [];
  for (const l of e.lay) {
    if (PERSONAL.test(l)) out.push(`${e.term} → "${l}": first or second person`);
    if (NUMBER.test(l)) out.push(`${e.term} → "${l}": a number`);
    // A phrase that only drops words of the term ("anorexia" for "anorexia nervosa") names a different thing.
    if (e.sense !== PROTECTIVE && word(l).test(e.term)) out.push(`${e.term} → "${l}": drops words of the term or keeps it`);
  }
  if (e.sense === PROTECTIVE && (e.lay.length !== 1 || e.lay[0] !== e.term)) out.push(`${e.term}: protective entry does not map to itself`);
  return out;
}

/** "a"/"an" entries exist to fix the article: each lay phrase must carry the one its next word takes. */
function articleProblems(e: LexiconEntry): string[] {
  if (!/^an? /i.test(e.term) || e.sense === PROTECTIVE) return [];
  return e.lay.flatMap((l) => {
    const m = /^(an?) (\S+)/i.exec(l);
    if (!m) return [`${e.term} → "${l}": lost its article`];
    const vowel = /^[aeiou]/i.test(m[2]) && !/^(?:one|uni|use)/i.test(m[2]);
    return (m[1].toLowerCase() === 'an') === vowel ? [] : [`${e.term} → "${l}": wrong article`];
  });
}

/** The probe's own matching: one alternation, longest term first, whole words (a hyphen joins words). */
function matcher(entries: LexiconEntry[]) {
  const sorted = [...entries].sort((a, b) => b.term.length - a.term.length);
  const alt = sorted.map((e) => e.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return { re: new RegExp(`(?<![A-Za-z0-9-])(${alt})(?![A-Za-z0-9-])`, 'gi'), map: new Map(sorted.map((e) => [e.term.toLowerCase(), e])) };
}

/** Every lay phrase the lexicon could put in place of each match (the first phrase; protective entries leave the text alone). */
function substitute(text: string, m: ReturnType<typeof matcher>, pick = 0): string {
  return text.replace(m.re, (s) => {
    const e = m.map.get(s.toLowerCase())!;
    return e.sense === PROTECTIVE ? s : e.lay[Math.min(pick, e.lay.length - 1)];
  });
}

describe('the rules catch bad entries', () => {
  it('flags a missing sense, a first-person phrase, a number, a dropped word, an ambiguous term and a clinician-only sign', () => {
    assert.deepEqual(shapeProblems({ term: 'dyspnea', lay: ['breathlessness'] }), ['dyspnea: no sense']);
    assert.deepEqual(shapeProblems({ term: 'dyspnea', sense: 'x', lay: [] }), ['dyspnea: no lay phrase']);
    assert.equal(layProblems({ term: 'orthopnea', sense: 'x', lay: ['trouble breathing when I lie flat'] }).length, 1);
    assert.equal(layProblems({ term: 'x', sense: 'x', lay: ['worse than your usual'] }).length, 1);
    assert.equal(layProblems({ term: 'oliguria', sense: 'x', lay: ['peeing under 400 mL a day'] }).length, 1);
    assert.equal(layProblems({ term: 'anorexia nervosa', sense: 'eating disorder', lay: ['anorexia'] }).length, 1);
    assert.equal(layProblems({ term: 'anorexia nervosa', sense: PROTECTIVE, lay: ['anorexia'] }).length, 1);
    assert.deepEqual(termProblems({ term: 'Lesions', sense: 'x', lay: ['spots'] }), ['Lesions: ambiguous on its own']);
    assert.equal(termProblems({ term: 'Janeway lesions', sense: PROTECTIVE, lay: ['Janeway lesions'] }).length, 0);
    assert.equal(termProblems({ term: 'systolic murmur', sense: 'x', lay: ['whoosh'] }).length, 1);
    assert.equal(articleProblems({ term: 'an abrasion', sense: 'x', lay: ['an scrape'] }).length, 1);
    assert.equal(articleProblems({ term: 'a pruritic', sense: 'x', lay: ['itchy'] }).length, 1);
    assert.equal(articleProblems({ term: 'a pruritic', sense: 'x', lay: ['an itchy'] }).length, 0);
  });
});

describe('the lay lexicon (data/probes/lay-lexicon.yaml)', () => {
  it('holds a few hundred entries, each with a term, a sense and lay phrases', () => {
    assert.ok(LEXICON.length > 300, `${LEXICON.length} entries`);
    assert.deepEqual(LEXICON.flatMap(shapeProblems), []);
    const keys = new Set(LEXICON.flatMap((e) => Object.keys(e)));
    assert.deepEqual([...keys].sort(), ['lay', 'sense', 'term']);
  });
  it('has no duplicate term (case-insensitive)', () => {
    const seen = new Map<string, number>();
    for (const e of LEXICON) seen.set(e.term.toLowerCase(), (seen.get(e.term.toLowerCase()) ?? 0) + 1);
    assert.deepEqual(
      [...seen].filter(([, n]) => n > 1),
      [],
    );
  });
  it('speaks of no "I" or "you", carries no number and keeps every word of the term', () => {
    assert.deepEqual(LEXICON.flatMap(layProblems), []);
  });
  it('holds no ambiguous single word and no sign only a clinician elicits', () => {
    assert.deepEqual(LEXICON.flatMap(termProblems), []);
  });
  it('gives each article entry the article its lay phrase needs', () => {
    assert.deepEqual(LEXICON.flatMap(articleProblems), []);
  });
  it('protects each named condition: every protective entry holds a word another entry rewrites or one dropped as ambiguous', () => {
    const rewriters = LEXICON.filter((e) => e.sense !== PROTECTIVE).map((e) => e.term);
    const dropped = ['lesion', 'lesions', 'nodules', 'anorexia'];
    const idle = LEXICON.filter((e) => e.sense === PROTECTIVE && !rewriters.some((t) => word(t).test(e.term)) && !dropped.some((t) => word(t).test(e.term)));
    assert.deepEqual(
      idle.map((e) => e.term),
      [],
    );
  });
  it('leaves named conditions whole under the longest match', () => {
    const m = matcher(LEXICON);
    const names = [
      'anorexia nervosa',
      'pulmonary hypertension',
      'portal hypertension',
      'Friedreich ataxia',
      'erythema nodosum',
      'febrile seizures',
      'essential tremor',
      'vasovagal syncope',
      'an abdominal aortic aneurysm',
      'a corneal abrasion',
      'an inguinal hernia',
      'splenic laceration',
      'breast milk jaundice',
      'primary polydipsia',
      'CSF rhinorrhea',
      'sinus tachycardia',
      'chronic fatigue syndrome',
      'acute intermittent porphyria',
      'intermittent explosive disorder',
      'recurrent laryngeal nerve',
      'asymptomatic bacteriuria',
      'primary dysmenorrhea',
    ];
    for (const n of names) for (const pick of [0, 1]) assert.equal(substitute(`Known ${n} here.`, m, pick), `Known ${n} here.`, n);
    // …while the bare word still takes its lay phrase.
    assert.equal(substitute('History of hypertension.', m), 'History of high blood pressure.');
  });
  it('puts the chart words of a history into lay words, each in its own slot', () => {
    const m = matcher(LEXICON);
    const said = [
      ['She underwent surgery prior to the intermittent pain.', 'She had surgery before the on-and-off pain.'],
      [
        'Her last menstrual period ended; since menarche her menses are regular.',
        'Her last monthly period ended; since the first period her periods are regular.',
      ],
      ['He has never been sexually active.', 'He has never had sex.'],
      ['He is sexually active and uses no illicit drugs.', 'He is having sex and uses no street drugs.'],
      ['Then an acute onset, an exacerbation and a prior episode.', 'Then a sudden start, a flare-up and a previous episode.'],
      ['A hospitalized man was hospitalized twice.', 'A hospitalized man was admitted to hospital twice.'],
    ];
    for (const [before, after] of said) assert.equal(substitute(before, m), after);
  });
});

describe('the lay lexicon on MedQA vignettes (real data in ../shared/data)', () => {
  const skip = needs(MEDQA_DATA);
  const questions = skip
    ? []
    : readFileSync(MEDQA, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { question: string }).question);
  const m = matcher(LEXICON);

  it('rewrites something in most vignettes', { skip }, () => {
    const hit = questions.filter((q) => substitute(q, m) !== q).length;
    assert.ok(hit / questions.length > 0.5, `${hit}/${questions.length}`);
  });
  it('never makes a wrong article, a doubled word or a doubled "of the …" phrase, whichever lay phrase is picked', { skip }, () => {
    assert.ok(questions.length > 1000, `${questions.length} vignettes`);
    const problems: string[] = [];
    const checks: [string, RegExp][] = [
      ['a + vowel', /\ba (?!one|uni|use)[aeiou]\w*/gi],
      ['an + consonant', /\ban (?![aeiouh])[a-z]\w*/gi],
      ['doubled word', /\b(\w{3,}) \1\b/gi],
      ['doubled phrase', /\b(of the \w+) \1\b/gi],
    ];
    for (const q of questions)
      for (const pick of [0, 1, 2]) {
        const out = substitute(q, m, pick);
        for (const [name, re] of checks) {
          const before = new Set([...q.matchAll(re)].map((x) => x[0].toLowerCase()));
          for (const x of out.matchAll(re))
            if (!before.has(x[0].toLowerCase())) problems.push(`${name}: …${out.slice(Math.max(0, x.index! - 30), x.index! + 40)}…`);
        }
      }
    assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
  });
});
