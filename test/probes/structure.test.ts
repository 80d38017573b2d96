import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { joinUnits, units, type Unit } from '../../src/probes/structure.js';
import { refersBack } from '../../src/probes/structure/refers-back.js';
import { sentenceKind } from '../../src/probes/structure/sentence-kind.js';
import { cleanVariant } from '../../src/variants/build.js';
import { MEDQA } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';

const texts = (us: Unit[]) => us.map((u) => u.text);
const lossless = (t: string) => joinUnits(units(t), units(t)) === t;

/** A lab line as MedQA writes it, checked independently of the code under test: "Name 14 g/dL", "K+: 4.1 mEq/L". */
const LAB_LINE = new RegExp(
  String.raw`^[^\s.:][^.:]{0,60}?(?::\s*|\s+)[<>]?\d[\d,.]*\s*(?:%|g\/dL|mg\/dL|mg\/L|g\/L|mEq\/L|mmol\/L|U\/L|IU\/L|` +
    String.raw`ng\/mL|pg\/mL|µg\/dL|μg\/dL|fL|μm3|µm3|\/mm3|\/mm\^3|\/mm³|mm Hg|mmHg|sec|seconds)\s*(?:\(.*\))?\s*$`,
);

describe('sentences', () => {
  it('cuts at sentence ends, not at abbreviations, decimals, units or initials', () => {
    const t =
      'Dr. J. Smith sees a 40-year-old man, e.g. for follow-up vs. admission. His creatinine is 2.5 mg/dL and ' +
      'platelets 90,000/mm3. Pulse is 96/min. Blood pressure is 150/90 mm Hg. He had hepatitis B. He is well.';
    assert.deepEqual(texts(units(t)), [
      'Dr. J. Smith sees a 40-year-old man, e.g. for follow-up vs. admission.',
      'His creatinine is 2.5 mg/dL and platelets 90,000/mm3.',
      'Pulse is 96/min.',
      'Blood pressure is 150/90 mm Hg.',
      'He had hepatitis B.',
      'He is well.',
    ]);
  });

  it('keeps a bracketed normal range inside its sentence', () => {
    const t = 'Fibrinogen is 90 mg/dL (N = 200–430 mg/dL). A smear is sent.';
    assert.deepEqual(texts(units(t)), ['Fibrinogen is 90 mg/dL (N = 200–430 mg/dL).', 'A smear is sent.']);
  });

  it('keeps a paragraph break as the separator and gives no units for blank text', () => {
    const us = units('She has a cough.\n\nHer sister has asthma.');
    assert.deepEqual(texts(us), ['She has a cough.', 'Her sister has asthma.']);
    assert.equal(us[0].sep, '\n\n');
    assert.equal(us[1].sep, '');
    assert.deepEqual(units('  \n '), []);
  });
});

describe('tables', () => {
  const t =
    'A 50-year-old man has had fatigue for a month. Laboratory studies show:\nHemoglobin 9.1 g/dL\nLeukocyte ' +
    'count 3,100/mm3\nSerum\nSodium 131 mEq/L\nCreatinine: 2.2 mg/dL\nA marrow biopsy shows fibrosis. Which drug helps?';

  it('keeps a table with its header in one unit and lets the prose after it go', () => {
    const us = units(t);
    assert.deepEqual(texts(us), [
      'A 50-year-old man has had fatigue for a month.',
      'Laboratory studies show:\nHemoglobin 9.1 g/dL\nLeukocyte count 3,100/mm3\nSerum\nSodium 131 mEq/L\nCreatinine: 2.2 mg/dL',
      'A marrow biopsy shows fibrosis.',
      'Which drug helps?',
    ]);
    assert.deepEqual(
      us[1].parts.map((p) => p.kind),
      ['table-header', 'table-line', 'table-line', 'table-line', 'table-line', 'table-line'],
    );
    assert.equal(us[1].sep, '\n');
    assert.equal(us[1].trailsWithTable, true);
    assert.equal(us[1].leadsWithTable, false);
    assert.ok(lossless(t));
  });

  it('joins a header across a blank line and keeps blank-line sub-tables together', () => {
    const s = 'Results are shown below.\n\nSerum:\nNa+: 139 mEq/L\nK+: 3.1 mEq/L\n\nUrine:\npH: 5.5\nProtein: negative\n\nShe is given fluids.';
    const us = units(s);
    assert.equal(us.length, 2);
    assert.equal(us[0].parts[0].kind, 'table-header');
    assert.equal(us[0].parts.filter((p) => p.kind === 'table-line').length, 6);
    assert.equal(us[0].sep, '\n\n');
    assert.ok(lossless(s));
  });

  it('a table with no introducing sentence leads its unit; short unpunctuated prose lines are not a table', () => {
    const headerless = units('He feels well.\nSodium 140 mEq/L\nPotassium 4.0 mEq/L');
    assert.equal(headerless.length, 2);
    assert.equal(headerless[1].leadsWithTable, true);
    const notTable = units('Chief complaint\nShe has a cough.');
    assert.ok(notTable.every((u) => u.parts.every((p) => p.kind === 'sentence')));
  });
});

