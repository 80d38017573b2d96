import { controlKnowledge } from '../audit/controls.js';
import { modelRuntime } from '../audit/runtimes.js';
import { inputError } from '../errors.js';
import type { ChatMessage } from '../models/types.js';
import { buildMessages, DEFAULT_SYSTEM } from '../prompt/build.js';
import { CircuitBreaker } from '../run/call-with-retries.js';
import type { ModelRuntime } from '../run/execute.js';
import { ModelPace } from '../run/model-pace.js';
import type { SharedStore } from '../store/shared.js';
import type { RunMeta } from '../store/types.js';
import type { Variant } from '../variants/types.js';

/** A model of a run, as one worker calls it: its provider, and the breaker and pace this worker keeps for it. */
export interface WorkerModel {
  rt: ModelRuntime;
  breaker: CircuitBreaker;
  pace: ModelPace;
}

/** What a worker needs of a run to answer its jobs: read once from the shared store, then kept. */
export interface RunContext {
  meta: RunMeta;
  variant(id: string): Variant;
  messages(v: Variant): ChatMessage[];
  model(id: string): WorkerModel;
  close(): Promise<void>;
}

export async function loadRunContext(store: SharedStore, runId: string, env: NodeJS.ProcessEnv): Promise<RunContext> {
  const meta = await store.readRun(runId);
  if (!meta) throw inputError('E_RUN_UNKNOWN', `the shared store has no run ${runId.slice(0, 12)}…; a job names a run that was never written`);
  const [cases, variants] = await Promise.all([store.cases(runId), store.variants(runId)]);
  const byId = new Map(variants.map((v) => [v.id, v]));
  const knowledge = controlKnowledge(cases, variants);
  const config = meta.config;
  const prompt = { system: config.prompt.system ?? DEFAULT_SYSTEM, style: config.prompt.style };
  const models = new Map<string, WorkerModel>();
  return {
    meta,
    variant: (id) => {
      const v = byId.get(id);
      if (!v) throw inputError('E_RUN_UNKNOWN', `run ${runId.slice(0, 12)}… has no variant "${id}"`);
      return v;
    },
    messages: (v) => buildMessages(v, prompt),
    model: (id) => {
      let m = models.get(id);
      if (m) return m;
      const i = config.models.findIndex((x) => x.id === id);
      if (i < 0) throw inputError('E_RUN_UNKNOWN', `run ${runId.slice(0, 12)}… has no model "${id}"`);
      const mc = config.models[i];
      if (mc.headers && Object.values(mc.headers).includes('[redacted]'))
        throw inputError('E_USAGE', `model "${id}" sends headers, which the run stores redacted; a worker cannot send them yet`);
      const rt = modelRuntime(mc, i, config, env, knowledge);
      m = { rt, breaker: new CircuitBreaker(), pace: new ModelPace(rt.rateLimit) };
      models.set(id, m);
      return m;
    },
    close: async () => {
      await Promise.all([...models.values()].map((m) => m.rt.provider.close?.()));
    },
  };
}
