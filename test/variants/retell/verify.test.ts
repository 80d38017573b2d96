import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeRejections, readJudgeReply } from '../../../src/variants/retell/judge.js';
import { negationProblems } from '../../../src/variants/retell/negation.js';
import { anchorTarget, decisiveFinding } from '../../../src/variants/retell/styles.js';
import { verifyRetelling, type VerifyInput } from '../../../src/variants/retell/verify.js';
import type { RejectReason } from '../../../src/variants/retell/types.js';
import type { Variant } from '../../../src/variants/types.js';
import { baseOf, bankCases, DENIAL, flipDenial, RETOLD_PROBES, ruleVariants } from './fixture.js';

const cases = bankCases(4);
const variants = ruleVariants(cases, [...RETOLD_PROBES]);
const caseOf = (v: Variant) => cases.find((c) => c.id === v.caseId)!;

/** The checks of a retelling of a rule-based variant's input. */
function check(v: Variant, retold: string, over: Partial<VerifyInput> = {}) {
  return verifyRetelling({
    probe: v.condition,
    original: baseOf(variants, v).narrative,
    retold,
    truncated: false,
    case: caseOf(v),
    question: v.question,
    options: v.options,
    anchorTarget: anchorTarget(v),
    decisive: decisiveFinding(v),
    ...over,
  });
}
const reasons = (v: Variant, retold: string, over: Partial<VerifyInput> = {}): RejectReason[] => check(v, retold, over).map((r) => r.reason);
const probeVariants = (probe: string) => variants.filter((v) => v.condition === probe);

