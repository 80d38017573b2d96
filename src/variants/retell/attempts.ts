import type { Case } from '../../cases/types.js';
import type { ChatMessage, ChatResponse } from '../../models/types.js';
import type { CallOutcome } from '../../run/call-with-retries.js';
import { sha256, stableStringify } from '../../util/hash.js';
import type { Variant } from '../types.js';
import { retellKey, type CachedReply, type RetellCache } from './cache.js';
import { judgeInstruction, judgeMessages, JUDGE_SYSTEM, judgeRejections, readJudgeReply } from './judge.js';
import { retellMessages } from './prompt.js';
import { anchorTarget, decisiveFinding, RETELL_PROMPT_VERSION, RETELL_SYSTEM, retellInstruction } from './styles.js';
import type { Rejection, RetellModel, RetellPlan, Usage } from './types.js';
import { verifyRetelling } from './verify.js';

/**
 * One variant's attempts: retell, check, judge, up to k + 1 times, each reply
 * read from the cache when it answered the very same prompt, else asked for
 * and committed before it is used.
 */

/** One rule-based variant to retell, with the narrative it was made from. */
export interface Job {
  plan: RetellPlan;
  variant: Variant;
  base: Variant;
  case: Case;
}

export interface Outcome {
  /** `failed`: a call failed after its retries, or its model's circuit was open. */
  status: 'accepted' | 'fallback' | 'failed';
  /** The accepted retelling. */
  narrative: string | null;
  attempts: number;
  /** Rejections of each rejected attempt, in order. */
  reasons: Rejection[][];
  /** Every reply behind the outcome, cached ones included. */
  usage: Usage;
  /** Calls made now. */
  newCalls: number;
}

/** A model call through the audit's path: 'skipped' when the model's circuit is open, null when interrupted. */
export type Caller = (m: RetellModel, messages: ChatMessage[]) => Promise<CallOutcome | 'skipped' | null>;

/** The cache key of a job: who retells and judges which variant from which text, asked how. */
export function jobKey(
  plan: Pick<RetellPlan, 'probe'> & { rewriter: { identity: string }; judge: { identity: string } },
  variant: Variant,
  base: Variant,
): string {
  return retellKey({
    rewriter: plan.rewriter.identity,
    judge: plan.judge.identity,
    probe: plan.probe,
    variantId: variant.id,
    original: base.narrative,
    instruction: [`v${RETELL_PROMPT_VERSION}`, RETELL_SYSTEM, retellInstruction(variant), JUDGE_SYSTEM, judgeInstruction(plan.probe)].join('\n'),
  });
}

const shaOf = (messages: ChatMessage[]) => sha256(stableStringify(messages));

function asReply(promptSha: string, r: ChatResponse): CachedReply {
  return { promptSha, text: r.text, truncated: r.truncated, finishReason: r.finishReason, inputTokens: r.inputTokens, outputTokens: r.outputTokens };
}

export async function retellOne(job: Job, cache: RetellCache, call: Caller): Promise<Outcome | null> {
  const { plan, variant, base } = job;
  const key = jobKey(plan, variant, base);
  const who = { rewriter: plan.rewriter.identity, judge: plan.judge.identity, probe: plan.probe, variantId: variant.id };
  const instruction = retellInstruction(variant);
  const target = plan.probe === 'anchoring' ? anchorTarget(variant) : undefined;
  const decisive = plan.probe === 'buried_lead' ? decisiveFinding(variant) : undefined;
  const usage: Usage = { calls: 0, inputTokens: 0, outputTokens: 0 };
  const reasons: Rejection[][] = [];
  let newCalls = 0;
  const use = (r: CachedReply) => {
    usage.calls++;
    usage.inputTokens += r.inputTokens ?? 0;
    usage.outputTokens += r.outputTokens ?? 0;
  };
  const end = (status: Outcome['status'], narrative: string | null, attempts: number): Outcome => ({ status, narrative, attempts, reasons, usage, newCalls });
  /** The cached reply to this very prompt, else one asked for and committed before it is used; null when interrupted. */
  const reply = async (
    model: RetellModel,
    messages: ChatMessage[],
    promptSha: string,
    cached: CachedReply | undefined,
    save: (r: CachedReply) => void,
  ): Promise<CachedReply | 'failed' | null> => {
    let r = cached;
    if (!r) {
      const out = await call(model, messages);
      if (out === null) return null;
      if (out === 'skipped' || out.status === 'failed') return 'failed';
      r = asReply(promptSha, out.response);
      newCalls++;
      save(r);
    }
    use(r);
    return r;
  };

  for (let n = 0; n <= plan.retries; n++) {
    const messages = retellMessages(instruction, base.narrative, reasons[n - 1]);
    const promptSha = shaOf(messages);
    const cached = cache.attempt(key, n);
    // A cached reply answered this very prompt, or it is not this attempt's.
    const hit = cached && cached.retelling.promptSha === promptSha ? cached : undefined;
    const retelling = await reply(plan.rewriter, messages, promptSha, hit?.retelling, (r) => cache.saveRetelling(key, n, who, r));
    if (retelling === null) return null;
    if (retelling === 'failed') return end('failed', null, n + 1);
    const retold = retelling.text.trim();
    let rejections = verifyRetelling({
      probe: plan.probe,
      original: base.narrative,
      retold,
      truncated: retelling.truncated,
      case: job.case,
      question: variant.question,
      options: variant.options,
      anchorTarget: target,
      decisive,
    });
    if (!rejections.length) {
      const jm = judgeMessages(plan.probe, base.narrative, retold);
      const jSha = shaOf(jm);
      const judged = await reply(plan.judge, jm, jSha, hit?.judge?.promptSha === jSha ? hit.judge : undefined, (r) => cache.saveJudge(key, n, r));
      if (judged === null) return null;
      if (judged === 'failed') return end('failed', null, n + 1);
      rejections = judgeRejections(readJudgeReply(judged.text));
    }
    // The checks are recomputed each run; the stored verdict follows them.
    if (!hit || stableStringify(hit.rejections) !== stableStringify(rejections)) cache.saveVerdict(key, n, rejections);
    if (!rejections.length) return end('accepted', retold, n + 1);
    reasons.push(rejections);
  }
  return end('fallback', null, plan.retries + 1);
}
