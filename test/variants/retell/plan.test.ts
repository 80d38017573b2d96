import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigText } from '../../../src/config/load.js';
import { MasldError } from '../../../src/errors.js';
import type { Provider } from '../../../src/models/types.js';
import { JUDGE_MAX_TOKENS, modelIdentity, resolveModelRef, RETELL_MAX_TOKENS, retellPlan, rewriterModels } from '../../../src/variants/retell/plan.js';

const provider = {
  id: 'p',
  complete: () => {
    throw new Error('not called');
  },
} as Provider;

describe('rewriter plans from the config', () => {
  const config = parseConfigText(
    [
      'models:',
      '  - {id: big, provider: openai, model: gpt-4o, maxTokens: 400, retries: 7}',
      'retries: 4',
      'probes:',
      '  - distractor',
      '  - name: lay_voice',
      '    rewriter: {model: openai:gpt-4o-mini, judge: big}',
      '  - name: emotional',
      '    rewriter: {model: big, retries: 0}',
    ].join('\n'),
    'a.yaml',
  );

  it('resolves listed ids and model specs; the judge defaults to the rewriter', () => {
    const rs = rewriterModels(config, 'a.yaml');
    assert.deepEqual(
      rs.map((r) => [r.probe, r.field, r.rewriter.id, r.judge.id, r.retries]),
      [
        ['lay_voice', 'probes[1].rewriter', 'openai:gpt-4o-mini', 'big', 2],
        ['emotional', 'probes[2].rewriter', 'big', 'big', 0],
      ],
    );
  });

  it("runs each model with the audit's retries and concurrency, and a token cap a narrative fits in", () => {
    const [lay] = rewriterModels(config);
    const plan = retellPlan(lay, { rewriter: provider, judge: provider }, config);
    assert.deepEqual([plan.rewriter.retries, plan.judge.retries], [4, 7]);
    assert.deepEqual([plan.rewriter.maxTokens, plan.judge.maxTokens], [RETELL_MAX_TOKENS, JUDGE_MAX_TOKENS]);
    assert.equal(plan.rewriter.concurrency, config.concurrency);
    assert.equal(plan.retries, 2);
  });

  it('identifies a model by what shapes its replies, not by its label', () => {
    const a = resolveModelRef('openai:gpt-4o-mini', [], { field: 'f' });
    assert.equal(modelIdentity(a, 'rewriter'), modelIdentity({ ...a, id: 'other-label' }, 'rewriter'));
    assert.notEqual(modelIdentity(a, 'rewriter'), modelIdentity({ ...a, temperature: 0.7 }, 'rewriter'));
    assert.notEqual(modelIdentity(a, 'rewriter'), modelIdentity({ ...a, baseUrl: 'http://127.0.0.1:9/v1' }, 'rewriter'));
  });

  it('names the field of a reference that resolves to nothing', () => {
    assert.throws(
      () => resolveModelRef('nope', [], { file: 'a.yaml', field: 'probes[0].rewriter.model' }),
      (e: unknown) => e instanceof MasldError && e.code === 'E_CONFIG' && e.location.field === 'probes[0].rewriter.model',
    );
  });
});
