import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { ModelConfig } from '../config/schema.js';
import type { RunMeta } from '../store/types.js';
import { inspectModel, SCORER, usageOf } from './inspect-sample.js';

/** What one pass over a model's calls tells the log's header. */
export interface ModelTally {
  samples: number;
  /** Calls with a reply (scored). */
  answered: number;
  correct: number;
  failed: number;
  inputTokens: number;
  outputTokens: number;
  /** The latest call's finishing time. */
  lastFinished: string;
  /** Per condition group (`_cf` appended for counterfactual variants): [answered, correct]. */
  byGroup: Map<string, [number, number]>;
}

export const emptyTally = (createdAt: string): ModelTally => ({
  samples: 0,
  answered: 0,
  correct: 0,
  failed: 0,
  inputTokens: 0,
  outputTokens: 0,
  lastFinished: createdAt,
  byGroup: new Map(),
});

const slug = (id: string) => id.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60);

/** Stable for a run and model: the store's fingerprint with the model's id. */
export function taskId(meta: RunMeta, m: ModelConfig): string {
  return `${slug(m.id)}-${createHash('sha256').update(`${meta.fingerprint}\u0000${m.id}`).digest('hex').slice(0, 12)}`;
}

/** inspect's file naming, `<created>_<task>_<id>.json`, with the created time in its `2024-05-29T12-38-43+00-00` form. */
export function logFileName(meta: RunMeta, m: ModelConfig): string {
  const d = new Date(meta.createdAt);
  const stamp = Number.isNaN(d.getTime()) ? 'undated' : `${d.toISOString().slice(0, 19).replace(/:/g, '-')}+00-00`;
  return `${stamp}_masld_${taskId(meta, m)}.json`;
}

const metric = (name: string, value: number) => ({ name, value, options: {}, metadata: null });

/**
 * The log's header: every EvalLog key before `samples`, in inspect's own
 * order (its header reader stops at `samples`). Accuracy is over every
 * answered variant; masld's indices stay in results.json.
 */
export function inspectHeader(meta: RunMeta, m: ModelConfig, control: boolean, t: ModelTally): Record<string, unknown> {
  const model = inspectModel(m);
  const cfg = meta.config;
  const metrics: Record<string, ReturnType<typeof metric>> = {};
  if (t.answered) metrics.accuracy = metric('accuracy', t.correct / t.answered);
  for (const [group, [n, c]] of t.byGroup) if (n) metrics[`accuracy_${group}`] = metric(`accuracy_${group}`, c / n);
  const nulls = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, null]));
  const generate = {
    ...nulls(['max_retries', 'timeout', 'max_connections', 'system_message', 'max_tokens', 'top_p', 'temperature', 'stop_seqs', 'best_of']),
    ...nulls(['frequency_penalty', 'presence_penalty', 'logit_bias', 'seed', 'suffix', 'top_k', 'num_choices', 'logprobs', 'top_logprobs']),
    ...nulls(['parallel_tool_calls', 'max_tool_output', 'cache_prompt']),
    max_retries: m.retries ?? cfg.retries,
    timeout: Math.round((m.timeoutMs ?? cfg.timeoutMs) / 1000),
    system_message: cfg.prompt.system ?? null,
    max_tokens: m.maxTokens ?? null,
    temperature: m.temperature,
  };
  const evalConfig = {
    ...nulls(['limit', 'epochs', 'epochs_reducer', 'trace', 'approval', 'fail_on_error', 'message_limit', 'token_limit', 'time_limit', 'max_samples']),
    ...nulls(['max_tasks', 'max_subprocesses', 'sandbox_cleanup', 'log_samples', 'log_images', 'log_buffer']),
    limit: cfg.cases.limit ?? null,
    epochs: 1,
    log_samples: true,
  };
  return {
    version: 2,
    status: t.failed ? 'error' : 'success',
    eval: {
      run_id: meta.fingerprint.slice(0, 22),
      created: meta.createdAt,
      task: 'masld',
      task_id: taskId(meta, m),
      task_version: 0,
      task_file: null,
      task_attribs: {},
      task_args: {},
      solver: null,
      solver_args: null,
      tags: ['masld', control ? 'control' : 'model'],
      dataset: {
        name: meta.cases.source === 'builtin' ? `masld-bank${meta.cases.bank ? `-${meta.cases.bank}` : ''}` : basename(meta.cases.source),
        location: meta.cases.source,
        samples: t.samples,
        sample_ids: null,
        shuffled: false,
      },
      sandbox: null,
      model,
      model_base_url: m.baseUrl ?? null,
      model_args: {},
      config: evalConfig,
      revision: null,
      packages: { 'ai-masld': meta.toolVersion },
      metadata: {
        masld: {
          model_id: m.id,
          provider: m.provider,
          model: m.model,
          control,
          fingerprint: meta.fingerprint,
          cases: meta.cases,
          seed: cfg.seed,
          probes: cfg.probes,
          counterfactuals: cfg.counterfactuals,
          variant_set_sha256: meta.variantSet?.sha256 ?? null,
        },
      },
    },
    plan: {
      name: 'plan',
      steps: [
        { solver: 'masld_prompt', params: { style: cfg.prompt.style } },
        { solver: 'generate', params: {} },
      ],
      finish: null,
      config: generate,
    },
    results: {
      total_samples: t.samples,
      completed_samples: t.answered,
      scores: [{ name: SCORER, scorer: SCORER, reducer: null, params: {}, metrics, metadata: null }],
      metadata: { note: 'accuracy over every answered variant of each condition; MI, PFR, CFI and the phenotype are in results.json (masld report DIR)' },
    },
    stats: { started_at: meta.createdAt, completed_at: t.lastFinished, model_usage: { [model]: usageOf(t.inputTokens, t.outputTokens) } },
    error: t.failed ? { message: `${t.failed} call(s) failed after every retry; re-run the audit to retry them`, traceback: '', traceback_ansi: '' } : null,
  };
}
