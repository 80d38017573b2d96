import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ProgressEvent } from '../../../src/run/call-with-retries.js';
import { estimateRetelling } from '../../../src/variants/retell/estimate.js';
import { retellVariants, type RetellOptions } from '../../../src/variants/retell/retell.js';
import type { RetellPlan } from '../../../src/variants/retell/types.js';
import type { Variant } from '../../../src/variants/types.js';
import type { ScriptContext } from '../../support/fake-openai.js';
import {
  AGREE,
  REMARK,
  baseOf,
  bankCases,
  faithful,
  flipDenial,
  isRetry,
  originalIn,
  plan,
  ruleVariants,
  startServers,
  tempCache,
  type Servers,
} from './fixture.js';

const cases = bankCases(9);
const caseIds = cases.map((c) => c.id);

function options(variants: Variant[], plans: RetellPlan[], cache: RetellOptions['cache'], over: Partial<RetellOptions> = {}): RetellOptions {
  return { variants, cases, plans, cache, signal: new AbortController().signal, concurrency: 4, retryDelayMs: 1, ...over };
}

/** The case a rewriter prompt is about, found by its original narrative. */
function caseIndex(variants: Variant[], userText: string): number {
  const original = originalIn(userText);
  const base = variants.find((v) => v.condition === 'clean' && v.narrative === original);
  if (!base) throw new Error('the rewriter was given a text that is no base narrative');
  return caseIds.indexOf(base.caseId);
}

const open: Servers[] = [];
const caches: ReturnType<typeof tempCache>[] = [];
after(async () => {
  for (const s of open) await s.close();
  for (const c of caches) c.dispose();
});
async function servers(...a: Parameters<typeof startServers>): Promise<Servers> {
  const s = await startServers(...a);
  open.push(s);
  return s;
}
function cache() {
  const c = tempCache();
  caches.push(c);
  return c;
}

