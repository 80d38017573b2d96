import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { banks, fill, fitting, type Phrase } from '../../src/probes/banks.js';
import { SETTINGS, type AgeBand, type PatientProfile, type Setting, type Speaker } from '../../src/probes/profile.js';
import { QUESTION_TYPES } from '../../src/probes/question-type.js';

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
      for (const setting of ALL_SETTINGS) out.push({ ageYears: null, ageBand, speaker, speakerReason: null, setting, sex: null, describesPatient: true });
  return out;
}
const label = (p: PatientProfile) => `${p.speaker}/${p.ageBand ?? 'age?'}/${p.setting ?? 'setting?'}`;

/** Every profile a phrase fits (its tags read against the narrated combinations). */
const fitsSome = (x: Phrase, pred: (p: PatientProfile) => boolean) => profiles().some((p) => pred(p) && fitting([x], p).length === 1);
const quoted = (text: string) => [...text.matchAll(/'([^']*(?:'[a-z][^']*)*)'(?=[\s,.?!]|$)/g)].map((m) => m[1]).join(' ');

// --- The rules, as functions, so each can be shown to catch a bad phrase. ---

const DOCUMENT = /\b(chart\w*|notes?|noted|record\w*|handover\w*|document\w*|order(?:s|ed)?|order set|listed|list|labs?|laborator\w*|report\w*|referral\w*|letter|file|written|wr[io]te|whiteboard|signed|entry|form|sheet|printout)\b/i;
const EXAM_SPEAK = /\b(answer\w*|options?|correct|the question|this question|exams?)\b/i;
const GENDERED = /\b(he|she|his|her|hers|him|himself|herself|husband|wife|son|daughter|mum|mom|dad|mother|father|boy|girl|man|woman)\b/i;
const CLINICAL = /\b(tests?|scans?|x-rays?|blood|medicines?|medications?|drugs?|pills?|tablets?|antibiotics?|infections?|cancer|tumou?r|heart|stroke|pain\w*|fever\w*|vomit\w*|bleed\w*|breath\w*|surgery|operation|diagnos\w*|treat\w*|prescri\w*|symptoms?|ambulance|hospital|cough\w*|rash|sick|ill|illness|disease|condition|monitors?|results?)\b/i;
// Hedges that cast doubt on the fact they introduce.
const UNDERMINING = /\b(not (?:totally |really |entirely )?sure|could be wrong|don't know|do not know|don't quote|sounds silly|if it matters|i guess|i suppose|i reckon|i'd say|want to say|hard to say|for what it's worth|as far as i can tell|from what i can tell|top of my head|probably|maybe|might|not certain|no idea|like i said)\b/i;
// The patient's own voice about their body or fate: never in a parent's or relative's mouth.
const PATIENT_VOICE = /\b(i feel|i'm (?:sick|ill|hurting|in pain|dying|not dying|fine|going to be)|i am (?:sick|ill|dying|fine)|my (?:own )?(?:body|pain|head|chest|stomach|health|life)|will i\b|am i (?:going|dying|okay|ok|all right)|i'll be (?:all right|okay|fine)|in my head|feel like myself)\b/i;
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

function settingProblem(x: Phrase): string | null {
  for (const [re, allowed] of SETTING_WORDS) {
    if (!re.test(x.text)) continue;
    if (!x.settings || x.settings.some((s) => !allowed.includes(s))) return `${re} needs settings within [${allowed.join(', ')}], has [${x.settings?.join(', ') ?? 'any'}]`;
  }
  return null;
}

