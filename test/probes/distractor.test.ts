import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { distractor } from '../../src/probes/distractor.js';
import { patientProfile } from '../../src/probes/profile.js';
import { units } from '../../src/probes/structure.js';
import { isIneligible, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

type Inserted = { after: number; text: string; remarks: { category: string; text: string }[] };

const cases = loadCases({}).cases;
const runs = cases.flatMap((c) => {
  const clean = cleanVariant(c);
  const out = distractor.apply(
    {
      case: c,
      narrative: clean.narrative,
      question: clean.question,
      options: clean.options,
      answer: clean.answer,
      profile: patientProfile(c, clean.narrative),
    },
    1,
  );
  return isIneligible(out) ? [] : [{ c, clean: clean.narrative, out: out as ProbeOutput, inserted: (out as ProbeOutput).changes as { inserted: Inserted[] } }];
});

describe('distractor on the built-in bank: a digressing history as a clinician records it', () => {
  it('adds its remarks in at most three passages, each a few sentences, never under a table row', () => {
    assert.ok(runs.length >= 150, `only ${runs.length} variants`);
    for (const { c, clean, inserted } of runs) {
      assert.ok(inserted.inserted.length >= 1 && inserted.inserted.length <= 3, `${c.id}: ${inserted.inserted.length} passages`);
      const us = units(clean);
      for (const x of inserted.inserted) {
        const sentences = x.text.split(/(?<=[.?!])\s+(?=[A-Z])/).length;
        assert.ok(sentences <= x.remarks.length && sentences <= 6, `${c.id}: ${sentences} sentences for ${x.remarks.length} remarks`);
        assert.notEqual(us[x.after].parts.at(-1)?.kind, 'table-line', `${c.id}: a passage under a table row`);
      }
    }
  });

  it('names the narrator once and never repeats a frame within a variant', () => {
    for (const { c, inserted } of runs) {
      const text = inserted.inserted.map((x) => x.text).join(' ');
      const frames =
        text.match(
          new RegExp(
            String.raw`\b(?:also mentions|then mentions|goes on to say|adds that|also asks|then asks|At one point|Between answers|` +
              String.raw`Along the way|While the team works|Waiting for news)\b`,
            'g',
          ),
        ) ?? [];
      assert.equal(new Set(frames).size, frames.length, `${c.id}: a frame repeated: ${frames.join(', ')}`);
      // The bank's own "X says …" openings are gone: remarks are clauses of one record, not a list of sentences.
      const pasted = text
        .split(/(?<=[.?!])\s+(?=[A-Z])/)
        .filter((x) =>
          new RegExp(
            String.raw`^(?:According to|(?:The (?:patient|parent|relative with (?:him|her|the patient))|He|She) (?:says|` +
              String.raw`mentions that|notes that|points out|remarks that)\b)`,
          ).test(x),
        );
      assert.deepEqual(pasted, [], c.id);
    }
  });

  it('keeps to practical remarks (forms, getting here, who to call) in an emergency or intensive care', () => {
    let acute = 0;
    for (const { c, clean, inserted } of runs) {
      const setting = patientProfile(c, clean).setting;
      if (setting !== 'emergency' && setting !== 'icu') continue;
      acute++;
      for (const x of inserted.inserted)
        for (const r of x.remarks)
          assert.ok(['paperwork', 'travel', 'family_news'].includes(r.category), `${c.id}: ${r.category} remark in ${setting}: ${r.text}`);
    }
    assert.ok(acute >= 20, `only ${acute} acute variants`);
  });

  it('leaves out a patient who cannot speak when the story names no one with them, and only then', () => {
    let leftOut = 0;
    let toldByCompanion = 0;
    for (const c of cases) {
      const clean = cleanVariant(c);
      const profile = patientProfile(c, clean.narrative);
      const out = distractor.apply({ case: c, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer, profile }, 1);
      if (isIneligible(out) && out.ineligible.startsWith('no one with the patient')) {
        leftOut++;
        assert.equal(profile.speaker, 'companion', c.id);
      }
      if (!isIneligible(out) && profile.speaker === 'companion') {
        toldByCompanion++;
        assert.match(
          out.narrative,
          /\b(?:wife|husband|partner|mother|father|parents?|daughter|son|sister|brother|friend|roommate|neighbou?r|caregiver|carer|family|relatives?)\b/i,
          c.id,
        );
      }
    }
    // Both branches are met on the bank, so neither check above passes for want of a case.
    assert.ok(leftOut > 0 && toldByCompanion > 0, `${leftOut} left out, ${toldByCompanion} told with a companion`);
  });

  it('keeps every clean unit, in order, and makes the text at least 1.5× longer', () => {
    for (const { c, clean, out } of runs) {
      let at = 0;
      for (const u of units(clean)) {
        const i = out.narrative.indexOf(u.text, at);
        assert.ok(i >= at, `${c.id}: lost or moved "${u.text.slice(0, 60)}"`);
        at = i + u.text.length;
      }
      assert.ok(out.narrative.split(/\s+/).length >= 1.5 * clean.split(/\s+/).length, c.id);
    }
  });
});
