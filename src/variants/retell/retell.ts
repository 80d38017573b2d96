import pLimit from 'p-limit';
import { setMaxListeners } from 'node:events';
import type { Case } from '../../cases/types.js';
import type { ChatMessage } from '../../models/types.js';
import { callWithRetries, CircuitBreaker, type ProgressEvent } from '../../run/call-with-retries.js';
import { ModelPace } from '../../run/model-pace.js';
import { estimateTokens } from '../../run/plan.js';
import { variantId, type Variant } from '../types.js';
import { retellOne, type Caller, type Job, type Outcome } from './attempts.js';
import type { RetellCache } from './cache.js';
import { canRetell } from './styles.js';
import type { RetellModel, RetellPlan, RetellSummary } from './types.js';

export interface RetellOptions {
  /** The rule-based variants, as built (each probe variant's clean base among them). */
  variants: readonly Variant[];
  cases: readonly Case[];
  /** One per probe to retell; other probes' variants pass through unchanged. */
  plans: readonly RetellPlan[];
  cache: RetellCache;
  /** Aborting stops new calls; what finished is in the cache, the rest is asked again next run. */
  signal: AbortSignal;
  /** Variants being retold at once, all probes together (each model's own limit applies too). */
  concurrency: number;
  /** First backoff delay of a failed call, as the audit's. */
  retryDelayMs: number;
  /** Consecutive failed calls after which a model is treated as down, as the audit's. */
  breakerThreshold?: number;
  /** One event per variant finished; `modelId` is the rewriter's. */
  onProgress?: (e: ProgressEvent) => void;
}

export interface RetellResult {
  /** The variants in the order given: retold narratives where accepted, the rule-based ones otherwise. */
  variants: Variant[];
  /** One per plan, in plan order. */
  summaries: RetellSummary[];
  /** Some variants were not finished: they are the rule-based ones here, and are asked again next run. */
  interrupted: boolean;
  /** Models whose circuit opened: their remaining calls were not made. */
  openCircuits: string[];
}

const chars = (messages: ChatMessage[]) => messages.reduce((n, m) => n + m.content.length, 0);

/**
 * Retells each planned probe's variants with its rewriter: the probe's input
 * (the clean narrative of the same case and counterfactual) told in the
 * probe's style, checked deterministically and then by the judge, up to k + 1
 * attempts; all rejected, the rule-based variant stays. Only the narrative is
 * replaced: question, options and answer are the rule-based variant's.
 */
export async function retellVariants(o: RetellOptions): Promise<RetellResult> {
  setMaxListeners(0, o.signal);
  const jobs = planJobs(o);
  const global = pLimit(Math.max(1, o.concurrency));
  const models = new Map<string, { limit: ReturnType<typeof pLimit>; breaker: CircuitBreaker; pace: ModelPace }>();
  for (const p of o.plans)
    for (const m of [p.rewriter, p.judge]) {
      if (!models.has(m.id))
        models.set(m.id, {
          limit: pLimit(Math.max(1, m.concurrency)),
          breaker: new CircuitBreaker(o.breakerThreshold ?? 20),
          pace: new ModelPace(m.rateLimit),
        });
    }
  const openCircuits: string[] = [];
  const done = new Map<string, number>();
  const failed = new Map<string, number>();

  /** One call through the audit's path; 'skipped' when the model's circuit is open, null when interrupted. */
  const call: Caller = async (m: RetellModel, messages: ChatMessage[]) => {
    const state = models.get(m.id)!;
    return state.limit(async () => {
      if (o.signal.aborted) return null;
      if (state.breaker.open) return 'skipped';
      const out = await callWithRetries(
        m.provider,
        { messages, temperature: m.temperature, maxTokens: m.maxTokens },
        // Paced like an audited model; a retelling's reply is estimated at its cap.
        {
          retries: m.retries,
          retryDelayMs: o.retryDelayMs,
          signal: o.signal,
          pace: { gate: state.pace, tokens: estimateTokens(chars(messages)) + m.maxTokens },
        },
      );
      if (out && state.breaker.record(out.status === 'failed')) openCircuits.push(m.id);
      return out;
    });
  };

  const outcomes = await Promise.all(
    jobs.map((job) =>
      global(async () => {
        if (o.signal.aborted) return null;
        const out = await retellOne(job, o.cache, call);
        if (!out) return null;
        const probe = job.plan.probe;
        done.set(probe, (done.get(probe) ?? 0) + 1);
        if (out.status === 'failed') failed.set(probe, (failed.get(probe) ?? 0) + 1);
        o.onProgress?.({ done: sum(done), total: jobs.length, failed: sum(failed), modelId: job.plan.rewriter.id });
        return out;
      }),
    ),
  );

  const replaced = new Map<string, Variant>();
  const summaries = new Map(o.plans.map((p) => [p.probe, emptySummary(p)]));
  jobs.forEach((job, i) => {
    const out = outcomes[i];
    if (!out) return;
    replaced.set(job.variant.id, retoldVariant(job, out));
    count(summaries.get(job.plan.probe)!, out);
  });
  return {
    variants: o.variants.map((v) => replaced.get(v.id) ?? v),
    summaries: [...summaries.values()],
    interrupted: o.signal.aborted || outcomes.some((x) => x === null),
    openCircuits,
  };
}

