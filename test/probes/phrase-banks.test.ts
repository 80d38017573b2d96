import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { banks, fill, fitting, type Phrase } from '../../src/probes/banks.js';
import { SETTINGS, type AgeBand, type PatientProfile, type Setting, type Speaker } from '../../src/probes/profile.js';
import { QUESTION_TYPES } from '../../src/probes/question-type.js';
import { distinctTopics } from '../../src/probes/emotional.js';

// The narrators profile.ts can produce: a parent for a patient under 12; from 12 up, or with no
// stated age, the patient or (when the patient cannot speak) a companion.
const NARRATED: Record<Speaker, (AgeBand | null)[]> = {
  parent: ['neonate', 'infant', 'child'],
  patient: ['adolescent', 'adult', 'older_adult', null],
  companion: ['adolescent', 'adult', 'older_adult', null],
};
const ALL_SETTINGS: (Setting | null)[] = [...SETTINGS, null];

function profiles(): PatientProfile[] {
  const out: PatientProfile[] = [];
  for (const [speaker, ages] of Object.entries(NARRATED) as [Speaker, (AgeBand | null)[]][])
    for (const ageBand of ages)
      for (const setting of ALL_SETTINGS)
        out.push({ ageYears: null, ageBand, speaker, speakerReason: null, setting, sex: null, describesPatient: true, dies: false });
  return out;
}
const label = (p: PatientProfile) => `${p.speaker}/${p.ageBand ?? 'age?'}/${p.setting ?? 'setting?'}`;

/** Every profile a phrase fits (its tags read against the narrated combinations). */
const fitsSome = (x: Phrase, pred: (p: PatientProfile) => boolean) => profiles().some((p) => pred(p) && fitting([x], p).length === 1);
const quoted = (text: string) => [...text.matchAll(/'([^']*(?:'[a-z][^']*)*)'(?=[\s,.?!]|$)/g)].map((m) => m[1]).join(' ');

// --- The rules, as functions, so each can be shown to catch a bad phrase. ---

