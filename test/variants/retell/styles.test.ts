import { questionType } from '../../../src/probes/question-type.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../../src/cases/load.js';
import { listProbes } from '../../../src/probes/registry.js';
import { JUDGE_SHAPE, judgeMessages } from '../../../src/variants/retell/judge.js';
import { retellMessages } from '../../../src/variants/retell/prompt.js';
import {
  anchorTarget,
  canRetell,
  HARD_CONSTRAINTS,
  judgeAllows,
  maxLengthRatio,
  retellableProbes,
  retellInstruction,
} from '../../../src/variants/retell/styles.js';
import { bankCases, RETOLD_PROBES, ruleVariants } from './fixture.js';

describe('retelling instructions', () => {
  const variants = ruleVariants(bankCases(3), [...RETOLD_PROBES, 'option_shuffle']);

  it('give every retold probe its style under the same hard constraints; option_shuffle has none', () => {
    // Three cases, each with every retold probe: the loops here have something to check.
    for (const p of RETOLD_PROBES) assert.equal(variants.filter((v) => v.condition === p).length, 3, p);
    for (const v of variants.filter((x) => (RETOLD_PROBES as readonly string[]).includes(x.condition))) {
      const text = retellInstruction(v);
      for (const c of HARD_CONSTRAINTS) assert.ok(text.includes(c), `${v.id}: ${c}`);
    }
    assert.equal(canRetell('option_shuffle'), false);
    assert.throws(() => retellInstruction(variants.find((v) => v.condition === 'option_shuffle')!), /no retelling style/);
  });

  it('belong to registered probes, each with its judge note and length limit', () => {
    assert.deepEqual([...retellableProbes()].sort(), ['anchoring', 'buried_lead', 'distractor', 'emotional', 'lay_voice']);
    for (const p of retellableProbes()) {
      assert.ok(
        listProbes().some((x) => x.name === p),
        `${p} is a registered probe`,
      );
      assert.ok(judgeAllows(p).length > 20, `${p}: the judge is told what the probe changes on purpose`);
      assert.ok(maxLengthRatio(p) >= 2, p);
    }
    assert.equal(judgeAllows('option_shuffle'), '');
  });

  it('name the wrong option for anchoring and the decisive finding for buried_lead, from the rule-based variant', () => {
    for (const v of variants.filter((x) => x.condition === 'anchoring'))
      assert.ok(retellInstruction(v).includes(`: ${anchorTarget(v)}. Name it in exactly those words`), v.id);
    // A technical option is a colleague's opinion, never a lay teller's.
    for (const v of variants.filter((x) => x.condition === 'anchoring' && !['diagnosis', 'management'].includes(questionType(x.question))))
      assert.match(retellInstruction(v), /add, near the end, a colleague saying/, v.id);
    for (const v of variants.filter((x) => x.condition === 'buried_lead')) {
      const moved = (v.provenance.probe!.changes as { moved: { text: string } }).moved.text.trim();
      assert.ok(retellInstruction(v).includes(moved), v.id);
    }
  });

  it("let a child's parent tell the lay story, and keep findings the clinician's", () => {
    const child = loadCases().cases.filter((c) => (c.demographics?.age ?? 99) < 12);
    const lay = ruleVariants(child, ['lay_voice']).filter((v) => v.condition === 'lay_voice');
    assert.ok(lay.length > 0);
    for (const v of lay) {
      const text = retellInstruction(v);
      assert.equal(v.provenance.profile?.speaker, 'parent');
      assert.match(text, /as told by the patient's \w+, speaking about the child in the third person/);
      assert.match(text, /Examination findings, measurements and test results are not the teller's: keep them as the clinician's own sentences, word for word/);
    }
    const adult = variants.find((v) => v.condition === 'lay_voice' && v.provenance.profile?.speaker === 'patient')!;
    assert.match(retellInstruction(adult), /as told by the patient, in the first person/);
  });

  it('give the rewriter the original between tags, and a retry the reasons of the last rejection', () => {
    const [system, user] = retellMessages('Retell it.', 'A man, 40, denies pain.', [{ reason: 'number_lost', detail: 'values lost or changed: 40' }]);
    assert.equal(system.role, 'system');
    assert.ok(user.content.includes('<original>\nA man, 40, denies pain.\n</original>'));
    assert.ok(user.content.includes('An earlier retelling was rejected:\n- values lost or changed: 40'));
    assert.ok(judgeMessages('distractor', 'a', 'b')[1].content.includes(JUDGE_SHAPE));
  });
});