/** The variants to retell, each with its base and case, in variant order. */
function planJobs(o: RetellOptions): Job[] {
  const plans = new Map<string, RetellPlan>();
  for (const p of o.plans) {
    if (!canRetell(p.probe)) throw new Error(`probe "${p.probe}" cannot be retold`);
    if (plans.has(p.probe)) throw new Error(`two retelling plans for probe "${p.probe}"`);
    plans.set(p.probe, p);
  }
  const byId = new Map(o.variants.map((v) => [v.id, v]));
  const cases = new Map(o.cases.map((c) => [c.id, c]));
  const jobs: Job[] = [];
  for (const v of o.variants) {
    const plan = plans.get(v.condition);
    if (!plan) continue;
    const baseId = variantId(v.caseId, 'clean', v.counterfactual);
    const base = byId.get(baseId);
    if (!base) throw new Error(`variant ${v.id}: its base ${baseId} is not among the variants`);
    const c = cases.get(v.caseId);
    if (!c) throw new Error(`variant ${v.id}: no case "${v.caseId}" among the cases given`);
    jobs.push({ plan, variant: v, base, case: c });
  }
  return jobs;
}

function retoldVariant(job: Job, out: Outcome): Variant {
  const v = job.variant;
  const retell: NonNullable<Variant['provenance']['retell']> = {
    rewriter: job.plan.rewriter.id,
    judge: job.plan.judge.id,
    attempts: out.attempts,
    accepted: out.status === 'accepted',
    reasons: out.reasons.map((rs) => rs.map((r) => r.reason)),
    usage: { ...out.usage },
    ...(out.status === 'failed' ? { failed: true as const } : {}),
  };
  return { ...v, narrative: out.narrative ?? v.narrative, provenance: { ...v.provenance, retell } };
}

function emptySummary(p: RetellPlan): RetellSummary {
  return {
    probe: p.probe,
    rewriter: p.rewriter.id,
    judge: p.judge.id,
    attempted: 0,
    accepted: 0,
    fallbacks: 0,
    failed: 0,
    rejectedAttempts: 0,
    rejected: {},
    calls: 0,
    newCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
  };
}

function count(s: RetellSummary, out: Outcome): void {
  s.attempted++;
  if (out.status === 'accepted') s.accepted++;
  else if (out.status === 'fallback') s.fallbacks++;
  else s.failed++;
  s.rejectedAttempts += out.reasons.length;
  for (const rs of out.reasons) for (const reason of new Set(rs.map((r) => r.reason))) s.rejected[reason] = (s.rejected[reason] ?? 0) + 1;
  s.calls += out.usage.calls;
  s.newCalls += out.newCalls;
  s.inputTokens += out.usage.inputTokens;
  s.outputTokens += out.usage.outputTokens;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