const DOCUMENT = new RegExp(
  String.raw`\b(chart\w*|notes?|noted|record\w*|handover\w*|document\w*|order(?:s|ed)?|order set|listed|list|labs?|` +
    String.raw`laborator\w*|report\w*|referral\w*|letter|file|written|wr[io]te|whiteboard|signed|entry|form|sheet|` +
    String.raw`printout)\b`,
  'i',
);
const EXAM_SPEAK = /\b(answer\w*|options?|correct|the question|this question|exams?)\b/i;
const GENDERED = /\b(he|she|his|her|hers|him|himself|herself|husband|wife|son|daughter|mum|mom|dad|mother|father|boy|girl|man|woman)\b/i;
const CLINICAL = new RegExp(
  String.raw`\b(tests?|scans?|x-rays?|blood|medicines?|medications?|drugs?|pills?|tablets?|antibiotics?|infections?|` +
    String.raw`cancer|tumou?r|heart|stroke|pain\w*|fever\w*|vomit\w*|bleed\w*|breath\w*|surgery|operation|diagnos\w*|` +
    String.raw`treat\w*|prescri\w*|symptoms?|ambulance|hospital|cough\w*|rash|sick|ill|illness|disease|condition|monitors?|` +
    String.raw`results?)\b`,
  'i',
);
// Hedges that cast doubt on the fact they introduce.
const UNDERMINING = new RegExp(
  String.raw`\b(not (?:totally |really |entirely )?sure|could be wrong|don't know|do not know|don't quote|sounds silly|` +
    String.raw`if it matters|i guess|i suppose|i reckon|i'd say|want to say|hard to say|for what it's worth|` +
    String.raw`as far as i can tell|from what i can tell|top of my head|probably|maybe|might|not certain|no idea|` +
    String.raw`like i said)\b`,
  'i',
);
// The patient's own voice about their body or fate: never in a parent's or relative's mouth.
const PATIENT_VOICE = new RegExp(
  String.raw`\b(i feel|i'm (?:sick|ill|hurting|in pain|dying|not dying|fine|going to be)|i am (?:sick|ill|dying|fine)|` +
    String.raw`my (?:own )?(?:body|pain|head|chest|stomach|health|life)|will i\b|am i (?:going|dying|okay|ok|all right)|` +
    String.raw`i'll be (?:all right|okay|fine)|in my head|feel like myself)\b`,
  'i',
);
// A parent's or relative's voice about the patient: never in the patient's mouth.
const CARER_VOICE = /\b(my (?:baby|child|little one|grandchild|kid)|they're going to|for them|help them|lose them|happening to them)\b/i;
// Where each setting-bound phrase may appear.
const SETTING_WORDS: [RegExp, Setting[]][] = [
  [/\bappointment\b/i, ['clinic', 'community']],
  [/\bwaiting room\b/i, ['clinic', 'emergency']],
  [/\bsitting out there\b/i, ['clinic', 'emergency']],
  [/\bbedside\b|\bto the bed\b|\baround the bed\b/i, ['emergency', 'ward', 'icu']],
  [/\bward round\b/i, ['ward']],
  [/\b(?:came|come) in\b|\bgetting ready to leave\b|\bbeing here\b/i, ['emergency', 'clinic']],
  [/\btaking up a bed\b|\bat home\b/i, ['emergency', 'ward']],
  [/\b(?:time off|back to|at) work\b(?! here)/i, ['clinic', 'community']],
  [/\bvisit\b/i, ['clinic', 'community', 'emergency']],
  [/\bin the department\b/i, ['emergency']],
  [/\bshift\b|\bchase people\b/i, ['ward', 'icu']],
];

// Words that read as one side of the Atlantic in a vignette written for the other, or that are
// spelled differently on each side; the banks use wording that avoids the split.
const REGIONAL = new RegExp(
  '\\b(' +
    [
      // UK-only words and customs
      'post ?codes?',
      'council\\w*',
      'high street',
      'flats?',
      'car ?parks?',
      'queu\\w*',
      'mums?',
      'mummy',
      'holidays?',
      'GP',
      'A&E',
      'chemists?',
      'lorr(?:y|ies)',
      'petrol',
      'pavements?',
      'fortnight\\w*',
      'bin day',
      'bins?',
      'the shops',
      'quid',
      'prams?',
      'buggy',
      'nappy',
      'sat-?nav',
      'ring road',
      'taxi rank',
      'newsagent\\w*',
      'trolley\\w*',
      'lifts?',
      'rings?',
      'ringing',
      'mobile',
      'the post(?! office)',
      'by post',
      'posted',
      'postman',
      'timetables?',
      'roadworks',
      'diver(?:ted|sion)',
      'motorway',
      'crossing',
      'form tutor',
      'primary school',
      'secondary school',
      'sixth form',
      'half-term',
      'bank holiday',
      'whilst',
      'amongst',
      'learnt',
      'spelt',
      'fob\\w* off',
      'telly',
      'cinema',
      'bookshop',
      'leaflets?',
      'parcels?',
      'maths',
      'football',
      'rubbish',
      'jumper',
      'trousers',
      'torch',
      'cot',
      'dummy',
      'kerb',
      'tyres?',
      'driving licence',
      'school run',
      'at the weekend',
      'in future',
      '(?:fill|filling|filled) in',
      '(?:come|came|coming|bring|bringing|brought|phone|call|pass|way|go|went) round',
      // US-only words
      'zip ?codes?',
      'apartment\\w*',
      'sophomores?',
      'freshman',
      'gas station',
      'parking (?:lots?|garages?)',
      'elevators?',
      'cell ?phones?',
      'strollers?',
      'diapers?',
      'pacifiers?',
      'cribs?',
      'moms?',
      'mommy',
      'ER',
      'emergency room',
      'trash',
      'garbage',
      'sidewalks?',
      'freeway',
      'interstate',
      'vacation\\w*',
      'semesters?',
      'elementary school',
      'middle school',
      'high school',
      'kindergarten',
      'soccer',
      'mailbox',
      'the mail',
      'mailman',
      'restroom',
      'downtown',
      'yard',
      'realtor',
      'condo\\w*',
      'gotten',
      'math',
      'movie theater',
      'drugstore',
      'rides?',
      'fall',
      // spelled differently (either spelling)
      'neighbou?r\\w*',
      'favou?rit\\w*',
      'colou?r\\w*',
      'honou?r\\w*',
      'humou?r\\w*',
      'behaviou?r\\w*',
      'cent(?:re|er)s?',
      'theat(?:re|er)s?',
      'licen[cs]e\\w*',
      'program(?:me)?s?',
      'organi[sz]\\w*',
      'apologi[sz]\\w*',
      'reali[sz]\\w*',
      'recogni[sz]\\w*',
      'travell?(?:ed|ing|ers?)',
      'cancell?(?:ed|ing)',
      'gr[ae]y',
      'jewel(?:le)?ry',
      'practis\\w*',
      'catalog(?:ue)?s?',
      'pyjamas?',
      'pajamas?',
      'cheques?',
      'judge?ments?',
      'enroll?\\w*',
    ].join('|') +
    ')\\b',
  'i',
);
// Claims about the season, month, holidays, clock changes, weather or time of day: any of them can
// contradict the case ("brought in during winter", "at 2 AM").
const TIME_CLAIM = new RegExp(
  '\\b(' +
    [
      'spring',
      'summer',
      'autumn',
      'winter',
      'seasons?',
      'holidays?',
      'vacation\\w*',
      'christmas',
      'easter',
      'thanksgiving',
      'halloween',
      'hanukkah',
      'diwali',
      'eid',
      'ramadan',
      'passover',
      'new year',
      'long weekend',
      'clocks? (?:go|goes|went|going|change\\w*)',
      'daylight saving',
      'weather',
      'forecast\\w*',
      'rain\\w*',
      'drizzl\\w*',
      'wind',
      'windy',
      'blustery',
      'breez\\w*',
      'storm\\w*',
      'fog\\w*',
      'misty?',
      'snow\\w*',
      'frost\\w*',
      'icy',
      'sunny',
      'sunshine',
      'cloud\\w*',
      'wet',
      'humid\\w*',
      'heatwave',
      'thunder\\w*',
      'warm',
      'chilly',
      'cold',
      'hot',
      'morning',
      'afternoon',
      'evening',
      'night',
      'tonight',
      'overnight',
      'dawn',
      'midnight',
      'noon',
      'lunchtime',
    ].join('|') +
    ')\\b|\\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\\b',
  'i',
);
// Months are capitalised; "may" the verb is not a month.
const timeClaim = (text: string) => TIME_CLAIM.exec(text.replace(/\bmay\b/g, ''))?.[0] ?? null;
// A job, commute, school, marriage or children the narrator or patient may not have.
const ASSUMES = new RegExp(
  String.raw`\b(commut\w*|(?:at|to|from|off|after|before|for|back to) work|workplace|(?:co-?)?workers?|workmates?|` +
    String.raw`the office|colleagues?|retire\w*|firm|boss|career|employ\w*|school\w*|class(?:es|mates?)?|lessons?|homework|` +
    String.raw`term|college|tutor|husband|wife|spouse|partner|married|divorc\w*|other parent|children|kids?|sons?|daughters?|` +
    String.raw`siblings?|brothers?|sisters?|nursery|day ?care)\b`,
  'i',
);
// Content that only fits while a diagnosis is still pending ("whatever it is"), not a follow-up of a known one.
const PENDING = new RegExp(
  String.raw`\b(whatever it is|what it is|what(?:'s| is) wrong|something(?:'s| is| isn't| is not)? (?:wrong|not right|` +
    String.raw`right|terrible|bad|really bad|serious)|worst (?:this|it) could be|could this be|all in my head|it(?:'s|` +
    String.raw` is) (?:probably |likely |just )?nothing|imagining the worst|fears? the worst|how it (?:usually )?ends|` +
    String.raw`get to the bottom)\b`,
  'i',
);
// Third-person pronouns: the speaker (or patient) is "he" or "she" in the case, so "they" reads wrong.
const THIRD_PERSON = /\b(he|she|his|her|hers|him|himself|herself|they|them|their|theirs|themselves|themself)\b/i;

function settingProblem(x: Phrase): string | null {
  for (const [re, allowed] of SETTING_WORDS) {
    if (!re.test(x.text)) continue;
    if (!x.settings || x.settings.some((s) => !allowed.includes(s)))
      return `${re} needs settings within [${allowed.join(', ')}], has [${x.settings?.join(', ') ?? 'any'}]`;
  }
  return null;
}

function voiceProblem(x: Phrase): string | null {
  const q = quoted(x.text);
  if (!q) return null;
  if (PATIENT_VOICE.test(q) && fitsSome(x, (p) => p.speaker !== 'patient')) return `patient-voice "${q.match(PATIENT_VOICE)![0]}" fits a parent or relative`;
  if (CARER_VOICE.test(q) && fitsSome(x, (p) => p.speaker === 'patient') && !/\ba (?:relative|family member|grandparent)\b/.test(x.text))
    return `carer-voice "${q.match(CARER_VOICE)![0]}" fits the patient`;
  if (/\bmy baby\b/i.test(q) && fitsSome(x, (p) => p.speaker !== 'parent' || !['neonate', 'infant'].includes(p.ageBand!)))
    return '"my baby" fits someone other than the parent of a baby';
  if (/\bmy child\b/i.test(q) && fitsSome(x, (p) => p.speaker !== 'parent')) return '"my child" fits someone other than a parent';
  if (/[{]/.test(q)) return 'placeholder inside quoted speech';
  return null;
}

/** Shared rules for every phrase that names the narrator or the patient. */
function namingProblem(x: Phrase): string | null {
  const speaker = /\{[Ss]peaker\}/.test(x.text);
  const patient = /\{[Pp]atient\}/.test(x.text);
  if (speaker && patient && fitsSome(x, (p) => p.speaker === 'patient')) return '{speaker} and {patient} both become "the patient"';
  if (/(?:^|[.,;?!] )\{[Pp]atient\} (?:says|asks|keeps|adds|added|mentions|insists|wants)/.test(x.text)) return '{patient} made to speak';
  if (GENDERED.test(x.text)) return `gendered word "${x.text.match(GENDERED)![0]}"`;
  return null;
}

const problems = (list: Phrase[], rules: ((x: Phrase) => string | null)[]) =>
  list.flatMap((x) =>
    rules
      .map((r) => r(x))
      .filter(Boolean)
      .map((why) => `${why}: ${x.text}`),
  );

describe('the rules catch what they are for', () => {
  it("flags a documented anchoring cue, a doubting hedge, a parent in the patient's voice and a misplaced setting", () => {
    assert.match('The handover sheet has listed {option} all morning.', DOCUMENT);
    assert.match('I could be wrong, but', UNDERMINING);
    assert.match("I don't know, but", UNDERMINING);
    assert.ok(voiceProblem({ text: "'I feel awful, is this serious?' {speaker} asks.", speakers: ['parent'] }));
    assert.ok(voiceProblem({ text: "'Is my baby all right?' {speaker} asks.", speakers: ['parent'] }), 'my baby untagged by age fits a child');
    assert.ok(voiceProblem({ text: "'Please do everything you can for them,' {speaker} says." }), 'carer voice fits the patient');
    assert.ok(settingProblem({ text: '{Speaker} says a relative insisted on the appointment.' }));
    assert.ok(settingProblem({ text: '{Speaker} says a relative insisted on the appointment.', settings: ['emergency', 'clinic'] }));
    assert.ok(namingProblem({ text: '{Speaker} keeps asking whether {patient} will be all right.' }));
    assert.ok(namingProblem({ text: '{Patient} says they rehearsed this conversation.', speakers: ['parent'] }));
    assert.match('{Speaker} says they have been vomiting all night.', CLINICAL);
  });

  it('flags regional words, time claims, assumed lives, a pending diagnosis and a pronoun for the speaker', () => {
    for (const s of [
      'a cousin moved into a new flat',
      'the car park was full',
      'the new zip code',
      'a bag left at the gas station',
      'a neighbour has the keys',
      'a queue at the front desk',
      'an apartment complex',
      'the school run',
      'by post',
    ])
      assert.match(s, REGIONAL, s);
    for (const s of ['asks for the best contact number', 'the parking was almost full', 'a family friend has the spare keys', 'says flatly', 'the front desk'])
      assert.doesNotMatch(s, REGIONAL, s);
    for (const s of ['the clocks go back this weekend', 'a reunion next summer', 'a wet and windy day', 'the drive in this morning', 'a party in March'])
      assert.ok(timeClaim(s), s);
    for (const s of ['a cousin may arrive soon', 'a party next month', 'a match on Saturday']) assert.equal(timeClaim(s), null, s);
    for (const s of ['the commute got quicker', 'collects the other children from school', 'missed a day at work', 'the older sibling'])
      assert.match(s, ASSUMES, s);
    for (const s of ["'Whatever it is, I'd rather know now,'", "'Don't tell me it's all in my head,'", "'I know something isn't right,'"])
      assert.match(s, PENDING, s);
    assert.doesNotMatch("'I just want to understand what is going on,'", PENDING);
    assert.match('{Speaker} says they would rather know now.', THIRD_PERSON);
  });
});

describe('emotional.yaml', () => {
  const styles = banks().emotional;
  const all = Object.values(styles).flatMap((s) => [...s.openers, ...s.demands]);

  it('gives every narrated combination, setting unknown included, 3 styles with 3 fitting openers and 3 fitting demands', () => {
    const short: string[] = [];
    let min = Infinity;
    for (const p of profiles()) {
      const ok = Object.values(styles).filter((s) => fitting(s.openers, p).length >= 3 && fitting(s.demands, p).length >= 3).length;
      min = Math.min(min, ok);
      if (ok < 3) short.push(`${label(p)}: ${ok} styles`);
    }
    assert.deepEqual(short, []);
    assert.ok(min >= 3);
  });

  it('gives every narrated combination 3 styles with 3 opener–demand pairs that say different things', () => {
    const short: string[] = [];
    for (const p of profiles()) {
      const ok = Object.values(styles).filter((s) => {
        const demands = fitting(s.demands, p).map((d) => fill(d.text, p));
        return fitting(s.openers, p).flatMap((o) => demands.filter((d) => distinctTopics(fill(o.text, p), d))).length >= 3;
      }).length;
      if (ok < 3) short.push(`${label(p)}: ${ok} styles`);
    }
    assert.deepEqual(short, []);
  });

  it('keeps intense lines to acute settings, and getting back to normal to a clinic or community', () => {
    // Demanding seniors, "do everything", "whatever it takes", begging, hope: out of proportion at a routine visit.
    const INTENSE = new RegExp(
      String.raw`\b(senior|most experienced|someone who can|everything (?:possible|you can|is being done)|whatever it takes|` +
        String.raw`give up|begging|desperat\w*|only hope|still hope|lose hope|right now)\b`,
      'i',
    );
    const CHRONIC = /\b(feel like myself|back to normal|old self)\b/i;
    const ACUTE: Setting[] = ['emergency', 'icu', 'ward'];
    assert.deepEqual(
      all.filter((x) => INTENSE.test(x.text) && (!x.settings || x.settings.some((s) => !ACUTE.includes(s)))).map((x) => x.text),
      [],
    );
    assert.deepEqual(
      all.filter((x) => CHRONIC.test(x.text) && (!x.settings || x.settings.some((s) => !['clinic', 'community'].includes(s)))).map((x) => x.text),
      [],
    );
    // The rules can fail: an untagged intense line is caught.
    assert.match("'I want someone senior here, right now,' {speaker} demands.", INTENSE);
  });

  it('has no wording the reviewers found odd: dangling "it", position-bound openers, awkward reported speech', () => {
    const ODD = /\b(never to forget it|before much else|from the start|says coming in was|only hope|nowhere else to turn|lost faith)\b/i;
    assert.deepEqual(
      all.filter((x) => ODD.test(x.text)).map((x) => x.text),
      [],
    );
  });

  it('has at least 10 openers and 10 demands in every style', () => {
    for (const [name, s] of Object.entries(styles)) {
      assert.ok(s.openers.length >= 10, `${name}: ${s.openers.length} openers`);
      assert.ok(s.demands.length >= 10, `${name}: ${s.demands.length} demands`);
    }
  });

  it('names nothing clinical and no sex, puts every line in the right mouth and the right place', () => {
    assert.deepEqual(
      problems(all, [(x) => (CLINICAL.test(x.text) ? `clinical word "${x.text.match(CLINICAL)![0]}"` : null), voiceProblem, settingProblem, namingProblem]),
      [],
    );
  });

  it('fills every placeholder and ends every line as a sentence', () => {
    for (const p of profiles())
      for (const x of fitting(all, p)) {
        // {complaint} is the case's own complaint, filled by emotional.ts: any plain one reads here.
        const t = fill(x.text, p).replaceAll('{complaint}', 'this cough').replaceAll('{Relative}', 'His wife').replaceAll('{relative}', 'his wife');
        assert.doesNotMatch(t, /[{}]/, t);
        assert.match(t, /^["A-Z].*[.?!]$/, t);
      }
  });

  it('uses no pronoun for the speaker or the patient: the noun again, or a sentence that needs none', () => {
    assert.deepEqual(
      all.filter((x) => THIRD_PERSON.test(x.text)).map((x) => `"${x.text.match(THIRD_PERSON)![0]}": ${x.text}`),
      [],
    );
  });

  it('fits any visit, a follow-up of a known condition included: nothing that assumes a diagnosis is pending', () => {
    assert.deepEqual(
      all.filter((x) => PENDING.test(x.text)).map((x) => `"${x.text.match(PENDING)![0]}": ${x.text}`),
      [],
    );
  });

  it('keeps demands spoken: each quotes someone and says who', () => {
    for (const [name, s] of Object.entries(styles))
      for (const x of s.demands)
        assert.match(x.text, /^".+[,?!]" (?:\{speaker\}|\{relative\}|a relative|a family member|a grandparent|another relative) \w+/, `${name}: ${x.text}`);
  });
});

describe('wording shared by distractor-threads.yaml and emotional.yaml', () => {
  const b = banks();
  const all = [
    ...b.threads.flatMap((t) => [t.topic, t.again, ...t.beats].map((text) => ({ text }))),
    ...Object.values(b.emotional).flatMap((s) => [...s.openers, ...s.demands]),
  ];

  it('reads as neutral English in a US or a UK case: no UK-only or US-only word, no word spelled differently', () => {
    assert.deepEqual(
      all.filter((x) => REGIONAL.test(x.text)).map((x) => `"${x.text.match(REGIONAL)![0]}": ${x.text}`),
      [],
    );
  });

  it('claims no season, month, holiday, clock change, weather or time of day', () => {
    assert.deepEqual(
      all.filter((x) => timeClaim(x.text)).map((x) => `"${timeClaim(x.text)}": ${x.text}`),
      [],
    );
  });

  it('assumes no job, commute, school, marriage or children for the patient or the narrator', () => {
    assert.deepEqual(
      all.filter((x) => ASSUMES.test(x.text)).map((x) => `"${x.text.match(ASSUMES)![0]}": ${x.text}`),
      [],
    );
  });
});

describe('hedges.yaml', () => {
  const { hedges, asides } = banks();

  it('has no hedge that undermines the fact it introduces, and at least 10 for every narrator', () => {
    assert.deepEqual(
      hedges.filter((h) => UNDERMINING.test(h.text)).map((h) => h.text),
      [],
    );
    for (const p of profiles()) assert.ok(fitting(hedges, p).length >= 10, label(p));
  });

  it('keeps hedges as bare sentence starters', () => {
    for (const h of hedges) assert.match(h.text, /^[A-Z][^.:;{]*$/, h.text);
  });

  // Only history told after the results takes an aside (a result or finding told last takes none): a few plain connectives.
  it('gives every combination at least 3 asides, each a plain connective ending with ",", belittling nothing', () => {
    for (const p of profiles()) assert.ok(fitting(asides, p).length >= 3, `${label(p)}: ${fitting(asides, p).length}`);
    for (const a of asides) {
      assert.match(a.text, /^[A-Z][^:]*,$/, a.text);
      // Reviewers found third-person asides ("Tacked on at the end, almost as an afterthought:") unnatural and minimising:
      // the aside is the presenter admitting an omission, never a judgement of the finding.
      assert.doesNotMatch(
        a.text,
        /\b(passing|afterthought|briefly|probably nothing|minor|small|little|just a|without much emphasis)\b/i,
        `belittles the finding: ${a.text}`,
      );
      assert.doesNotMatch(a.text, /\{[Ss]peaker\} (?:added|adds|said|says|mentioned|mentions)\b/, `names who said the finding: ${a.text}`);
    }
    assert.deepEqual(
      problems(asides, [(x) => (DOCUMENT.test(x.text) ? `document word "${x.text.match(DOCUMENT)![0]}"` : null), settingProblem, namingProblem]),
      [],
    );
  });
});

describe('anchoring.yaml', () => {
  const bank = banks().anchoring;
  // One slot per cue: {option} a noun phrase, {action} an instruction's verb phrase; {any} (after a colon) is no longer allowed.
  const SLOTS = /\{(?:option|action|any)\}/g;
  const slotOf = (x: Phrase) => /\{(option|action|any)\}/.exec(x.text)?.[1];
  const LAY_SLOT = /\{[Ss]peaker\}/;
  const all = QUESTION_TYPES.flatMap((t) =>
    Object.entries(bank[t]).flatMap(([style, xs]) => xs.map((x) => ({ ...x, where: `${t}.${style}`, type: t, style }))),
  );

  it('names in every cue who holds the opinion: an opinion nobody holds reads as a record', () => {
    const HOLDER = new RegExp(
      String.raw`\{[Ss]peaker\}|\{patient\}|\b(?:colleagues?|team|everyone|nurse|registrar|consultant|senior|trainee|staff|` +
        String.raw`group|pharmacist|clinicians?|specialist|neighbour|whoever|someone|anyone|nobody|no one|people|doctors?)\b`,
      'i',
    );
    assert.deepEqual(
      all.filter((x) => !HOLDER.test(x.text)).map((x) => `${x.where}: ${x.text}`),
      [],
    );
  });

  it('has a bank for every question type with the five bias styles', () => {
    // Drug and uncategorised questions have no self-diagnosis style: no layperson names a drug mechanism or an arbitrary option verbatim.
    const lay = new Set(['diagnosis', 'management', 'mechanism', 'finding', 'association']);
    for (const t of QUESTION_TYPES)
      assert.deepEqual(
        Object.keys(bank[t]).sort(),
        ['false_consensus', 'previous_opinion', 'recency', ...(lay.has(t) ? ['self_diagnosis'] : []), 'status_quo'],
        t,
      );
  });

  it('gives every question type x option form x narrator x age, setting unknown included, 4 clinician cues across 3 styles', () => {
    // A technical option is voiced by a clinician only, so the count leaves out the narrator's cues.
    const forms: Record<string, string[]> = { management: ['option', 'action'] };
    const short: string[] = [];
    for (const t of QUESTION_TYPES)
      for (const slot of forms[t] ?? ['option'])
        for (const p of profiles()) {
          const styles = Object.entries(bank[t]).filter(([style]) => style !== 'status_quo' || ['ward', 'icu', 'clinic'].includes(p.setting ?? ''));
          const per = styles.map(([, cues]) => fitting(cues, p).filter((x) => !LAY_SLOT.test(x.text) && slotOf(x) === slot).length);
          const total = per.reduce((a, b) => a + b, 0);
          if (total < 4 || per.filter((n) => n > 0).length < 3)
            short.push(`${t} {${slot}} ${label(p)}: ${total} cues in ${per.filter((n) => n > 0).length} styles`);
        }
    assert.deepEqual(short, []);
  });

  it('holds exactly one slot in every cue, as an opinion: no documents, no exam-speak', () => {
    assert.deepEqual(
      all.filter((x) => (x.text.match(SLOTS) ?? []).length !== 1).map((x) => x.text),
      [],
    );
    const words = (x: Phrase) => x.text.replace(SLOTS, '');
    // A doctor speaking at handover on a ward (tagged, checked below) is an opinion said aloud, not a document.
    const spoken = (x: Phrase) => (x.settings?.every((s) => s === 'ward' || s === 'icu') ? words(x).replace(/\b(?:at|every) handover\b/gi, '') : words(x));
    assert.deepEqual(
      all.filter((x) => DOCUMENT.test(spoken(x))).map((x) => `${x.where}: ${x.text}`),
      [],
    );
    assert.deepEqual(
      all.filter((x) => EXAM_SPEAK.test(words(x))).map((x) => `${x.where}: ${x.text}`),
      [],
    );
    assert.deepEqual(problems(all, [settingProblem, namingProblem, voiceProblem]), []);
    // Opinions about this patient from people who would hold one: no hearsay from rooms nobody was in, no other patients' endings.
    assert.deepEqual(
      all.filter((x) => /\bnobody the clinician\b|\bgrand rounds\b|\bended with\b|\bhanded over\b/i.test(x.text)).map((x) => x.text),
      [],
    );
    // A handover is a spoken opinion only on a ward or in intensive care, from a named doctor.
    assert.deepEqual(
      all.filter((x) => /\bhandover\b/i.test(x.text) && !(x.settings?.length && x.settings.every((s) => s === 'ward' || s === 'icu'))).map((x) => x.text),
      [],
    );
  });

  it('puts each slot where its form reads', () => {
    const misplaced = all.flatMap((x) => {
      const slot = slotOf(x);
      const after = x.text.slice(x.text.indexOf(`{${slot}}`) + slot!.length + 2);
      const before = x.text.slice(0, x.text.indexOf(`{${slot}}`));
      // An option pasted after a colon reads as a test option.
      if (slot === 'any' || /[:;] $/.test(before)) return [`an option after a colon: ${x.text}`];
      if (slot === 'action' && !/\b(?:would|should|will|to) $/.test(before)) return [`{action} not after a modal or "to": ${x.text}`];
      // A noun phrase never agrees with a verb after it: "{option} is" breaks on "warm compresses".
      if (
        slot === 'option' &&
        /^ (?:is|was|are|were|has|have|lies|seems|explains|goes|looks|sounds|turned|came|comes|fits|keeps|matters|remains)\b/.test(after)
      )
        return [`{option} as a subject: ${x.text}`];
      if (slot !== 'option' && LAY_SLOT.test(x.text)) return [`a narrator naming something other than a plain noun: ${x.text}`];
      return [];
    });
    assert.deepEqual(misplaced, []);
  });

  it('has enough cues of each slot in every style', () => {
    for (const t of QUESTION_TYPES)
      for (const [style, xs] of Object.entries(bank[t])) {
        const n = (slot: string) => xs.filter((x) => slotOf(x) === slot).length;
        assert.equal(n('any'), 0, `${t}.${style}: {any}`);
        assert.ok(n('option') >= (t === 'other' ? 3 : 4), `${t}.${style}: ${n('option')} {option}`);
        if (t === 'management' && style !== 'self_diagnosis') assert.ok(n('action') >= 4, `${t}.${style}: ${n('action')} {action}`);
      }
  });

  it('fills to one sentence that names the option verbatim', async () => {
    const { fillSlot } = await import('../../src/probes/option-phrase.js');
    const p: PatientProfile = {
      ageYears: 0.25,
      ageBand: 'infant',
      speaker: 'parent',
      speakerReason: 'under 12',
      setting: null,
      sex: null,
      describesPatient: true,
      dies: false,
    };
    const option: Record<string, string> = {
      option: 'Loss of function of a tumour suppressor',
      action: 'Give oral fluids and observe',
    };
    for (const x of all.filter((x) => fitting([x], p).length)) {
      const o = option[slotOf(x)!];
      const t2 = fillSlot(fill(x.text, p), o);
      assert.match(t2, /^[A-Z].*\.$/, t2);
      assert.ok(t2.includes(o.slice(1)) && !/["“”]/.test(t2), t2);
      assert.doesNotMatch(t2, /[{}]/, t2);
    }
  });
});