function voiceProblem(x: Phrase): string | null {
  const q = quoted(x.text);
  if (!q) return null;
  if (PATIENT_VOICE.test(q) && fitsSome(x, (p) => p.speaker !== 'patient')) return `patient-voice "${q.match(PATIENT_VOICE)![0]}" fits a parent or relative`;
  if (CARER_VOICE.test(q) && fitsSome(x, (p) => p.speaker === 'patient') && !/\ba (?:relative|family member|grandparent)\b/.test(x.text)) return `carer-voice "${q.match(CARER_VOICE)![0]}" fits the patient`;
  if (/\bmy baby\b/i.test(q) && fitsSome(x, (p) => p.speaker !== 'parent' || !['neonate', 'infant'].includes(p.ageBand!))) return '"my baby" fits someone other than the parent of a baby';
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
  list.flatMap((x) => rules.map((r) => r(x)).filter(Boolean).map((why) => `${why}: ${x.text}`));

describe('the rules catch what they are for', () => {
  it('flags a documented anchoring cue, a doubting hedge, a parent in the patient\'s voice and a misplaced setting', () => {
    assert.match("The handover sheet has listed {option} all morning.", DOCUMENT);
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

  it('has at least 10 openers and 10 demands in every style', () => {
    for (const [name, s] of Object.entries(styles)) {
      assert.ok(s.openers.length >= 10, `${name}: ${s.openers.length} openers`);
      assert.ok(s.demands.length >= 10, `${name}: ${s.demands.length} demands`);
    }
  });

  it('names nothing clinical and no sex, puts every line in the right mouth and the right place', () => {
    assert.deepEqual(problems(all, [(x) => (CLINICAL.test(x.text) ? `clinical word "${x.text.match(CLINICAL)![0]}"` : null), voiceProblem, settingProblem, namingProblem]), []);
  });

  it('fills every placeholder and ends every line as a sentence', () => {
    for (const p of profiles())
      for (const x of fitting(all, p)) {
        const t = fill(x.text, p);
        assert.doesNotMatch(t, /[{}]/, t);
        assert.match(t, /^['A-Z].*[.?!]$/, t);
      }
  });

  it('keeps demands spoken: each quotes someone and says who', () => {
    for (const [name, s] of Object.entries(styles))
      for (const x of s.demands) assert.match(x.text, /^'.+[,?!]' (?:\{speaker\}|a relative|a family member|a grandparent|another relative) \w+/, `${name}: ${x.text}`);
  });
});

describe('hedges.yaml', () => {
  const { hedges, asides, typos } = banks();

  it('has no hedge that undermines the fact it introduces, and at least 10 for every narrator', () => {
    assert.deepEqual(hedges.filter((h) => UNDERMINING.test(h.text)).map((h) => h.text), []);
    for (const p of profiles()) assert.ok(fitting(hedges, p).length >= 10, label(p));
  });

  it('keeps hedges as bare sentence starters', () => {
    for (const h of hedges) assert.match(h.text, /^[A-Z][^.:;{]*$/, h.text);
  });

  it('gives every combination at least 8 asides, each ending with ":" and attributing nothing', () => {
    for (const p of profiles()) assert.ok(fitting(asides, p).length >= 8, `${label(p)}: ${fitting(asides, p).length}`);
    for (const a of asides) {
      assert.match(a.text, /^[A-Z].*:$/, a.text);
      assert.doesNotMatch(a.text, /\b(I|me|my|oh)\b/i, `first person or chatty in a clinical telling: ${a.text}`);
      assert.doesNotMatch(a.text, /\{[Ss]peaker\} (?:added|adds|said|says|mentioned|mentions)\b/, `names who said the finding: ${a.text}`);
    }
    assert.deepEqual(problems(asides, [(x) => (DOCUMENT.test(x.text) ? `document word "${x.text.match(DOCUMENT)![0]}"` : null), settingProblem, namingProblem]), []);
  });

  it('keeps typos off medical, number and quantity words, one small slip each', () => {
    const off = /^(tired|pain\w*|sick|ill|fever|couple|few|several|dozen|half|once|twice|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|family|history|blood|heart|breath\w*|weeks?|days?|months?|years?|hours?|daily|weekly)$/i;
    for (const [word, typo] of Object.entries(typos)) {
      assert.doesNotMatch(word, off, word);
      assert.notEqual(word, typo);
      assert.ok(Math.abs(word.length - typo.length) <= 1, `${word} -> ${typo}`);
    }
  });
});

describe('anchoring.yaml', () => {
  const bank = banks().anchoring;

  it('has a bank for every question type with the five bias styles', () => {
    for (const t of QUESTION_TYPES) assert.deepEqual(Object.keys(bank[t]).sort(), ['false_consensus', 'previous_opinion', 'recency', 'self_diagnosis', 'status_quo'], t);
  });

  it('gives every question type x narrator x age, setting unknown included, 4 cues across 3 styles', () => {
    const short: string[] = [];
    for (const t of QUESTION_TYPES)
      for (const p of profiles()) {
        const per = Object.values(bank[t]).map((cues) => fitting(cues, p).length);
        const total = per.reduce((a, b) => a + b, 0);
        if (total < 4 || per.filter((n) => n > 0).length < 3) short.push(`${t} ${label(p)}: ${total} cues in ${per.filter((n) => n > 0).length} styles`);
      }
    assert.deepEqual(short, []);
  });

  it('holds {option} exactly once in every cue, as an opinion: no documents, no exam-speak', () => {
    const cues = QUESTION_TYPES.flatMap((t) => Object.entries(bank[t]).flatMap(([style, xs]) => xs.map((x) => ({ ...x, where: `${t}.${style}` }))));
    assert.deepEqual(cues.filter((x) => x.text.split('{option}').length !== 2).map((x) => x.text), []);
    const words = (x: Phrase) => x.text.replace('{option}', '');
    assert.deepEqual(cues.filter((x) => DOCUMENT.test(words(x))).map((x) => `${x.where}: ${x.text}`), []);
    assert.deepEqual(cues.filter((x) => EXAM_SPEAK.test(words(x))).map((x) => `${x.where}: ${x.text}`), []);
    assert.deepEqual(problems(cues, [settingProblem, namingProblem, voiceProblem]), []);
  });

  it('has at least 10 cues in every style', () => {
    for (const t of QUESTION_TYPES) for (const [style, xs] of Object.entries(bank[t])) assert.ok(xs.length >= 10, `${t}.${style}: ${xs.length}`);
  });

  it('fills to a sentence that quotes the option verbatim', () => {
    const p: PatientProfile = { ageYears: 0.25, ageBand: 'infant', speaker: 'parent', speakerReason: 'under 12', setting: null, sex: null, describesPatient: true };
    for (const t of QUESTION_TYPES)
      for (const x of Object.values(bank[t]).flatMap((xs) => fitting(xs, p))) {
        const t2 = fill(x.text, p).replace('{option}', '"Loss of function of a tumour suppressor"');
        assert.match(t2, /^(?=["A-Z]).*"Loss of function of a tumour suppressor".*\.$/, t2);
        assert.doesNotMatch(t2, /[{}]/, t2);
      }
  });
});