describe('back-references', () => {
  it('recognises time anchors and leading pronouns', () => {
    for (const s of [
      'Afterwards, she feels dizzy.',
      'After that, the rash spreads.',
      'Then he vomits twice.',
      'The next day, his fever returns.',
      'The following morning she cannot stand.',
      'Later, the pain moves to the flank.',
      'Subsequently, an infusion is started.',
      'Since then, he has avoided stairs.',
      'Shortly after, the patient collapses.',
      'Two hours later, the pulse is 130/min.',
      'After treatment, the wheeze settles.',
      'After the transfusion, her hemoglobin rises.',
      'Despite this, the swelling grows.',
      'At that time, she lived alone.',
      'During this time, he lost 4 kg.',
      'This has happened three times.',
      'These episodes last minutes.',
      'It radiates to the left arm.',
      'They notice he snores.',
      'Such attacks wake her at night.',
      'The symptoms began after a trip.',
    ])
      assert.equal(refersBack(s), true, s);
  });

  it('leaves sentences that stand on their own', () => {
    for (const s of [
      'The pain is worse at night.',
      'The patient lives with her son.',
      'She has a history of asthma.',
      'This morning he woke with a headache.',
      'This patient has never smoked.',
      'Thereby is not a word that starts this.',
      'Afternoon clinics are busy.',
      'Laterally, the lesion is firm.',
      'Itching is worse after showers.',
      'Theyre is misspelled on purpose.',
    ])
      assert.equal(refersBack(s), false, s);
  });

  it('joins He/She only after a relative of the other sex is the subject', () => {
    assert.equal(refersBack('She takes insulin.', 'His mother has diabetes.'), true);
    assert.equal(refersBack('He smokes.', 'Her older brother has asthma.'), true);
    assert.equal(refersBack('She takes insulin.', 'Her mother has diabetes.'), false, 'the patient may be meant');
    assert.equal(refersBack('His mother is well.', 'His father had a stroke.'), false);
    assert.equal(refersBack('She takes insulin.', 'She has diabetes.'), false);
    assert.equal(refersBack('She takes insulin.'), false, 'no previous sentence, no pronoun join');
  });

  it('chains back-referring sentences onto the unit before them', () => {
    const t = 'A 30-year-old woman has palpitations. They began a week ago. Since then, she has slept badly. Her father had a stroke.';
    const us = units(t);
    assert.deepEqual(texts(us), ['A 30-year-old woman has palpitations. They began a week ago. Since then, she has slept badly.', 'Her father had a stroke.']);
    assert.equal(us[0].parts.length, 3);
  });
});

describe('sentence kinds', () => {
  const cases: [string, string][] = [
    ['Her temperature is 38.9°C and pulse 112/min.', 'measurement'],
    ['Blood pressure is 90/60 mm Hg.', 'measurement'],
    ['Her BMI is 31 kg/m2.', 'measurement'],
    ['Vital signs are within normal limits.', 'measurement'],
    ['He has had a fever for two days and his temperature is 39°C.', 'measurement'],
    ['On examination, the abdomen is soft.', 'examination'],
    ['Auscultation reveals a systolic murmur at the apex.', 'examination'],
    ['The right calf is tender.', 'examination'],
    ['A maculopapular rash is seen on the trunk.', 'examination'],
    ['She appears pale.', 'examination'],
    ['Pupils are equal and reactive.', 'examination'],
    ['A chest X-ray shows a right lower lobe opacity.', 'test'],
    ['A CT scan of the head is normal.', 'test'],
    ['Urinalysis shows no protein.', 'test'],
    ['Her hemoglobin is 8.2 g/dL.', 'test'],
    ['An ECG shows sinus tachycardia.', 'test'],
    ['A biopsy of the lesion shows granulomas.', 'test'],
    ['Laboratory studies show:', 'test'],
    ['She has had a dry cough for three weeks.', 'history'],
    ['He takes lisinopril 10 mg daily.', 'history'],
    ['She has lost 6 kg over two months.', 'history'],
    ['His mother has type 2 diabetes.', 'history'],
    ['He drinks four beers a night and smokes.', 'history'],
    ['She keeps a pet rabbit.', 'history'],
  ];
  for (const [s, kind] of cases) it(`${kind}: ${s}`, () => assert.equal(sentenceKind(s), kind));
});