describe('retelling probe variants with a rewriter, verified', () => {
  it('accepts a faithful retelling and rejects each faulty one with its reason, then retries', async () => {
    assert.equal(cases.length, 9, 'one bank case per scripted fault');
    const variants = ruleVariants(cases, ['distractor']);
    // One fault per case on the first attempt; every retry is faithful.
    const first: ((u: string) => string)[] = [
      (u) => faithful(u),
      (u) => faithful(u).replace(/\d+(?:\.\d+)?/, 'several'),
      (u) => flipDenial(faithful(u)),
      (u) => `${faithful(u)} She has also had a productive cough.`,
      (u) => `${faithful(u)}\n\n${variants.find((v) => v.narrative === originalIn(u))!.question}`,
      () => '{"narrative": "A patient came in."}',
      (u) => `${faithful(u)} The parking was easy today.`,
      (u) => `${faithful(u)} Which of the following is the most likely diagnosis here?`,
      () => "I'm sorry, but I can't retell clinical cases.",
    ];
    const expected = [null, 'number_lost', 'negation_flipped', 'judge_added', 'question_included', 'json', 'judge_unreadable', 'question_included', 'refusal'];
    const s = await servers(
      { answer: (u) => (isRetry(u) ? faithful(u) : first[caseIndex(variants, u)](u)) },
      {
        answer: (u) =>
          u.includes('productive cough')
            ? '{"added": ["productive cough"], "removed": [], "altered": []}'
            : u.includes('parking was easy')
              ? 'Looks faithful to me.'
              : AGREE,
      },
    );
    const c = cache();
    const events: ProgressEvent[] = [];
    const r = await retellVariants(options(variants, [plan('distractor', s)], c.cache, { onProgress: (e) => events.push(e) }));

    const retold = r.variants.filter((v) => v.condition === 'distractor');
    assert.equal(retold.length, cases.length);
    retold.forEach((v, i) => {
      const rule = variants.find((x) => x.id === v.id)!;
      const rt = v.provenance.retell!;
      assert.equal(rt.accepted, true, v.id);
      assert.equal(v.narrative, `${baseOf(variants, v).narrative}\n${REMARK}`, v.id);
      // Only the narrative is replaced.
      assert.deepEqual([v.question, v.options, v.answer, v.provenance.probe], [rule.question, rule.options, rule.answer, rule.provenance.probe]);
      if (expected[i] === null) {
        assert.deepEqual([rt.attempts, rt.reasons], [1, []]);
      } else {
        assert.equal(rt.attempts, 2, v.id);
        assert.ok(rt.reasons[0].includes(expected[i]!), `${v.id}: expected ${expected[i]}, got ${rt.reasons[0]}`);
      }
    });
    const sum = r.summaries[0];
    assert.equal(sum.attempted, cases.length);
    assert.equal(sum.accepted, cases.length);
    assert.equal(sum.fallbacks, 0);
    assert.equal(sum.rejectedAttempts, cases.length - 1);
    assert.equal(sum.rejected.judge_added, 1);
    assert.equal(sum.rejected.judge_unreadable, 1);
    assert.equal(sum.rejected.question_included, 2);
    // The judge sees only retellings that passed the deterministic checks.
    assert.equal(s.rewriter.requests, 2 * cases.length - 1);
    assert.equal(s.judge.requests, cases.length + 2);
    assert.equal(sum.calls, s.rewriter.requests + s.judge.requests);
    assert.equal(sum.newCalls, sum.calls);
    assert.ok(sum.inputTokens > 0 && sum.outputTokens > 0);
    assert.equal(r.interrupted, false);
    // Other variants pass through untouched, in the same order.
    assert.deepEqual(
      r.variants.map((v) => v.id),
      variants.map((v) => v.id),
    );
    for (const v of r.variants.filter((x) => x.condition !== 'distractor')) {
      assert.equal(
        v,
        variants.find((x) => x.id === v.id),
      );
    }
    assert.deepEqual(events.at(-1), { done: cases.length, total: cases.length, failed: 0, modelId: 'rewriter' });
  });

  it('falls back to the rule-based variant after k + 1 rejections, and counts it', async () => {
    const variants = ruleVariants(cases.slice(0, 3), ['emotional']);
    const s = await servers({ answer: (u) => originalIn(u).replace(/\d+(?:\.\d+)?/g, 'some') });
    const r = await retellVariants(options(variants, [plan('emotional', s, { retries: 2 })], cache().cache));
    const sum = r.summaries[0];
    assert.deepEqual([sum.attempted, sum.accepted, sum.fallbacks, sum.failed, sum.rejectedAttempts, sum.rejected.number_lost], [3, 0, 3, 0, 9, 9]);
    for (const v of r.variants.filter((x) => x.condition === 'emotional')) {
      const rule = variants.find((x) => x.id === v.id)!;
      assert.equal(v.narrative, rule.narrative);
      const rt = v.provenance.retell!;
      assert.deepEqual([rt.rewriter, rt.judge, rt.attempts, rt.accepted, rt.usage.calls], ['rewriter', 'judge', 3, false, 3]);
      assert.ok(rt.reasons.length === 3 && rt.reasons.every((rs) => rs.includes('number_lost')), JSON.stringify(rt.reasons));
    }
    assert.equal(s.rewriter.requests, 9);
    assert.equal(s.judge.requests, 0);
  });

  it('retries a 429 (with Retry-After) and a 500 from the rewriter like an audit call', async () => {
    const variants = ruleVariants(cases.slice(0, 3), ['lay_voice']);
    const script = ({ attempt }: ScriptContext) => (attempt === 0 ? ('http429RetryAfter' as const) : attempt === 1 ? ('http500' as const) : undefined);
    const s = await servers({ answer: (u) => faithful(u), script }, { script });
    const r = await retellVariants(options(variants, [plan('lay_voice', s)], cache().cache));
    const sum = r.summaries[0];
    assert.equal(sum.accepted, 3);
    assert.equal(s.rewriter.requests, 9, 'three HTTP attempts per retelling');
    assert.equal(s.judge.requests, 9, 'three HTTP attempts per verdict');
    assert.equal(sum.newCalls, 6, 'a call retried over HTTP is still one call');
  });

  it('opens the circuit on a rewriter that keeps failing: the rest is skipped, counted as failed and not cached', async () => {
    const variants = ruleVariants(cases.slice(0, 4), ['buried_lead']);
    const s = await servers({ answer: () => 'unused', script: () => ({ status: 500, body: '{"error":{"message":"down"}}' }) });
    const c = cache();
    const p = plan('buried_lead', s, { rewriter: { ...plan('buried_lead', s).rewriter, retries: 0, concurrency: 1 } });
    const r = await retellVariants(options(variants, [p], c.cache, { concurrency: 1, breakerThreshold: 2 }));
    const sum = r.summaries[0];
    assert.deepEqual(r.openCircuits, ['rewriter']);
    assert.equal(s.rewriter.requests, 2);
    assert.deepEqual([sum.attempted, sum.failed, sum.accepted, sum.fallbacks], [4, 4, 0, 0]);
    for (const v of r.variants.filter((x) => x.condition === 'buried_lead')) {
      assert.equal(v.provenance.retell?.failed, true);
      assert.equal(v.narrative, variants.find((x) => x.id === v.id)!.narrative);
    }
    // Next run, with the rewriter back: every retelling is asked for.
    const healthy = await servers({ answer: (u) => faithful(u) });
    const again = await retellVariants(options(variants, [plan('buried_lead', healthy)], c.cache));
    assert.equal(again.summaries[0].accepted, 4);
    assert.equal(healthy.rewriter.requests, 4);
  });

  it("retells the probe's input (the clean text of the same counterfactual), never the rule-based output", async () => {
    const variants = ruleVariants(cases.slice(0, 2), ['distractor', 'anchoring'], ['sex']);
    const s = await servers({ answer: (u) => faithful(u) });
    const r = await retellVariants(options(variants, [plan('distractor', s), plan('anchoring', s)], cache().cache));
    const probed = variants.filter((v) => v.condition === 'distractor' || v.condition === 'anchoring');
    assert.ok(
      probed.some((v) => v.counterfactual),
      'double-stress variants are retold too',
    );
    const originals = s.rewriter.log.map((l) => originalIn(l.userText)).sort();
    assert.deepEqual(originals, probed.map((v) => baseOf(variants, v).narrative).sort());
    for (const v of r.variants.filter((x) => x.condition === 'anchoring')) {
      assert.equal(v.provenance.retell?.accepted, true, v.id);
      assert.ok(v.narrative.startsWith(baseOf(variants, v).narrative), v.id);
    }
    assert.deepEqual(
      r.summaries.map((x) => [x.probe, x.accepted]),
      [
        ['distractor', probed.filter((v) => v.condition === 'distractor').length],
        ['anchoring', probed.filter((v) => v.condition === 'anchoring').length],
      ],
    );
  });

  it('makes zero HTTP requests over the same cache, closed and reopened, with the same results whatever the concurrency', async () => {
    const variants = ruleVariants(cases.slice(0, 3), ['distractor', 'lay_voice', 'emotional'], ['sex']);
    const s = await servers({ answer: (u) => (isRetry(u) ? faithful(u) : flipDenial(faithful(u))) });
    const plans = () => ['distractor', 'lay_voice', 'emotional'].map((p) => plan(p, s));
    const c = cache();
    const first = await retellVariants(options(variants, plans(), c.cache));
    const made = [s.rewriter.requests, s.judge.requests];
    assert.ok(made[0] > 0);
    const second = await retellVariants(options(variants, plans(), c.reopen(), { concurrency: 1 }));
    assert.deepEqual([s.rewriter.requests, s.judge.requests], made, 'no request on the second run');
    assert.deepEqual(second.variants, first.variants);
    assert.deepEqual(
      second.summaries.map((x) => ({ ...x, newCalls: 0 })),
      first.summaries.map((x) => ({ ...x, newCalls: 0 })),
    );
    assert.ok(second.summaries.every((x) => x.newCalls === 0));
    // Every attempt is in the cache, rejected ones with their verdict.
    const rows = [...c.cache.rows()];
    assert.equal(
      rows.length,
      first.summaries.reduce((a, x) => a + x.attempted + x.rejectedAttempts, 0),
    );
    assert.ok(rows.some((row) => row.rejections?.some((x) => x.reason === 'negation_flipped')));
  });

  it('loses only the retellings in flight when stopped: a resume asks for the rest alone', async () => {
    const variants = ruleVariants(cases.slice(0, 5), ['distractor']);
    const s = await servers({ answer: (u) => faithful(u) });
    const c = cache();
    const stop = new AbortController();
    const r = await retellVariants(
      options(variants, [plan('distractor', s)], c.cache, {
        signal: stop.signal,
        concurrency: 1,
        onProgress: (e) => {
          if (e.done === 2) stop.abort();
        },
      }),
    );
    assert.equal(r.interrupted, true);
    assert.equal(r.variants.filter((v) => v.provenance.retell).length, 2);
    assert.equal(s.rewriter.requests, 2);
    const resumed = await retellVariants(options(variants, [plan('distractor', s)], c.reopen()));
    assert.equal(s.rewriter.requests, 5, 'three more, none asked twice');
    assert.equal(resumed.summaries[0].accepted, 5);
    assert.equal(resumed.summaries[0].newCalls, 6);
  });

  it('estimates a dry run: one retelling and one verdict per variant, at four characters a token', () => {
    const variants = ruleVariants(cases.slice(0, 3), ['distractor', 'anchoring']);
    const price = { inputPerMTok: 1, outputPerMTok: 2 };
    const [d, a] = estimateRetelling(variants, [
      { probe: 'distractor', rewriter: { id: 'r', price }, judge: { id: 'j', price } },
      { probe: 'anchoring', rewriter: { id: 'r' }, judge: { id: 'j', price } },
    ]);
    const n = variants.filter((v) => v.condition === 'distractor').length;
    assert.deepEqual([d.variants, d.calls], [n, 2 * n]);
    const outChars = variants.filter((v) => v.condition === 'distractor').reduce((x, v) => x + v.narrative.length, 0);
    assert.equal(d.rewriterTokens.output, Math.ceil(outChars / 4));
    assert.ok(d.rewriterTokens.input > d.rewriterTokens.output / 2 && d.judgeTokens.input > d.rewriterTokens.input);
    assert.ok(d.cost! > 0);
    assert.equal(a.cost, null, 'no price for the rewriter, no cost');
  });
});
