import { estimateTokens } from '../../run/plan.js';
import { variantId, type Variant } from '../types.js';
import { judgeMessages } from './judge.js';
import { retellMessages } from './prompt.js';
import { retellInstruction } from './styles.js';

/** Output tokens of one verdict: the JSON, usually with empty lists. */
const EXPECTED_JUDGE_OUTPUT_TOKENS = 30;

interface Priced {
  id: string;
  price?: { inputPerMTok: number; outputPerMTok: number };
}

/** What `--dry-run` needs of a plan: a ModelConfig fits, so no provider is created to estimate. */
export interface RetellPlanOutline {
  probe: string;
  rewriter: Priced;
  judge: Priced;
}

export interface RetellEstimate {
  probe: string;
  rewriter: string;
  judge: string;
  /** Variants to retell. */
  variants: number;
  /** One retelling and one verdict per variant: the first attempt only. */
  calls: number;
  rewriterTokens: { input: number; output: number };
  judgeTokens: { input: number; output: number };
  /** US$, when both models give a price; null otherwise. */
  cost: number | null;
}

/**
 * Calls and tokens the retelling would cost if every first attempt were
 * accepted (a rejection adds a retelling and perhaps a verdict), at four
 * characters a token. The rule-based narrative stands in for the retelling.
 */
export function estimateRetelling(variants: readonly Variant[], plans: readonly RetellPlanOutline[]): RetellEstimate[] {
  const byId = new Map(variants.map((v) => [v.id, v]));
  return plans.map((p) => {
    let n = 0;
    const chars = { rewriterIn: 0, rewriterOut: 0, judgeIn: 0 };
    for (const v of variants) {
      if (v.condition !== p.probe) continue;
      const base = byId.get(variantId(v.caseId, 'clean', v.counterfactual));
      if (!base) continue;
      n++;
      chars.rewriterIn += length(retellMessages(retellInstruction(v), base.narrative));
      chars.rewriterOut += v.narrative.length;
      chars.judgeIn += length(judgeMessages(p.probe, base.narrative, v.narrative));
    }
    const rewriterTokens = { input: estimateTokens(chars.rewriterIn), output: estimateTokens(chars.rewriterOut) };
    const judgeTokens = { input: estimateTokens(chars.judgeIn), output: n * EXPECTED_JUDGE_OUTPUT_TOKENS };
    const rp = p.rewriter.price;
    const jp = p.judge.price;
    const cost =
      rp && jp
        ? (rewriterTokens.input * rp.inputPerMTok +
            rewriterTokens.output * rp.outputPerMTok +
            judgeTokens.input * jp.inputPerMTok +
            judgeTokens.output * jp.outputPerMTok) /
          1e6
        : null;
    return { probe: p.probe, rewriter: p.rewriter.id, judge: p.judge.id, variants: n, calls: 2 * n, rewriterTokens, judgeTokens, cost };
  });
}

const length = (messages: { content: string }[]) => messages.reduce((a, m) => a + m.content.length, 0);