describe('joinUnits', () => {
  const t = 'She has a cough. Her chest is clear.\n\nResults:\nSodium 140 mEq/L\nPotassium 4.1 mEq/L\nShe is sent home.';
  const us = units(t);

  it('rebuilds the original exactly', () => assert.equal(joinUnits(us, us), t));

  it('uses original separators between original neighbours, else a space or a line break beside a table', () => {
    assert.equal(us.length, 4);
    const [a, b, table, d] = us;
    assert.equal(joinUnits([b, a], us), 'Her chest is clear. She has a cough.');
    assert.equal(joinUnits([a, 'She is anxious.', b], us), 'She has a cough. She is anxious. Her chest is clear.');
    assert.equal(joinUnits([table, 'Extra sentence.', a], us), `${table.text}\nExtra sentence. She has a cough.`);
    assert.equal(joinUnits([d, table], us), `She is sent home. ${table.text}`);
    assert.equal(joinUnits([b, table], us), `Her chest is clear.\n\n${table.text}`);
    assert.equal(joinUnits([a, b], us), 'She has a cough. Her chest is clear.');
  });

  it('puts a line break before a table that has lost its header', () => {
    const headerless = units('He feels well.\nSodium 140 mEq/L\nPotassium 4.0 mEq/L');
    assert.equal(joinUnits(['Inserted.', headerless[1]], headerless), 'Inserted.\nSodium 140 mEq/L\nPotassium 4.0 mEq/L');
    assert.equal(joinUnits([headerless[1], headerless[0]], headerless), 'Sodium 140 mEq/L\nPotassium 4.0 mEq/L\nHe feels well.');
  });
});

describe('the built-in bank', () => {
  it('cuts every rendered case losslessly into sentence units', () => {
    const cases = loadCases({}).cases;
    let count = 0;
    let joins = 0;
    for (const c of cases) {
      const t = cleanVariant(c).narrative;
      const us = units(t);
      assert.equal(joinUnits(us, us), t, c.id);
      assert.ok(us.length >= 2, `${c.id}: one unit only`);
      count += us.length;
      joins += us.reduce((n, u) => n + u.parts.length - 1, 0);
    }
    assert.ok(joins < count / 4, `back-reference joins should be rare: ${joins} of ${count}`);
    console.log(`# bank: ${cases.length} cases, ${count} units, ${joins} back-reference joins`);
  });
});

describe('the first 500 MedQA stems', () => {
  const stems = () => loadCases({ path: MEDQA, limit: 500 }).cases.map((c) => ({ id: c.id, text: c.vignette }));

  it('cut losslessly; tables stay whole, with their header, and prose after a table stays out of it', { skip: needs(MEDQA_DATA) }, () => {
    let unitCount = 0;
    let tables = 0;
    let headerless = 0;
    let labLines = 0;
    let joins = 0;
    let withLabs = 0;
    for (const { id, text } of stems()) {
      const us = units(text);
      assert.equal(joinUnits(us, us), text, id);
      unitCount += us.length;
      // No unit boundary inside a table: a table never ends one unit and goes on in the next.
      for (let i = 1; i < us.length; i++) assert.ok(!(us[i - 1].trailsWithTable && us[i].leadsWithTable), `${id}: table split between units ${i - 1} and ${i}`);
      const lines = text.split('\n').map((l) => l.trim());
      const labs = lines.filter((l) => LAB_LINE.test(l));
      if (labs.length >= 2) withLabs++;
      for (const line of labs) {
        labLines++;
        const home = us.find((u) => u.parts.some((p) => p.kind === 'table-line' && p.text.trim() === line));
        assert.ok(home, `${id}: lab line "${line}" is not a table line`);
        const at = home.parts.findIndex((p) => p.text.trim() === line);
        assert.ok(home.parts.slice(0, at).some((p) => p.kind === 'table-header') || home.leadsWithTable, `${id}: lab line "${line}" has no header before it`);
      }
      for (const u of us) {
        u.parts.forEach((p, k) => {
          if (p.kind === 'table-line' && (k === 0 || u.parts[k - 1].kind !== 'table-line')) {
            tables++;
            if (k === 0 || u.parts[k - 1].kind === 'sentence') headerless++;
          }
          if (k > 0 && p.kind !== 'table-line') joins++;
          // A line that ends like a sentence is prose, never part of a table.
          if (p.kind === 'table-line') assert.doesNotMatch(p.text.trim(), /[a-z]{3,}\.$/, `${id}: prose "${p.text}" taken into a table`);
        });
      }
    }
    assert.ok(labLines > 0);
    assert.ok(tables >= withLabs, `every stem with lab lines has a table: ${tables} tables, ${withLabs} stems with labs`);
    assert.ok(headerless <= tables / 10, `most tables have their header: ${headerless} of ${tables} without`);
    console.log(
      `# MedQA: 500 stems, ${unitCount} units, ${tables} tables (${headerless} without header), ${labLines} lab lines checked, ${joins} back-reference joins`,
    );
  });
});
