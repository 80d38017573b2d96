import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { banks, fill, fitting, type Phrase } from '../../src/probes/banks.js';
import { AGE_BANDS, SETTINGS, SPEAKERS, patientProfile, type AgeBand, type PatientProfile, type Setting, type Speaker } from '../../src/probes/profile.js';
import { mentionsAny, wordCount } from '../../src/probes/text.js';
import { sexMarkers } from '../../src/cases/lexicon/sex-words.js';
import { MEDQA } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { loadCases } from '../../src/cases/load.js';
import { distractor } from '../../src/probes/distractor.js';
import { isIneligible, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

const FILE = new URL('../../data/probes/distractors.yaml', import.meta.url);
const RAW = parse(readFileSync(FILE, 'utf8')) as Record<string, unknown[]>;
// Read here rather than through banks(), so a half-edited sibling bank cannot hide this one's faults.
const BANK: Record<string, Phrase[]> = Object.fromEntries(
  Object.entries(RAW).map(([k, xs]) => [k, xs.map((x) => (typeof x === 'string' ? { text: x } : (x as Phrase)))]),
);
const ALL = Object.entries(BANK).flatMap(([category, xs]) => xs.map((p) => ({ category, ...p })));

// The probe needs its fitting pool to outlast a long narrative (~240 words) 2.5 times over.
const MIN_WORDS = 600;
const MIN_CATEGORIES = 3;

const profile = (ageBand: AgeBand | null, speaker: Speaker, setting: Setting | null): PatientProfile => ({
  ageYears: null,
  ageBand,
  speaker,
  speakerReason: null,
  setting,
  sex: null,
  describesPatient: true,
  dies: false,
});

/** Every narrator the profile rules can produce: a parent only under 12, the patient or a companion from 12 (or no age). */
function combinations(): PatientProfile[] {
  const out: PatientProfile[] = [];
  for (const age of [...AGE_BANDS, null]) {
    const speakers: Speaker[] = age === 'neonate' || age === 'infant' || age === 'child' ? ['parent'] : ['patient', 'companion'];
    for (const speaker of speakers) for (const setting of [...SETTINGS, null]) out.push(profile(age, speaker, setting));
  }
  return out;
}

const label = (p: PatientProfile) => `${p.ageBand ?? 'no age'}/${p.speaker}/${p.setting ?? 'no setting'}`;
const fitsAny = (x: Phrase, ps: PatientProfile[]) => ps.some((p) => fitting([x], p).length > 0);
const ALL_PROFILES = combinations();
/** The profiles an entry can be used for: fitting() with every combination. */
const usedFor = (x: Phrase) => ALL_PROFILES.filter((p) => fitting([x], p).length > 0);

// Clinical, exposure and social-history words: any of these would add a fact to the case.
const BANNED = new RegExp(
  '\\b(' +
    [
      'pain\\w*',
      'ache\\w*',
      'sore',
      'hurt\\w*',
      'fever\\w*',
      'temperature',
      'cough\\w*',
      'sneez\\w*',
      'rash',
      'itch\\w*',
      'vomit\\w*',
      'nause\\w*',
      'diarr\\w*',
      'bleed\\w*',
      'blood',
      'injur\\w*',
      'wound\\w*',
      'bruis\\w*',
      'sprain\\w*',
      'fractur\\w*',
      'broke\\w*',
      'fall',
      'fell',
      'trip\\w*',
      'faint\\w*',
      'dizz\\w*',
      'collaps\\w*',
      'swell\\w*',
      'swollen',
      'lump\\w*',
      'stiff\\w*',
      'weak\\w*',
      'tired\\w*',
      'pale',
      'yellow',
      'blue',
      'purple',
      'fit',
      'fits',
      'medic\\w*',
      'pills?',
      'tablets?',
      'drugs?',
      'dose\\w*',
      'prescri\\w*',
      'pharmac\\w*',
      'vaccin\\w*',
      'jabs?',
      'inject\\w*',
      'doctors?',
      'nurses?',
      'hospital\\w*',
      'surgery',
      'surgical',
      'operat\\w*',
      'theatre',
      'treat\\w*',
      'therap\\w*',
      'diagnos\\w*',
      'symptom\\w*',
      'ill',
      'illness\\w*',
      'sick\\w*',
      'unwell',
      'diseases?',
      'infect\\w*',
      'virus\\w*',
      'germs?',
      'flu',
      'colds?',
      'hot',
      'heat\\w*',
      'sun',
      'sunny',
      'burn\\w*',
      'freez\\w*',
      'ice',
      'snow\\w*',
      'health\\w*',
      'normal\\w*',
      'tests?',
      'exams?',
      'examination',
      'results?',
      'scores?',
      'levels?',
      'pressure',
      'scan\\w*',
      'screen\\w*',
      'x-rays?',
      'drink\\w*',
      'drunk',
      'alcohol\\w*',
      'beer',
      'wine',
      'pubs?',
      'bars?',
      'smok\\w*',
      'cigar\\w*',
      'vap\\w*',
      'tobacco',
      'cannabis',
      'eat\\w*',
      'ate',
      'food\\w*',
      'meals?',
      'lunch\\w*',
      'dinner\\w*',
      'breakfast\\w*',
      'supper',
      'tea',
      'coffee',
      'cakes?',
      'diet\\w*',
      'snacks?',
      'sweets?',
      'sugar\\w*',
      'baker\\w*',
      'cook\\w*',
      'fruit\\w*',
      'milk',
      'feed\\w*',
      'bottles?',
      'breast\\w*',
      'weight\\w*',
      'heavy',
      'dogs?',
      'cats?',
      'pets?',
      'pupp\\w*',
      'kitten\\w*',
      'birds?',
      'parrots?',
      'horses?',
      'farm\\w*',
      'cows?',
      'sheep',
      'goats?',
      'hamsters?',
      'rabbits?',
      'fish\\w*',
      'ticks?',
      'mosquito\\w*',
      'insects?',
      'bit',
      'bite\\w*',
      'bitten',
      'sting\\w*',
      'bees?',
      'wasps?',
      'rats?',
      'mice',
      'mouse',
      'bats?',
      'animals?',
      'zoo',
      'abroad',
      'overseas',
      'flights?',
      'fly',
      'flew',
      'planes?',
      'airports?',
      'cruise\\w*',
      'camp\\w*',
      'hik\\w*',
      'forests?',
      'woods',
      'lakes?',
      'rivers?',
      'ponds?',
      'swim\\w*',
      'beach\\w*',
      'garden\\w*',
      'soil',
      'mou?ld\\w*',
      'damp',
      'dust\\w*',
      'fumes?',
      'paint\\w*',
      'chemical\\w*',
      'asbestos',
      'solvents?',
      'sleep\\w*',
      'slept',
      'naps?',
      'exhaust\\w*',
      'awake',
      'insomnia',
      'bed',
      'beds',
      'bedtime',
      'exercis\\w*',
      'gym\\w*',
      'jog\\w*',
      'sports?',
      'marathon\\w*',
      'climb\\w*',
      'stress\\w*',
      'worr\\w*',
      'anxi\\w*',
      'upset',
      'sad',
      'depress\\w*',
      'cry\\w*',
      'tears',
      'scared',
      'afraid',
      'lonel\\w*',
      'money',
      'debts?',
      'loans?',
      'mortgage\\w*',
      'rent',
      'bills?',
      'invoice\\w*',
      'insur\\w*',
      'benefits?',
      'afford\\w*',
      'cheap\\w*',
      'expensive',
      'price\\w*',
      'salary',
      'wages?',
      'unemploy\\w*',
      'redundan\\w*',
      'poor',
      'evict\\w*',
      'jobs?',
      'occupation\\w*',
      'factory',
      'mines?',
      'miners?',
      'shifts?',
      'pregnan\\w*',
      'expecting',
      'birth',
      'labour',
      'deliver\\w*',
      'contracep\\w*',
      'periods?',
      'sex\\w*',
      'partners?',
      'boyfriends?',
      'girlfriends?',
      'husbands?',
      'wife',
      'wives',
      'spouse\\w*',
      'death',
      'died',
      'dead',
      'dying',
      'funeral\\w*',
      'passed away',
      'graves?',
      'widow\\w*',
      'heads?',
      'hands?',
      'arms?',
      'legs?',
      'foot',
      'feet',
      'knees?',
      'chest',
      'heart\\w*',
      'stomach',
      'belly',
      'eyes?',
      'ears?',
      'nose',
      'throat',
      'skin',
      'necks?',
      'shoulders?',
      'fingers?',
      'toes?',
      'tooth',
      'teeth',
      'teething',
      'hips?',
      'bones?',
      'joints?',
      'nappy',
      'nappies',
      'crawl\\w*',
      'walking',
      'talking',
    ].join('|') +
    ')\\b',
  'i',
);

// From a relative speaking for a patient who cannot, and in a sentence written for an emergency or ICU
// bedside, only brief practical remarks ring true: parking, the way in, a charger, forms, contact
// numbers, a bag left in the car. News, hobbies and gossip come from the patient or a parent.
const PRACTICAL = new RegExp(
  String.raw`\b(park\w*|cars?|charg\w*|phones?|call\w*|numbers?|contacts?|address\w*|news|entrances?|exits?|doors?|forms?|` +
    String.raw`name|email|bags?|coats?|keys?|locker|Wi-Fi|messages?|updates?|on the way|arriv\w*|collect\w*|clothes|pen|` +
    String.raw`cop(?:y|ies)|letters?|waiting room|paperwork|signal|battery|socket|visiting|bring\w*|brought|drive|driving|` +
    String.raw`drove|traffic|bus|taxis?|way in|delayed|late|spell\w*|details|sign(?:ed|ing)?|registration|front desk|` +
    String.raw`stand by|take over|wristband|car seat|umbrella|wallet|packages?)\b`,
  'i',
);
const CHATTY = new RegExp(
  String.raw`\b(open(?:ed|ing)|club|concerts?|choir|elect\w*|candidate|competitions?|prizes?|awards?|won|team|series|` +
    String.raw`episodes?|television|radio|films?|museum|exhibitions?|gallery|library|poems?|poetry|novels?|festival|fair|` +
    String.raw`parade|part(?:y|ies)|birthdays?|reunion|engaged|wedding|scholarship|apprentice\w*|business|cello|music\w*|` +
    String.raw`band|play|drama|quiz|mural|newspaper|interview\w*|photograph\w*|album|knitted|castle|curtains|washing machine|` +
    String.raw`fence|doorbell|hobb(?:y|ies)|celebrat\w*|song|danc\w*|league|tickets?|author|published|history|market|` +
    String.raw`group chat|debat\w*|argu\w*|gossip|news about)\b`,
  'i',
);
const practical = (x: Phrase) => PRACTICAL.test(x.text) && !CHATTY.test(x.text);

// What presumes a hospital stay or relatives gathering at the bedside: visitors, their waiting room and
// lockers, relatives arriving or held up, news passed to the family. It reads as implausible in a clinic
// or a home visit, and a sentence with no settings tag reaches those too.
const HOSPITAL_STAY = new RegExp(
  String.raw`\b(visit(?:ors?|ing)|waiting (?:room|area)|lockers?|arriv\w*|on (?:the|their|his|her) way|delayed|` +
    String.raw`running late|be late|be along|coming (?:by|over|in)|comes? over|driv(?:e|es|ing) over|come straight|news|` +
    String.raw`updates?|(?:has|have) been told|pass(?:es|ing)? (?:on )?(?:a )?messages?|(?:the )?family (?:to|may|should|` +
    String.raw`can) call|rest of the family|how things are going)\b`,
  'i',
);

describe('distractor phrase bank (data/probes/distractors.yaml)', () => {
  it('loads through banks(), which rejects unknown tag values', () => {
    const loaded = banks().distractors;
    assert.deepEqual(Object.keys(loaded), Object.keys(BANK));
    assert.equal(Object.values(loaded).flat().length, ALL.length);
  });

  it('holds only text and known tags, each a non-empty list of known values', () => {
    const allowed: Record<string, readonly string[]> = { ages: AGE_BANDS, speakers: SPEAKERS, settings: SETTINGS };
    const problems: string[] = [];
    for (const [category, xs] of Object.entries(RAW)) {
      for (const [i, x] of xs.entries()) {
        const where = `${category}[${i}]`;
        if (typeof x === 'string') continue;
        if (!x || typeof x !== 'object' || typeof (x as Phrase).text !== 'string') {
          problems.push(`${where}: no text`);
          continue;
        }
        for (const [key, value] of Object.entries(x)) {
          if (key === 'text') continue;
          if (!allowed[key]) problems.push(`${where}: unknown key "${key}"`);
          else if (!Array.isArray(value) || !value.length || value.some((v) => !allowed[key].includes(v)))
            problems.push(`${where}: bad ${key} ${JSON.stringify(value)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('has at least 150 entries, none repeated', () => {
    assert.ok(ALL.length >= 150, `only ${ALL.length} entries`);
    const texts = ALL.map((x) => x.text);
    assert.deepEqual(
      texts.filter((t, i) => texts.indexOf(t) !== i),
      [],
    );
  });

  it('keeps "old complaints" and "incidental normal" findings out: no such category', () => {
    assert.deepEqual(
      Object.keys(BANK).filter((k) => /complaint|normal|finding|history/i.test(k)),
      [],
    );
  });

  it('has no entry naming a clinical, exposure or social-history word', () => {
    const hits = ALL.flatMap((x) => {
      const m = BANNED.exec(x.text);
      return m ? [`"${m[0]}" in: ${x.text}`] : [];
    });
    assert.deepEqual(hits, []);
  });

  it('the banned-word check catches what it is meant to catch', () => {
    for (const s of [
      'The patient had a sore thumb.',
      'A sibling fell off a bike.',
      'The family has two dogs.',
      'A cousin flew abroad.',
      'The parent smokes.',
      'An injury healed.',
      'A medication was stopped.',
    ])
      assert.match(s, BANNED, s);
    for (const s of [
      'A cousin opened a bookshop near the station.',
      'The treasurer of the film society.',
      'The bedroom door has a name plaque.',
      'A birthday party is planned.',
    ])
      assert.doesNotMatch(s, BANNED, s);
  });

  it('has no entry shorter than 6 or longer than 30 words, filled for any narrator it fits', () => {
    const bad: string[] = [];
    for (const x of ALL) {
      for (const p of usedFor(x)) {
        const n = wordCount(fill(x.text, p));
        if (n < 6 || n > 30) bad.push(`${n} words as ${label(p)}: ${x.text}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('tells every entry through the narrator, as one plain sentence that stands alone', () => {
    const bad = ALL.filter(
      (x) =>
        !/^(\{Speaker\} |According to \{speaker\}, )/.test(x.text) ||
        !/[a-z'}]\.$/.test(x.text) ||
        /[0-9]/.test(x.text) ||
        (x.text.match(/[.!?]/g) ?? []).length !== 1 ||
        /\{(?!Speaker\}|speaker\}|Patient\}|patient\})/.test(x.text) ||
        // "relative" would echo the companion's own name ("the relative with the patient says a relative …").
        /\brelatives?\b/i.test(x.text) ||
        // a plural pronoun would lean on a sentence that is not there (or misgender the reader's guess)
        /\b(they|them|their|theirs)\b/i.test(x.text),
    );
    assert.deepEqual(
      bad.map((x) => x.text),
      [],
    );
  });

  it('leaves the patient\u2019s sex markers untouched: no he, she, man, woman, boy, girl …', () => {
    const bad = ALL.flatMap((x) =>
      usedFor(x).flatMap((p) => [...sexMarkers(fill(x.text, p), 'male'), ...sexMarkers(fill(x.text, p), 'female')].map((m) => `${m}: ${x.text}`)),
    );
    assert.deepEqual([...new Set(bad)], []);
  });

  it('names the patient ({patient}) only when a parent is speaking, so no one reports the patient "mentioning" things', () => {
    const bad = ALL.filter(
      (x) =>
        /\{patient\}|\{Patient\}/.test(x.text) &&
        fitsAny(
          x,
          ALL_PROFILES.filter((p) => p.speaker !== 'parent'),
        ),
    );
    assert.deepEqual(
      bad.map((x) => x.text),
      [],
    );
  });

  it('fits the narrator\u2019s life: no work for parents of young children or adolescents, no retirement before old age, no school run for patients', () => {
    const rules: [string, RegExp, (p: PatientProfile) => boolean][] = [
      ['parent speaks of a job', /\b(jobs?|at work|colleagues?|the office|firm|retire\w*)\b/i, (p) => p.speaker === 'parent'],
      [
        'adolescent with adult life',
        /\b(colleagues?|commut\w*|firm|retire\w*|electoral|council has sent|previous occupants|from college)\b/i,
        (p) => p.ageBand === 'adolescent' && p.speaker === 'patient',
      ],
      ['retired before old age', /\bretire\w*/i, (p) => p.ageBand !== 'older_adult'],
      ['child-care talk from a non-parent', /\b(school run|other children|older children|pram|other parent)\b/i, (p) => p.speaker !== 'parent'],
      ['baby things for an older child', /\b(pram|cloth book|congratulation)\b/i, (p) => p.ageBand === 'child'],
    ];
    const bad = ALL.flatMap((x) => rules.filter(([, re, who]) => re.test(x.text) && usedFor(x).some(who)).map(([why]) => `${why}: ${x.text}`));
    assert.deepEqual(bad, []);
  });

  it('keeps entries that can reach an emergency or ICU bedside brief (at most 18 words before filling)', () => {
    const acute = ALL_PROFILES.filter((p) => p.setting === 'emergency' || p.setting === 'icu' || p.setting === null);
    const bad = ALL.filter((x) => fitsAny(x, acute) && wordCount(x.text) > 18);
    assert.deepEqual(
      bad.map((x) => `${wordCount(x.text)}: ${x.text}`),
      [],
    );
  });

  it('keeps news, hobbies and gossip away from a relative speaking for the patient and out of sentences written for an emergency or ICU bedside', () => {
    const companion = ALL_PROFILES.filter((p) => p.speaker === 'companion');
    const bad = ALL.filter((x) => (fitsAny(x, companion) || x.settings?.some((s) => s === 'emergency' || s === 'icu')) && !practical(x)).map(
      (x) =>
        `${CHATTY.exec(x.text)?.[0] ?? 'no practical word'}: ${x.text} [${x.settings?.join(', ') ?? 'any setting'} ` +
        `/ ${x.speakers?.join(', ') ?? 'any speaker'}]`,
    );
    assert.deepEqual(bad, []);
  });

  it('the practical-remark check tells a charger from a bookshop', () => {
    assert.ok(practical({ text: '{Speaker} asks whether a cousin could bring a phone charger later.' }));
    assert.ok(practical({ text: '{Speaker} asks which entrance is closest to the parking.' }));
    assert.ok(!practical({ text: 'According to {speaker}, a family friend has opened a small bookstore by the station.' }));
    assert.ok(!practical({ text: '{Speaker} says a cousin has taken up the cello.' }));
    assert.ok(!practical({ text: '{Speaker} mentions that the family group chat has been busy with messages.' }));
  });

  it(`gives every age × narrator × setting at least ${MIN_WORDS} fitting words over ${MIN_CATEGORIES}+ categories`, () => {
    const short: string[] = [];
    for (const p of ALL_PROFILES) {
      let words = 0;
      let categories = 0;
      for (const xs of Object.values(BANK)) {
        const fit = fitting(xs, p);
        if (fit.length) categories++;
        words += fit.reduce((n, x) => n + wordCount(fill(x.text, p)), 0);
      }
      if (words < MIN_WORDS || categories < MIN_CATEGORIES) short.push(`${label(p)}: ${words} words in ${categories} categories`);
    }
    assert.deepEqual(short, []);
    // Those are every narrator the profile rules give: each case of the bank is told by one of them.
    const known = new Set(ALL_PROFILES.map(label));
    const met = new Set(loadCases().cases.map((c) => label(patientProfile(c, cleanVariant(c).narrative))));
    assert.deepEqual(
      [...met].filter((l) => !known.has(l)),
      [],
      'a narrator the rules give that the check above never tried',
    );
    assert.ok(met.size >= 20, `the bank meets ${met.size} of the ${known.size} narrators`);
  });

  it('keeps hospital stays and gatherings out of clinic, home and unknown settings: no visitors, waiting room, arrivals or family news', () => {
    const outpatient = ALL_PROFILES.filter((p) => p.setting === 'clinic' || p.setting === 'community' || p.setting === null);
    const bad = ALL.filter((x) => fitsAny(x, outpatient) && HOSPITAL_STAY.test(x.text)).map(
      (x) => `${HOSPITAL_STAY.exec(x.text)?.[0]}: ${x.text} [${x.settings?.join(', ') ?? 'any setting'}]`,
    );
    assert.deepEqual(bad, []);
  });

  it('the hospital-stay check tells a visitors\u2019 entrance from a misspelt name', () => {
    for (const s of [
      '{Speaker} asks which entrance stays open for visitors later on.',
      '{Speaker} asks where the family waiting room is.',
      '{Speaker} says an aunt is coming by bus and may need directions.',
      '{Speaker} says the bridge is closed, so the rest of the family will be late.',
      '{Speaker} says a cousin will be along shortly.',
      'According to {speaker}, one cousin will pass on all the news.',
      '{Speaker} asks whether someone could note the best time for the family to call.',
      '{Speaker} asks whether there is a locker for coats.',
    ])
      assert.match(s, HOSPITAL_STAY, s);
    for (const s of [
      '{Speaker} points out that the address on the form is an old one.',
      '{Speaker} says the town library has started opening on Sundays.',
      '{Speaker} says a cousin has just got engaged.',
      '{Speaker} asks whether the front desk can print a copy.',
    ])
      assert.doesNotMatch(s, HOSPITAL_STAY, s);
  });
});

// Measured on the built-in bank over seeds 1–3: the most used remark lands in about 9% of eligible variants
// (the bank before the refresh: 58%, "the best time for the family to call"). 10% leaves a little room
// for reshuffles when remarks are added, and still fails as soon as a pool thins out.
const MAX_SHARE = 0.1;
const SEEDS = [1, 2, 3];

describe('distractor bank through the real probe on the built-in bank', () => {
  const runs = SEEDS.flatMap((seed) =>
    loadCases({}).cases.flatMap((c) => {
      const clean = cleanVariant(c);
      const profile = patientProfile(c, clean.narrative);
      const out = distractor.apply(
        { case: c, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer, profile },
        seed,
      );
      if (isIneligible(out)) return [];
      const inserted = ((out as ProbeOutput).changes as { inserted: { remarks: { text: string }[] }[] }).inserted;
      return [{ id: `${c.id}@${seed}`, profile, remarks: [...new Set(inserted.flatMap((x) => x.remarks.map((r) => r.text)))] }];
    }),
  );

  it(`uses no remark in more than ${MAX_SHARE * 100}% of eligible variants`, () => {
    assert.ok(runs.length >= 500, `only ${runs.length} variants`);
    const uses = new Map<string, number>();
    for (const r of runs) for (const t of r.remarks) uses.set(t, (uses.get(t) ?? 0) + 1);
    const over = [...uses.entries()].filter(([, n]) => n > MAX_SHARE * runs.length).map(([t, n]) => `${((100 * n) / runs.length).toFixed(1)}%: ${t}`);
    assert.deepEqual(over, []);
  });

  it('puts no visitors, waiting room, arrivals or family news into a clinic, home or unknown setting', () => {
    const outpatient = runs.filter((r) => r.profile.setting === 'clinic' || r.profile.setting === 'community' || r.profile.setting === null);
    assert.ok(outpatient.length >= 100, `only ${outpatient.length} outpatient variants`);
    assert.deepEqual(
      outpatient.flatMap((r) => r.remarks.filter((t) => HOSPITAL_STAY.test(t)).map((t) => `${r.id} (${label(r.profile)}): ${t}`)),
      [],
    );
  });
});

describe('distractor bank on MedQA vignettes (real data in ../shared/data)', () => {
  it('never runs dry: for every case the fitting pool, minus phrases naming an option, outweighs the narrative', { skip: needs(MEDQA_DATA) }, () => {
    const rows = readFileSync(MEDQA, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { question: string; options: Record<string, string> });
    const dry: string[] = [];
    rows.forEach((q, i) => {
      const p = patientProfile({ demographics: undefined }, q.question);
      const options = Object.values(q.options);
      let words = 0;
      for (const xs of Object.values(BANK))
        words += fitting(xs, p)
          .map((x) => fill(x.text, p))
          .filter((x) => !mentionsAny(x, options))
          .reduce((n, s) => n + wordCount(s), 0);
      if (words < wordCount(q.question)) dry.push(`case ${i} (${label(p)}): pool ${words} < narrative ${wordCount(q.question)}`);
    });
    assert.ok(rows.length > 1000, `only ${rows.length} MedQA rows`);
    assert.deepEqual(dry, []);
  });
});
