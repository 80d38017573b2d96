import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { layVoice } from '../../src/probes/lay-voice.js';
import { OFFERING, untypable } from '../../src/probes/lay-voice/dose.js';
import { TYPOS } from '../../src/probes/lay-voice/typos.js';
import { patientProfile } from '../../src/probes/profile.js';
import { isIneligible, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

// Round 13 review of lay_voice at doses 2 and 4: the three classes, through the real probe on every bank case.

const SEED = 9313;
const cases = loadCases({}).cases;
function at(c: Case, dose: number): ProbeOutput | null {
  const clean = cleanVariant(c);
  const input = { case: c, ...clean, profile: patientProfile(c, clean.narrative) };
  const out = layVoice.apply(input, SEED, dose);
  return isIneligible(out) ? null : out;
}
const runs = cases.map((c) => ({ c, profile: patientProfile(c, cleanVariant(c).narrative), d2: at(c, 2), d4: at(c, 4) }));
type Slip = { sentence: number; part?: number; word: string; typo: string };
const slips = (o: ProbeOutput) => (o.changes as { typos: Slip[] }).typos;
const OFFERED = /\b(?:takes?|taking|took|medic|pills?|tablets?|inhalers?|prescribed|allerg|diagnosed|history of|vaccin|immuni|operations?|surger)/i;
const hedged = (o: ProbeOutput) => (o.changes as { hedged: { sentence: number; hedge: string; aside?: true }[] }).hedged;

describe('lay_voice round 13 (doses 2 and 4)', () => {
  it('types no story on a ward or in intensive care, nor one reporting the care the team gave or a value it measured', () => {
    for (const { c, profile, d4 } of runs) if (d4) assert.ok(profile.setting !== 'ward' && profile.setting !== 'icu', c.id);
    assert.ok(runs.some((r) => r.d2 && !r.d4 && (r.profile.setting === 'ward' || r.profile.setting === 'icu')));
    const told = (s: string) => untypable('emergency', 'A 30-year-old man has flank pain.', [s]);
    assert.ok(told('The pain settled after intravenous ketorolac, and he is now tolerating oral fluids.'));
    assert.ok(told('He develops a temperature of 38.6°C with chills.'));
    assert.equal(told('He measured a temperature of 38.6°C at home.'), null);
    assert.equal(told('He has had flank pain for 6 hours.'), null);
    assert.equal(told('She has had fever up to 39.8°C for 6 days.'), null);
    assert.ok(told('He is now reviewed for a sodium of 125 mEq/L found on routine testing.'));
    assert.ok(told('He was given an anticholinesterase agent with no improvement.'));
    assert.equal(told('She was started on sertraline 3 weeks ago by her primary care physician.'), null);
    assert.equal(told('He has no history of intravenous drug use.'), null);
    assert.equal(told('He had stage IV lymphoma as a child.'), null);
    assert.ok(told('He was better after IV fluids.'));
    assert.ok(untypable(null, 'A 40-year-old woman on day 12 of induction chemotherapy develops a fever.', []));
  });

  it('gives a typed story two slips of the table at least, in separate sentences; a lower-case "i" only as a third', () => {
    let typed = 0;
    for (const { c, d4 } of runs) {
      if (!d4) continue;
      typed++;
      const s = slips(d4);
      const table = s.filter((t) => t.typo !== 'i');
      assert.ok(table.length >= 2, `${c.id}: ${JSON.stringify(s)}`);
      for (const t of table)
        assert.ok(
          Object.values(TYPOS).some((v) => v.slice(1) === t.typo.slice(1)),
          `${c.id}: ${t.typo}`,
        );
      assert.equal(new Set(s.map((t) => `${t.sentence}.${t.part ?? 0}`)).size, s.length, c.id);
      if (s.some((t) => t.typo === 'i')) assert.equal(s.length, 3, c.id);
    }
    assert.ok(typed >= 120, `${typed}`);
  });

  it('says "Well," only to open, no filler before a denial, and an offering filler only before medicines, allergies or history', () => {
    for (const { c, d2 } of runs) {
      if (!d2) continue;
      const text = d2.narrative;
      for (const m of text.matchAll(/\bWell, /g)) assert.equal(text.slice(m.index - 3, m.index), ': "', `${c.id}: ${text}`);
      for (const h of hedged(d2)) {
        if (h.aside) continue;
        const after = text.slice(text.indexOf(h.hedge) + h.hedge.length).split(/[.!?]"?(?:\s|$)/)[0];
        assert.doesNotMatch(after, /\b(?:no|not|never|denies|denied|without|none|nor)\b|n't\b/i, `${c.id}: ${h.hedge}${after}`);
        if ((OFFERING as readonly string[]).includes(h.hedge)) assert.match(after, OFFERED, `${c.id}: ${h.hedge}${after}`);
      }
    }
  });
});
