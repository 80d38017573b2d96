import type { ScoredCall } from '../scoring/score.js';
import type { CallRecord } from '../store/types.js';
import { conditionGroup } from '../variants/types.js';
import type { LadderPoint } from './ladder.js';
import { runBootstrapJobs } from './bootstrap-pool.js';
import { ModelAccumulator, type MetricsContext, type ModelAnalysis } from './model-metrics.js';
import { MODEL_STATISTICS } from './model-statistics.js';

export interface CallUsage {
  total: number;
  ok: number;
  /** Answered calls whose reply named no option. */
  invalid: number;
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  /** Answered calls and their tokens per condition group, then per mode (live, batch). */
  cells: Record<string, Record<string, TokenCount>>;
}

export interface TokenCount {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export interface ModelTally {
  analysis: ModelAnalysis;
  usage: CallUsage;
  /** Letter probabilities per prompt, kept only for quantization-ladder members. */
  ladder: LadderPoint[];
}

const emptyUsage = (): CallUsage => ({ total: 0, ok: 0, invalid: 0, attempts: 0, inputTokens: 0, outputTokens: 0, cells: {} });

interface Running {
  acc: ModelAccumulator;
  usage: CallUsage;
  ladder: LadderPoint[] | null;
}

/**
 * Everything results.json needs, taken from a stream of stored calls one at a
 * time. Only per-case answers are kept (and letter probabilities for ladder
 * members), never the replies, so memory does not grow with reply length.
 */
export class RunTally {
  private readonly models = new Map<string, Running>();
  constructor(
    private readonly ctx: MetricsContext,
    private readonly ladderMembers: ReadonlySet<string> = new Set(),
  ) {}

  /** `condition`: the call's condition group, for usage per condition (the scored call's when omitted). */
  add(call: CallRecord, scored: ScoredCall | null, condition = scored ? conditionGroup(scored.condition) : 'unknown'): void {
    let m = this.models.get(call.modelId);
    if (!m) {
      m = { acc: new ModelAccumulator(this.ctx.keyFacts), usage: emptyUsage(), ladder: this.ladderMembers.has(call.modelId) ? [] : null };
      this.models.set(call.modelId, m);
    }
    const u = m.usage;
    u.total++;
    u.attempts += call.attempts;
    if (call.status === 'ok') {
      u.ok++;
      u.inputTokens += call.inputTokens ?? 0;
      u.outputTokens += call.outputTokens ?? 0;
      const byMode = (u.cells[condition] ??= {});
      const cell = (byMode[call.mode ?? 'live'] ??= { calls: 0, inputTokens: 0, outputTokens: 0 });
      cell.calls++;
      cell.inputTokens += call.inputTokens ?? 0;
      cell.outputTokens += call.outputTokens ?? 0;
    }
    if (!scored) return;
    if (scored.letter === null) u.invalid++;
    m.acc.add(scored);
    m.ladder?.push({
      variantId: scored.variantId,
      caseId: scored.caseId,
      condition: scored.condition,
      counterfactual: scored.counterfactual,
      probs: scored.probs,
      answerText: scored.answerText,
    });
  }

  /** A model's running per-case answers (for paired comparisons across runs). */
  accumulator(modelId: string): ModelAccumulator | undefined {
    return this.models.get(modelId)?.acc;
  }

  /** A model's clean answer to a case, for the report's flip outcomes. */
  clean(modelId: string, caseId: string): { text: string | null; correct: boolean } | undefined {
    return this.models.get(modelId)?.acc.clean(caseId);
  }

  /**
   * Bootstraps and summarises each model (models with no stored call get an
   * empty tally). The bootstraps run in parallel on worker threads.
   */
  async finish(modelIds: readonly string[], threads?: number): Promise<Map<string, ModelTally>> {
    const models = modelIds.map((id) => this.models.get(id) ?? { acc: new ModelAccumulator(this.ctx.keyFacts), usage: emptyUsage(), ladder: [] });
    const prepared = models.map((m) => m.acc.prepare(this.ctx));
    const replicates = await runBootstrapJobs(
      prepared.map((p) => p.job),
      MODEL_STATISTICS,
      threads,
    );
    const out = new Map<string, ModelTally>();
    modelIds.forEach((id, i) => {
      const m = models[i];
      out.set(id, { analysis: m.acc.complete(prepared[i], replicates[i], this.ctx), usage: m.usage, ladder: m.ladder ?? [] });
    });
    return out;
  }
}
