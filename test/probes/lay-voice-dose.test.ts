import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { banks } from '../../src/probes/banks.js';
import { layVoice } from '../../src/probes/lay-voice.js';
import { ASIDE_STARTER, LATER, OPENERS, TYPED } from '../../src/probes/lay-voice/dose.js';
import { TYPOS } from '../../src/probes/lay-voice/typos.js';
import { patientProfile } from '../../src/probes/profile.js';
import { isIneligible, type ProbeOutput } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

// Issue 22: lay_voice at doses 1, 2 and 4 on every bank case, through the real probe.

const SEED = 9123;
const cases = loadCases({}).cases;

function at(c: Case, dose?: number, seed = SEED): ProbeOutput | null {
  const clean = cleanVariant(c);
  const input = {
    case: c,
    narrative: clean.narrative,
    question: clean.question,
    options: clean.options,
    answer: clean.answer,
    profile: patientProfile(c, clean.narrative),
  };
  const out = dose === undefined ? layVoice.apply(input, seed) : layVoice.apply(input, seed, dose);
  return isIneligible(out) ? null : out;
}

const runs = cases.map((c) => ({ c, d1: at(c), d2: at(c, 2), d4: at(c, 4) }));
const words = (s: string) => s.split(/\s+/).filter(Boolean);
const bare = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}'’]/gu, '');
const numbers = (s: string) => (s.match(/\d+(?:[.,/]\d+)*/g) ?? []).sort();
const NEGATION = /\b(?:no|not|never|none|nor|without|neither|denies|denied)\b|n't\b/gi;
const hedges = (o: ProbeOutput) => (o.changes as { hedged?: { hedge: string }[] }).hedged ?? [];
const typos = (o: ProbeOutput) => (o.changes as { typos?: { word: string; typo: string }[] }).typos ?? [];

/** Whether `small`'s words are `big`'s in order, the words left over all from the added phrases. */
function within(small: string, big: string, added: readonly string[]): string | null {
  const extra = new Set(added.flatMap((h) => words(h).map(bare)));
  const a = words(small).map(bare);
  const b = words(big).map(bare);
  let i = 0;
  for (const w of b) {
    if (i < a.length && w === a[i]) i++;
    else if (!extra.has(w)) return `"${w}" added`;
  }
  return i === a.length ? null : `"${a[i]}" lost`;
}

/** Levenshtein distance, small words only. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

describe('lay_voice doses', () => {
  it('declares doses 1, 2 and 4, and dose 1 is the single-dose call', () => {
    assert.deepEqual(layVoice.doses, [1, 2, 4]);
    for (const { c, d1 } of runs) assert.deepEqual(at(c, 1), d1, c.id);
  });

  it('keeps dose 2 eligible on every case dose 1 tells, and dose 4 on most (round 13: a typed story needs two slips and an outpatient)', () => {
    const told = runs.filter((r) => r.d1);
    assert.ok(told.length >= 150, `${told.length}`);
    assert.equal(told.filter((r) => !r.d2).length, 0);
    assert.ok(told.filter((r) => !r.d4).length <= told.length * 0.3, `${told.filter((r) => !r.d4).length} of ${told.length} lost at dose 4`);
  });

  it('adds to dose 1 only fillers from the hedge bank (1 ⊂ 2), at least one per case, none on a number', () => {
    const bank = new Set(banks().hedges.map((h) => h.text));
    for (const h of [...OPENERS, ...LATER, ASIDE_STARTER]) assert.ok(bank.has(h), h);
    for (const { c, d1, d2 } of runs) {
      if (!d1 || !d2) continue;
      const hs = hedges(d2).map((h) => h.hedge.replace(/,\s*but$/, '.'));
      assert.ok(hs.length >= 1, c.id);
      assert.equal(within(d1.narrative, d2.narrative, hs), null, `${c.id}: ${within(d1.narrative, d2.narrative, hs)}\n${d2.narrative}`);
      for (const h of hs) {
        const after = d2.narrative.slice(d2.narrative.indexOf(h) + h.length).split(/[.!?]"?\s/)[0];
        if (!h.endsWith('.')) assert.doesNotMatch(after, /\d/, `${c.id}: "${h}" before a number: ${after}`);
      }
    }
  });

  it('makes dose 4 dose 2 typed (2 ⊂ 4): the frame, then only slips of the table in lay words, word for word', () => {
    for (const { c, d2, d4 } of runs) {
      if (!d2 || !d4) continue;
      assert.ok(d4.narrative.includes(TYPED), c.id);
      const a = words(d2.narrative);
      const b = words(d4.narrative.replace(TYPED, ''));
      assert.equal(b.length, a.length, c.id);
      const slips = a.flatMap((w, i) => (w === b[i] ? [] : [[w, b[i]] as const]));
      assert.ok(slips.length >= 2 && slips.length === typos(d4).length, `${c.id}: ${JSON.stringify(slips)}`);
      for (const [w, t] of slips) {
        assert.ok(distance(w, t) <= 2 && !/\d/.test(w), `${c.id}: ${w} → ${t}`);
        const key = Object.keys(TYPOS).find((k) => bare(w).includes(bare(k).split(' ')[0]));
        assert.ok(key !== undefined || /^"?I\b/.test(w), `${c.id}: "${w}" is no word of the typo table`);
      }
    }
  });

  it('keeps every number and negation of the clean text at every dose, and the answer', () => {
    for (const { c, d1, d2, d4 } of runs) {
      const clean = cleanVariant(c);
      for (const [dose, o] of [
        [2, d2],
        [4, d4],
      ] as const) {
        if (!o || !d1) continue;
        for (const n of numbers(clean.narrative)) assert.ok(o.narrative.includes(n), `${c.id}@${dose}: ${n} lost`);
        assert.deepEqual(numbers(o.narrative), numbers(d1.narrative), `${c.id}@${dose}`);
        // The teller's apology ("Sorry, I'm not great at explaining.", slips and all) negates no finding.
        const said = o.narrative.replace(/So\w+, [Ii]'?m not \w+ at \w+\./, '');
        assert.equal(said.match(NEGATION)?.length ?? 0, d1.narrative.match(NEGATION)?.length ?? 0, `${c.id}@${dose}: negations`);
        assert.equal(o.answer, clean.answer);
        assert.deepEqual(o.options, clean.options);
      }
    }
  });

  it('is deterministic and varies with the seed', () => {
    const some = runs.filter((r) => r.d4).slice(0, 20);
    for (const { c, d4 } of some) assert.deepEqual(at(c, 4), d4, c.id);
    assert.ok(some.some(({ c, d4 }) => at(c, 4, SEED + 1)?.narrative !== d4?.narrative));
  });

  it('never slips into another word the bank uses ("not" → "now")', () => {
    // As spelled: "Im" is no "IM" (intramuscular).
    const exact = (x: string) => x.replace(/[^\p{L}\p{N}'’]/gu, '');
    const vocabulary = new Set(cases.flatMap((c) => words(c.vignette).map(exact)));
    for (const [w, t] of Object.entries(TYPOS)) {
      for (const form of [t, t.toLowerCase(), t[0].toUpperCase() + t.slice(1)]) assert.ok(!vocabulary.has(form), `${w} → ${form} is a word of the bank`);
      assert.ok(w[0] === t[0] && distance(w, t) <= 2, `${w} → ${t}`);
    }
  });
});