describe('deterministic checks of a retelling', () => {
  it('pass every rule-based variant of the bank cases: the probes keep the facts, so the checks must too', () => {
    // Four cases, each with every retold probe: the loops below have something to check.
    assert.equal(cases.length, 4);
    for (const p of RETOLD_PROBES) assert.equal(probeVariants(p).length, 4, p);
    // The rule-based buried_lead places the finding last in its section (v4), a retelling must tell it last: only its facts are checked here.
    for (const v of variants.filter((x) => x.condition !== 'clean' && x.condition !== 'critical'))
      assert.deepEqual(check(v, v.narrative, v.condition === 'buried_lead' ? { decisive: undefined } : {}), [], v.id);
  });

  it('reject a retelling that drops a number, naming it', () => {
    let dropped = 0;
    for (const v of probeVariants('distractor')) {
      const original = baseOf(variants, v).narrative;
      const m = /\d+(?:\.\d+)?\s?(?:mm Hg|mg\/dL|°C|\/min|%)/.exec(original);
      if (!m) continue;
      dropped++;
      const r = check(v, original.replace(m[0], 'normal'));
      assert.ok(
        r.some((x) => x.reason === 'number_lost' && x.detail.includes(m[0].replace(/\s/g, '').toLowerCase().slice(0, 3))),
        `${v.id}: ${JSON.stringify(r)}`,
      );
    }
    assert.ok(dropped >= 2, `only ${dropped} cases had a measured value to drop`);
  });

  it('reject a retelling that states what the original denied (flipped), or drops a denial (lost)', () => {
    for (const v of probeVariants('emotional')) {
      const original = baseOf(variants, v).narrative;
      assert.ok(reasons(v, flipDenial(original)).includes('negation_flipped'), v.id);
      // The denial's sentence left out: nothing said of what was denied is lost, not flipped.
      const dropped = original
        .split(/(?<=\.)\s+/)
        .filter((x) => !DENIAL.test(x))
        .join(' ');
      assert.ok(reasons(v, dropped).includes('negation_lost'), v.id);
    }
  });

  it('count negations per term: a lay retelling may reword the term, not drop the negation', () => {
    assert.deepEqual(negationProblems('She denies dyspnoea. No fever.', "I haven't been short of breath. No fever.", true), []);
    assert.deepEqual(negationProblems('She denies dyspnoea. No fever.', "I've been short of breath. No fever.", true), [{ term: 'dyspno', kind: 'lost' }]);
    assert.deepEqual(negationProblems('No fever, no cough.', 'Fever, but no cough.', false), [{ term: 'fever', kind: 'flipped' }]);
    assert.deepEqual(negationProblems('Bowel sounds are absent.', 'On examination the bowel sounds were absent.', false), []);
  });

  it('reject a retelling that holds the question, a question edited into the story, or the options', () => {
    const v = probeVariants('distractor')[0];
    const original = baseOf(variants, v).narrative;
    assert.ok(reasons(v, `${original}\n\n${v.question}`).includes('question_included'));
    assert.ok(reasons(v, `${original} Which of the following best explains her condition?`).includes('question_included'));
    const wrong = Object.entries(v.options).find(([l]) => l !== v.answer)![1];
    assert.ok(reasons(v, `${original} The team wonders about ${wrong}.`).includes('options_included'));
    assert.ok(reasons(v, `${original}\nA. One thing.\nB. Another thing.`).includes('options_included'));
  });

  it('let the anchoring retelling name its target option, and require it', () => {
    for (const v of probeVariants('anchoring')) {
      const original = baseOf(variants, v).narrative;
      const target = anchorTarget(v)!;
      assert.deepEqual(reasons(v, `${original} Her husband is sure it is ${target}.`), [], v.id);
      assert.deepEqual(reasons(v, `${original} Her husband has an opinion.`), ['anchor_missing'], v.id);
    }
  });

  it("reject a retelling that is not in the probe's style: the original given back, no teller, a lead not buried", () => {
    const d = probeVariants('distractor')[0];
    assert.deepEqual(reasons(d, baseOf(variants, d).narrative), ['unchanged']);
    const lay = probeVariants('lay_voice')[0];
    const layOriginal = baseOf(variants, lay).narrative;
    assert.deepEqual(reasons(lay, `${layOriginal} The bus was late.`), ['style_missing']);
    assert.deepEqual(reasons(lay, `${layOriginal} I only came because my family kept asking.`), []);
    assert.deepEqual(reasons(lay, `Okay, so. ${layOriginal} I only came because my family kept asking.`), [], 'a teller\'s "Okay" is no preamble');
    for (const v of probeVariants('buried_lead')) {
      const original = baseOf(variants, v).narrative;
      const decisive = decisiveFinding(v)!;
      assert.deepEqual(reasons(v, `${original} The bus was late.`), ['style_missing'], v.id);
      assert.deepEqual(reasons(v, `${original.replace(decisive, '').trim()} The bus was late. Oh, and ${decisive}`), [], v.id);
    }
  });

  it('reject garbage with its own reason before reading any fact', () => {
    const v = probeVariants('lay_voice')[0];
    const original = baseOf(variants, v).narrative;
    const cases: [string, RejectReason, Partial<VerifyInput>?][] = [
      ['   ', 'empty'],
      ['{"narrative": "A man came in."}', 'json'],
      ['```json\n{"narrative": "x"}\n```', 'json'],
      ["I'm sorry, but I can't help with retelling this case.", 'refusal'],
      [`Here is the retold narrative:\n${original}`, 'preamble'],
      [`Sure, here it is. ${original}`, 'preamble'],
      [`Retold narrative:\n${original}`, 'preamble'],
      ['She came in.', 'too_short'],
      [`${original} ${original} ${original}`, 'too_long'],
      [`# Retelling\n- ${original}\n- done.`, 'not_prose'],
      ['§§§ ### *** 123 456 789 000 ### §§§ !!! ??? ### *** 123 456 789 000.', 'not_prose'],
      [original, 'truncated', { truncated: true }],
    ];
    for (const [retold, reason, over] of cases) assert.deepEqual(reasons(v, retold, over), [reason], retold.slice(0, 40));
  });

  it('reject a retelling that loses a key fact or the red flag', () => {
    const withFacts = variants.find((v) => v.condition === 'buried_lead' && caseOf(v).redFlag && caseOf(v).keyFacts?.length)!;
    const c = caseOf(withFacts);
    const original = baseOf(variants, withFacts).narrative;
    // Out with the red flag's whole sentence, kept tally of numbers aside: the fact itself must be missed.
    const sentence = original.split(/(?<=\.)\s+/).find((s) => s.includes(c.redFlag!.slice(0, 20)))!;
    const r = reasons(withFacts, original.replace(sentence, ''));
    assert.ok(r.includes('red_flag_lost'), JSON.stringify(r));
  });
});

describe('the judge verdict', () => {
  it('reads the JSON, fenced or bare, and rejects on any listed fact', () => {
    assert.deepEqual(judgeRejections(readJudgeReply('{"added": [], "removed": [], "altered": []}')), []);
    assert.deepEqual(judgeRejections(readJudgeReply('```json\n{"added": [], "removed": [], "altered": []}\n```')), []);
    assert.deepEqual(
      judgeRejections(readJudgeReply('{"added": ["productive cough"], "removed": [], "altered": [{"fact": "pulse", "from": 88, "to": 98}]}')).map(
        (r) => r.reason,
      ),
      ['judge_added', 'judge_altered'],
    );
  });
  it('rejects an unreadable verdict', () => {
    for (const reply of ['Looks faithful to me.', '{"added": []}', '{"added": [], "removed": [], "altered": "none"}', '{broken', '']) {
      assert.deepEqual(
        judgeRejections(readJudgeReply(reply)).map((r) => r.reason),
        ['judge_unreadable'],
        reply,
      );
    }
  });
});
