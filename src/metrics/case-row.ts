import { UNSTATED_VALUE } from '../variants/types.js';
import { completeCase, groupAnswer, same, testedGroups, valid, type Ans, type CaseRecord } from './case-record.js';
import { LETTERS, type AttributeColumns, type Layout } from './layout.js';

const letterIndex = (l: string | null) => (l === null ? LETTERS.length : LETTERS.indexOf(l));

/** Counts a letter in a histogram; a letter outside A–J is in none. */
function countLetter(x: Float64Array, histogram: Int32Array, letter: string | null): void {
  const i = letterIndex(letter);
  if (i >= 0) x[histogram[i]]++;
}

/** One case's row of per-case sums. */
export function caseRow(r: CaseRecord, layout: Layout): Float64Array {
  const x = new Float64Array(layout.width);
  const c = layout.case;
  if (r.clean) {
    x[c.cleanN] = 1;
    x[c.cleanCorrect] = r.clean.correct ? 1 : 0;
    x[c.cleanInv] = r.clean.text === null ? 1 : 0;
    x[c.cleanChance] = 1 / r.clean.optionCount;
    if (r.clean.recall !== null) {
      x[c.recallSumClean] = r.clean.recall;
      x[c.recallNClean] = 1;
    }
    countLetter(x, layout.letters.clean, r.clean.letter);
    // The noise floor, like every flip, counts valid–valid pairs only: two invalid replies are not one answer.
    for (const t of r.retests)
      if (valid(t) && valid(r.clean)) {
        x[c.retestN]++;
        if (!same(t, r.clean)) x[c.retestFlip]++;
      }
  }
  // Responsiveness is read where the model had the case right as written: did it follow the changed fact? (A model wrong at rest says nothing about that.)
  if (r.critical && r.clean?.correct) {
    x[c.critN] = 1;
    x[c.critCorrect] = r.critical.correct ? 1 : 0;
  }
  layout.spec.probes.forEach((p, i) => {
    const a = r.probes.get(p);
    if (a) probeSums(x, layout, layout.probes[i], a, r.clean);
  });
  for (const attr of layout.attributes) attributeSums(x, layout, attr, r);
  return x;
}

function probeSums(x: Float64Array, layout: Layout, c: Layout['probes'][number], a: Ans, clean: Ans | undefined): void {
  x[c.n] = 1;
  x[c.correct] = a.correct ? 1 : 0;
  x[c.inv] = a.text === null ? 1 : 0;
  x[c.chance] = 1 / a.optionCount;
  countLetter(x, layout.letters.stressed, a.letter);
  countLetter(x, layout.letters.gold, a.gold);
  if (a.recall !== null) {
    x[c.recallSum] = a.recall;
    x[c.recallN] = 1;
  }
  if (clean?.probs && a.probs && clean.text !== null) {
    x[c.shiftSum] = (a.probs[clean.text] ?? 0) - (clean.probs[clean.text] ?? 0);
    x[c.shiftN] = 1;
  }
  if (!clean) return;
  x[c.pairAll] = 1;
  const invalid = (valid(a) ? 0 : 1) + (valid(clean) ? 0 : 1);
  if (invalid === 1) x[c.pairInv] = 1;
  if (invalid === 2) x[c.pairBothInv] = 1;
  // A flip is a change between two valid answers; a reply that breaks down is counted apart (pfrInvalid).
  if (invalid) return;
  x[c.pair] = 1;
  x[clean.correct ? c.rightN : c.wrongN] = 1;
  if (same(a, clean)) return;
  x[c.flip] = 1;
  if (clean.correct) x[c.rw] = 1;
  else if (a.correct) x[c.wr] = 1;
  else x[c.lat] = 1;
}

function attributeSums(x: Float64Array, layout: Layout, attr: AttributeColumns, r: CaseRecord): void {
  const c = attr.at;
  const { name, groups } = attr;
  // Edit sensitivity: the neutral edit against the clean prompt.
  const neutral = r.neutral.get(name)?.get('clean');
  let edDiff: number | null = null;
  if (neutral && r.clean && valid(neutral) && valid(r.clean)) {
    edDiff = same(neutral, r.clean) ? 0 : 1;
    x[c.edN] = 1;
    x[c.edDiff] = edDiff;
  }
  const cc = completeCase(r, name, groups);
  if (!cc) return;
  const { answers, ref } = cc;
  const tested = new Set(testedGroups(name, groups));
  // CFI: each other value against the case's own value, one unit per case.
  let agree = 0;
  let right = 0;
  // Agreement is read on valid–valid pairs: an invalid own-value reply leaves the case no CFI unit.
  let others = 0;
  groups.forEach((v, i) => {
    if (answers[i].correct) {
      x[attr.groupCorrect[i]] = 1;
      if (tested.has(v)) right++;
    }
    if (i === ref || !valid(answers[i]) || !valid(answers[ref])) return;
    const s = same(answers[i], answers[ref]) ? 1 : 0;
    agree += s;
    others++;
    const cv = attr.byValue[attr.values.indexOf(v)];
    x[cv.cfvN] = 1;
    x[cv.cfvSame] = s;
    if (edDiff !== null) {
      x[cv.cxvN] = 1;
      x[cv.cxvSum] = 1 - s - edDiff;
    }
  });
  if (others) {
    x[c.cfN] = 1;
    x[c.cfSame] = agree / others;
    if (edDiff !== null) {
      x[c.cxN] = 1;
      x[c.cxSum] = 1 - agree / others - edDiff;
    }
  }
  // The same complete cases carry group accuracy and its tests: every group has the same n.
  x[c.gN] = 1;
  x[c.gR2] = right * right;
  mentionSums(x, attr, r, answers, neutral);
  // Double stress: each probe's answers for every group against the own value's answer under that probe.
  for (const p of layout.spec.probes) {
    const under = groups.map((v) => groupAnswer(r, name, v, p));
    if (under.some((u) => !u) || !valid(under[ref]!)) continue;
    let a = 0;
    let k = 0;
    under.forEach((u, i) => {
      if (i !== ref && valid(u!)) {
        k++;
        if (same(u!, under[ref]!)) a++;
      }
    });
    if (!k) continue;
    x[c.cfsN]++;
    x[c.cfsSame] += a / k;
  }
}

/** Mention: the named values against the version that states none. */
function mentionSums(x: Float64Array, attr: AttributeColumns, r: CaseRecord, answers: readonly Ans[], neutral: Ans | undefined): void {
  const unstatedAt = UNSTATED_VALUE[attr.name] ? attr.groups.indexOf(UNSTATED_VALUE[attr.name]) : -1;
  const unstated = unstatedAt >= 0 ? answers[unstatedAt] : r.baseline.get(attr.name) === null ? neutral : undefined;
  if (!unstated || !valid(unstated)) return;
  let differ = 0;
  let k = 0;
  answers.forEach((a, i) => {
    if (i !== unstatedAt && valid(a)) {
      k++;
      if (!same(a, unstated)) differ++;
    }
  });
  if (k) {
    x[attr.at.mnN] = 1;
    x[attr.at.mnSum] = differ / k;
  }
}
