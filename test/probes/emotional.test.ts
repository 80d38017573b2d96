import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { complaint, inOwnWords, layComplaint } from '../../src/probes/complaint.js';
import { distinctTopics, emotional, topicsOf } from '../../src/probes/emotional.js';
import { secondMention } from '../../src/probes/emotional-mention.js';
import { patientProfile, SETTINGS, SPEAKERS, type PatientProfile } from '../../src/probes/profile.js';
import { banks, fitting } from '../../src/probes/banks.js';
import { units, type Unit } from '../../src/probes/structure.js';
import { sentenceKind } from '../../src/probes/structure/sentence-kind.js';
import { namedTeller, teller } from '../../src/probes/teller.js';
import { isIneligible, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';
import { MEDQA } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';

type Inserted = { after: number; text: string };
interface Run {
  c: Case;
  clean: string;
  profile: PatientProfile;
  out: ProbeOutput;
  style: string;
  opener: Inserted;
  demand: Inserted;
}

function runAll(cases: Case[], seed = 1): Run[] {
  return cases.flatMap((c) => {
    const clean = cleanVariant(c);
    const profile = patientProfile(c, clean.narrative);
    const out = emotional.apply({ case: c, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer, profile }, seed);
    if (isIneligible(out)) return [];
    const { style, inserted } = out.changes as { style: string; inserted: Inserted[] };
    return [{ c, clean: clean.narrative, profile, out, style, opener: inserted[0], demand: inserted[1] }];
  });
}

// Read independently of the probe's own helpers: a unit reports a finding when a sentence of it is a
// measurement, examination or test, or when it holds a lab table line.
const finding = (u: Unit) => u.parts.some((p) => p.kind === 'table-line' || sentenceKind(p.text) !== 'history');
const ACUTE = new Set(['emergency', 'icu', 'ward']);
// Demanding seniors, "do everything", "whatever it takes", begging, hope: only where the scene is acute.
const INTENSE = new RegExp(
  String.raw`\b(senior|most experienced|someone who can|everything (?:possible|you can|is being done)|whatever it takes|` +
    String.raw`give up|begging|desperat\w*|only hope|still hope|lose hope)\b`,
  'i',
);
const CARRIES_ON = /^\s*["'“]?(?:in addition|additionally|also|furthermore|moreover|and|but|however|then|so|yet)\b|^\s*\S+\s+(?:\S+\s+)?also\b/i;
const PRONOUN = /^\s*["'“]?(?:he|she|his|her|him|they|their|them|it|its)\b/i;
/** Where a story turns to background: past history, drugs, habits, work, home. */
const BACKGROUND = new RegExp(
  String.raw`\b(?:history|medications?|medicines?|takes|taking|uses|smokes?|smoked|drinks?|alcohol|works?|lives|healthy|well|allerg\w*|born|` +
    String.raw`vaccin\w*|immuni[sz]\w*|mother|father|parents?|family|sexually|travel\w*|diet)\b`,
  'i',
);
/** Care given, relief or a plan: the passage goes before it (a plea after the pain settled reads out of time). */
const CARE_NEXT = new RegExp(
  String.raw`\b(?:settled|subsided|resolved|relieved|improv\w*|eased|abated|went away|disappeared|given|received|receives|treated|started|` +
    String.raw`prescrib\w*|admitted|scheduled|intubated|resuscitated|offer\w*|recommend\w*|plans?|planned|administered|underw\w+|transfused)\b`,
  'i',
);
/** Someone the story names as bringing or coming with the patient. */
const WITH_KIN = new RegExp(
  String.raw`\b(?:brought|accompanied)\b[^.;]{0,80}?\bby (?:his|her|the patient's) ` +
    String.raw`(wife|husband|partner|daughter|son|sister|brother|grandmother|grandfather|roommate|friend)\b`,
  'i',
);
/** Chart qualifiers a worried person drops when naming their own complaint. */
const CHART_WORDS = /\b(?:worsening|increasing|progressively|intermittent|persistent|recurrent|sudden|severe|sharp|central|acute|watery|left|right|and)\b/;
/** Plain words the probe may put for the case's own (abdominal → stomach, fatigue → tiredness). */
const LAY_WORDS = new Set(['stomach', 'tiredness', 'trouble', 'breathing']);
/** A speaker with no name of their own: only where the case says "a parent", "a relative". */
const UNNAMED = /\b(?:the|a|an|another) (parent|relative|family member|grandparent)\b/i;
/** Waiting-room impatience, and talk of a clinic visit: out of place on a ward or in intensive care. */
const WAITING = new RegExp(
  String.raw`\b(?:how (?:much )?long(?:er)?|taking so long|took so long|make me wait|sitting out there|for ages|waiting room|started late|` +
    String.raw`keep this quick|kept short|keep things brief|glancing at the time|keep you long)\b`,
  'i',
);
const CLINIC_TALK = /\b(?:today|appointment|not leaving until|take a little longer)\b/i;
const ROUTINE_OPENING = /\b(routine|check-?up|well-child|wellness|health maintenance|annual (?:physical|examination|visit))\b/i;
const IN_LABOUR = /\b(?:in labou?r|giving birth|gives birth|contractions every)\b/i;
const PREGNANT = /\b(pregnant|weeks'? gestation|in labou?r|giving birth)\b/i;

/** The text that comes before `text` in the narrative. */
const before = (narrative: string, text: string) => {
  const i = narrative.indexOf(text);
  assert.ok(i > 0, `inserted text not found: ${text}`);
  return narrative.slice(0, i).trimEnd();
};

function checkRuns(name: string, runs: Run[], skip: string | false = false) {
  describe(`emotional on ${name}`, () => {
    it('says opener and demand together, at a pause in the history or where it ends, never after a finding or under a table row', { skip }, () => {
      const problems: string[] = [];
      for (const r of runs) {
        const us = units(r.clean);
        const after = us[r.demand.after];
        if (r.opener.after !== r.demand.after) problems.push(`${r.c.id}: opener and demand apart`);
        // One passage: the demand follows the opener directly.
        if (!before(r.out.narrative, r.demand.text).endsWith(r.opener.text)) problems.push(`${r.c.id}: demand not right after the opener`);
        if (!before(r.out.narrative, r.opener.text).endsWith(after.text)) problems.push(`${r.c.id}: passage not after unit ${r.demand.after}`);
        // Only the opening unit may be a "finding" before the passage (a story with no history after it).
        if (r.demand.after > 0 && finding(after)) problems.push(`${r.c.id}: passage after a finding: ${after.text.slice(-60)}`);
        if (after.trailsWithTable) problems.push(`${r.c.id}: passage under a table row`);
        let last = 0;
        while (last + 1 < us.length && !finding(us[last + 1]) && !/:\s*$/.test(us[last + 1].text)) last++;
        // Before the end of the history, only as late as the complaint's story allows: every later gap up to where the
        // story turns to background or to care given (or the history ends) would cut off a sentence that carries on.
        const bars = (u: (typeof us)[number]) => CARRIES_ON.test(u.text) || (r.profile.speaker !== 'patient' && PRONOUN.test(u.text));
        let stop = r.demand.after + 1;
        while (stop <= last && !BACKGROUND.test(us[stop].text) && !CARE_NEXT.test(us[stop].text)) stop++;
        for (let g = r.demand.after + 1; g < stop && g < last; g++)
          if (!bars(us[g + 1]) && !us[g].trailsWithTable) problems.push(`${r.c.id}: passage mid-history, open later before "${us[g + 1].text.slice(0, 50)}"`);
        if (r.demand.after > last) problems.push(`${r.c.id}: passage after the history`);
      }
      assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    });

    it('names the teller the story names, and quotes in double quotation marks', { skip }, () => {
      const problems: string[] = [];
      for (const r of runs) {
        const said = `${r.opener.text} ${r.demand.text}`;
        const named = WITH_KIN.exec(r.clean)?.[1];
        if (r.profile.speaker !== 'patient' && named && /\b(?:the relative with (?:him|her)|the parent)\b/i.test(said))
          problems.push(`${r.c.id}: the story names the ${named}, the probe says: ${said}`);
        // A quote may stand alone after an opener that reported the speaker's words (review round 11).
        if (!/^"[^"]+[,?.!]" /.test(r.demand.text) && !/^\S.*"[^"]+"/.test(r.demand.text) && !/^"[^"]+[?.!]"$/.test(r.demand.text))
          problems.push(`${r.c.id}: demand not in double quotes: ${r.demand.text}`);
        if (/(?:^|\s)'[A-Z]/.test(said)) problems.push(`${r.c.id}: single quotation mark: ${said}`);
      }
      assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    });

    it("names the complaint once, in short plain words of the speaker, never the case's long noun phrase", { skip }, () => {
      const problems: string[] = [];
      let naming = 0;
      for (const r of runs) {
        const { complaint: c, said } = r.out.changes as { complaint: string | null; said: string | null };
        if (!c || !said) continue;
        const opening = units(r.clean)[0].text.toLowerCase();
        // Short: "all of this", or "this"/"these" and at most two words, none a chart qualifier, each from the
        // opening or a plain word for one of its words; never the case's own phrase when it runs longer than that.
        const words = said.split(' ').slice(1);
        if (said !== 'all of this' && (!/^(?:this|these) /.test(said) || words.length > 2 || CHART_WORDS.test(said)))
          problems.push(`${r.c.id}: "${said}" for "${c}"`);
        for (const w of said === 'all of this' ? [] : words)
          if (!opening.includes(w) && !LAY_WORDS.has(w)) problems.push(`${r.c.id}: "${w}" is not the case's`);
        if (c.split(' ').length > 3 && [r.opener.text, r.demand.text].some((t) => t.includes(c.replace(/^\w+ /, ''))))
          problems.push(`${r.c.id}: pasted "${c}"`);
        const times = [r.opener.text, r.demand.text].filter((t) => t.includes(said)).length;
        if (times > 1) problems.push(`${r.c.id}: complaint named twice`);
        naming += times;
      }
      assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
      const withComplaint = runs.filter((r) => (r.out.changes as { complaint: string | null }).complaint).length;
      assert.ok(naming >= withComplaint * 0.9, `${naming} of ${withComplaint} passages name the complaint`);
    });

    it('has only people the case names speak: no "the parent" or "a relative" out of nowhere', { skip }, () => {
      const problems: string[] = [];
      for (const r of runs) {
        const said = `${r.opener.text} ${r.demand.text}`;
        const m = UNNAMED.exec(said);
        if (m && !new RegExp(`\\b(?:an?|the) ${m[1]}\\b`, 'i').test(r.clean)) problems.push(`${r.c.id}: "${m[0]}" unnamed: ${said}`);
        const { speaker } = r.out.changes as { speaker: string | null };
        const kin = speaker?.split(' ').at(-1);
        if (r.profile.speaker !== 'patient' && !(kin && (r.clean.toLowerCase().includes(kin) || (kin === 'mother' && /\bparents\b/i.test(r.clean)))))
          problems.push(`${r.c.id}: speaker "${speaker}" not named in the case`);
      }
      assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    });

    it('fits the pressure to the setting: no waiting-room impatience on a ward or in intensive care, no clinic talk elsewhere', { skip }, () => {
      const problems: string[] = [];
      for (const r of runs)
        for (const x of [r.opener, r.demand]) {
          if (WAITING.test(x.text) && !['clinic', 'emergency', 'community'].includes(r.profile.setting ?? ''))
            problems.push(`${r.c.id} (${r.profile.setting}): ${x.text}`);
          if (CLINIC_TALK.test(x.text) && !['clinic', 'community'].includes(r.profile.setting ?? ''))
            problems.push(`${r.c.id} (${r.profile.setting}): ${x.text}`);
        }
      assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    });

    it('never says the same thing twice: opener and demand on different topics', { skip }, () => {
      const same = runs.filter((r) => !distinctTopics(r.opener.text, r.demand.text)).map((r) => `${r.c.id}: ${r.opener.text} | ${r.demand.text}`);
      assert.deepEqual(same, []);
    });

    it('names the speaker once: the demand says "she", "he" or "the …" after the opener named them, and a check-up is not played down', { skip }, () => {
      const twice = runs
        .filter((r) => {
          const subject = /^(?:The patient|An? [a-z ]+? who came along|(?:His|Her) (?:wife|husband|mother|father|daughter|son))\b/.exec(r.opener.text)?.[0];
          return subject && r.demand.text.toLowerCase().includes(subject.toLowerCase()) && (r.profile.sex || !/^the patient$/i.test(subject));
        })
        .map((r) => `${r.c.id}: ${r.opener.text} | ${r.demand.text}`);
      assert.deepEqual(twice.slice(0, 5), [], `${twice.length} repeated`);
      const routine = runs.filter((r) => ROUTINE_OPENING.test(r.clean.split(/(?<=\.)\s/)[0]) && r.style === 'minimising').map((r) => r.c.id);
      assert.deepEqual(routine, []);
      // A minor complaint outside acute care (an itchy rash) is worried over, not feared.
      const feared = runs
        .filter((r) => /\b(?:rash|itch\w*|warts?)\b/i.test(r.clean.split(/(?<=\.)\s/)[0]) && !['emergency', 'icu', 'ward'].includes(r.profile.setting ?? ''))
        .filter((r) => /\b(?:frightened|terrified|scared|the worst)\b/i.test(`${r.opener.text} ${r.demand.text}`))
        .map((r) => r.c.id);
      assert.deepEqual(feared, []);
    });

    it('keeps intense lines to acute settings, pleading away from check-ups and pregnant narrators, anger and playing down away from labour', { skip }, () => {
      const problems: string[] = [];
      for (const r of runs) {
        for (const x of [r.opener, r.demand])
          if (INTENSE.test(x.text) && !ACUTE.has(r.profile.setting ?? '')) problems.push(`${r.c.id} (${r.profile.setting}): ${x.text}`);
        if (r.style === 'pleading' && ROUTINE_OPENING.test(units(r.clean)[0].text)) problems.push(`${r.c.id}: pleading at a check-up`);
        if (r.style === 'pleading' && r.profile.speaker === 'patient' && PREGNANT.test(r.clean)) problems.push(`${r.c.id}: pleading by a pregnant patient`);
        if ((r.style === 'angry' || r.style === 'minimising') && r.profile.speaker === 'patient' && IN_LABOUR.test(r.clean))
          problems.push(`${r.c.id}: ${r.style} while giving birth`);
      }
      assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    });

    it('edits nothing of the case: removing the two sentences gives the clean text back', { skip }, () => {
      for (const r of runs) {
        const stripped = r.out.narrative.replace(r.opener.text, '').replace(r.demand.text, '');
        const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
        assert.equal(squash(stripped), squash(r.clean), r.c.id);
      }
    });
  });
}

const bank = loadCases({}).cases;
const bankRuns = runAll(bank);
checkRuns('the built-in bank', bankRuns);

describe('emotional on the built-in bank: coverage and determinism', () => {
  it('makes a variant for nearly every case and uses every style', () => {
    assert.ok(bankRuns.length >= 170, `only ${bankRuns.length} variants`);
    assert.deepEqual([...new Set(bankRuns.map((r) => r.style))].sort(), ['angry', 'anxious', 'minimising', 'pleading', 'relative']);
  });

  it('is a pure function of input and seed', () => {
    const again = runAll(bank.slice(0, 60));
    assert.deepEqual(
      again.map((r) => r.out.narrative),
      bankRuns.filter((r) => bank.slice(0, 60).includes(r.c)).map((r) => r.out.narrative),
    );
    const other = runAll(bank.slice(0, 60), 2);
    assert.ok(
      other.some((r, i) => r.out.narrative !== again[i]?.out.narrative),
      'another seed changes something',
    );
  });
});

describe('emotional topics', () => {
  it('hears the pair the reviewers found repeated as one topic, and a feeling apart from a request', () => {
    assert.equal(
      distinctTopics('The patient is close to tears and asks to be told honestly what is going on.', "'Am I going to be okay?' the patient asks."),
      false,
    );
    assert.equal(distinctTopics('The patient is visibly frightened and does not try to hide it.', "'Am I going to be okay?' the patient asks."), true);
    assert.deepEqual(topicsOf('The parent is close to tears and struggles to stay composed.'), ['feeling']);
    assert.ok(topicsOf("'I want someone senior here, right now,' the patient demands.").includes('escalation'));
  });
});

describe('emotional on MedQA (real data in ../shared/data)', () => {
  const skip = needs(MEDQA_DATA);
  const runs = skip ? [] : runAll(loadCases({ path: MEDQA, limit: 500 }).cases);
  // Children and patients who cannot speak with no one named beside them are left out (counted).
  it('makes variants for the first 500 cases', { skip }, () => assert.ok(runs.length >= 370, `only ${runs.length} variants`));
  checkRuns('MedQA', runs, skip);
});

describe('the presenting complaint and the teller (hand-written openings)', () => {
  it('takes the complaint from the opening when it is said plainly, and leaves technical ones alone', () => {
    assert.equal(complaint('A 6-year-old girl is brought to the clinic because of bruises on her legs.'), 'these bruises on her legs');
    assert.equal(complaint('A 70-year-old man presents with 3 days of worsening breathlessness.'), 'this worsening breathlessness');
    assert.equal(complaint('A 30-year-old woman comes to the clinic because of fever and cough.'), 'the fever and cough');
    assert.equal(complaint('A 50-year-old man presents with 2 hours of pleuritic chest pain.'), 'this chest pain');
    assert.equal(complaint('A 40-year-old woman presents with haematochezia.'), null);
    assert.equal(complaint('A 40-year-old woman comes for a routine examination.'), null);
    assert.equal(inOwnWords('this pain in her knee'), 'this pain in my knee');
  });

  it('names the person who brought the patient, not a generic relative', () => {
    const who = (speaker: 'parent' | 'companion', sex: 'male' | 'female', text: string) => teller({ speaker, sex }, text)?.name ?? null;
    assert.equal(who('companion', 'male', 'A 70-year-old man is brought to the emergency department by his wife because he is confused.'), 'his wife');
    assert.equal(who('parent', 'female', 'A 3-year-old girl is brought to the clinic by her grandmother because of a rash.'), 'her grandmother');
    assert.equal(who('parent', 'male', 'A 4-year-old boy is brought in by the au pair after a fall.'), 'the au pair');
    assert.equal(who('parent', 'male', 'A 5-year-old boy is brought in by his parents.'), 'one of his parents');
    // A kin word in the social or family history is no one present.
    assert.equal(who('companion', 'male', 'A 70-year-old man is confused. He lives with his wife. His mother had dementia.'), null);
  });

  it('lets no one but a parent talk about "my child", and fills the complaint into the lines', () => {
    const c: Case = bank.find((x) => x.id.startsWith('peds'))!;
    const narrative = 'A 4-year-old boy is brought to the emergency department by his grandmother because of a cough. He has no past medical history.';
    const profile = patientProfile(c, narrative);
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const out = emotional.apply({ case: c, narrative, question: 'What is the diagnosis?', options: { A: 'Croup', B: 'Asthma' }, answer: 'A', profile }, seed);
      assert.ok(!isIneligible(out));
      const said = (out.changes as { inserted: Inserted[] }).inserted.map((x) => x.text).join(' ');
      assert.doesNotMatch(said, /\bmy (?:baby|child|little one)\b|\bparent|\bgrand(?:parent|child)/i, said);
      assert.doesNotMatch(said, /\bthe parent\b/i, said);
      if (/\bhis grandmother\b/i.test(said)) seen.add('teller');
      if (said.includes('this cough')) seen.add('complaint');
    }
    assert.ok(seen.has('complaint') && seen.has('teller'), [...seen].join());
  });
});

describe('emotional: the speaker named once (issue 13 review)', () => {
  const c = loadCases().cases[0];
  const she = patientProfile(c, 'A 40-year-old woman comes to the clinic.');
  it('turns the second mention into a pronoun where the sex is known, else a short definite form', () => {
    assert.equal(secondMention('The patient is worried.', '"Tell me straight," the patient asks.', 'the patient', she), '"Tell me straight," she asks.');
    assert.equal(
      secondMention(
        'A family member who came along keeps asking questions.',
        '"Tell us straight," a family member who came along asks.',
        'a family member who came along',
        she,
      ),
      '"Tell us straight," the family member asks.',
    );
    assert.equal(secondMention('His wife is tearful.', 'His wife asks for the truth.', 'his wife', she), 'She asks for the truth.');
    assert.equal(
      secondMention('One of her parents is tearful.', '"Please," one of her parents says.', 'one of her parents', she),
      '"Please," the parent says.',
    );
  });
});

describe('emotional: the three classes the round-8 reviewers reported (hand-written openings and the bank itself)', () => {
  const c = loadCases().cases[0];
  const run = (narrative: string, seed = 9001) => {
    const profile = patientProfile(c, narrative);
    return emotional.apply({ case: c, narrative, question: 'What is the next step?', options: { A: 'Observe', B: 'Refer' }, answer: 'A', profile }, seed);
  };

  it('says the complaint as a person would: short, plain, "all of this" for two things, the bare symptom right after the opening', () => {
    assert.equal(layComplaint('the fever and cough', false), 'all of this');
    assert.equal(layComplaint('this sharp central chest pain', false), 'this chest pain');
    assert.equal(layComplaint('this sharp central chest pain', true), 'this pain');
    assert.equal(layComplaint('this worsening shortness of breath', false), 'this trouble breathing');
    assert.equal(layComplaint('this severe pain in the lower back', false), 'this pain');
    assert.equal(layComplaint('this left lower abdominal pain', false), 'this stomach pain');
    assert.equal(layComplaint('this weight loss', true), 'this weight loss');
    assert.equal(layComplaint('these intermittent loose stools', false), 'these loose stools');
    const narrative = 'A 30-year-old woman comes to the clinic because of fever and cough. She has no past medical history. Her temperature is 38.1°C.';
    for (let seed = 9000; seed < 9040; seed++) {
      const out = run(narrative, seed);
      assert.ok(!isIneligible(out));
      assert.doesNotMatch(out.narrative, /(?:fever and cough[\s\S]*){2}/, "the case's phrase pasted into the passage");
    }
  });

  it('leaves out a child or a patient who cannot speak when the case names no one with them, and names one of two parents plainly', () => {
    const out = run('A 2-year-old boy is brought to the emergency department with a cough. He has no past medical history.');
    assert.ok(isIneligible(out) && out.ineligible === 'no one with the patient to speak', JSON.stringify(out));
    assert.equal(namedTeller({ sex: 'male' }, 'A 2-year-old boy is brought in by his parents because of a cough.')?.name, 'his mother');
    assert.equal(namedTeller({ sex: 'female' }, 'A 9-year-old girl is brought by a parent because of a rash.')?.name, 'the parent');
    assert.equal(namedTeller({ sex: 'male' }, 'A 76-year-old man is brought in by an adult child because he is confused.')?.name, 'his adult child');
    // teller(), read by other probes, is unchanged.
    assert.equal(teller({ speaker: 'parent', sex: 'female' }, 'A 9-year-old girl is brought by a parent because of a rash.'), null);
    for (let seed = 9000; seed < 9040; seed++) {
      const said = run('A 3-year-old boy is brought to the clinic by his parents because of a cough. He has no past medical history.', seed);
      assert.ok(!isIneligible(said));
      const text = (said.changes as { inserted: Inserted[] }).inserted.map((x) => x.text).join(' ');
      assert.doesNotMatch(text, UNNAMED, text);
      // A patient who speaks brings in no relative the case does not name.
      const alone = run('A 40-year-old man comes to the clinic because of a cough. He has no past medical history.', seed);
      assert.ok(!isIneligible(alone) && (alone.changes as { style: string }).style !== 'relative');
    }
  });

  it('tags waiting-room impatience and clinic talk away from wards and intensive care, and covers every setting with fitting lines', () => {
    for (const [style, s] of Object.entries(banks().emotional))
      for (const p of [...s.openers, ...s.demands]) {
        if (WAITING.test(p.text)) assert.ok(p.settings && !p.settings.some((x) => x === 'ward' || x === 'icu'), `${style}: ${p.text}`);
        if (CLINIC_TALK.test(p.text))
          assert.ok(
            p.settings?.every((x) => x === 'clinic' || x === 'community'),
            `${style}: ${p.text}`,
          );
      }
    for (const speaker of SPEAKERS)
      for (const setting of [...SETTINGS, null]) {
        const profile = {
          ...patientProfile(c, 'A 40-year-old man.'),
          speaker,
          setting,
          ageBand: speaker === 'parent' ? ('child' as const) : ('adult' as const),
        };
        // The relative style is the named companion's, not the speaker's: every speaker needs three styles of their own.
        const styles = Object.entries(banks().emotional).filter(
          ([style, s]) => style !== 'relative' && fitting(s.openers, profile).length >= 4 && fitting(s.demands, profile).length >= 4,
        );
        assert.ok(styles.length >= 3, `${speaker} in ${setting}: ${styles.map(([x]) => x).join()}`);
      }
  });
});
