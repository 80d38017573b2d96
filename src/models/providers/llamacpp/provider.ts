import { availableParallelism } from 'node:os';
import type { LlamaCppModelConfig } from '../llamacpp.js';
import type { ChatRequest, ChatResponse, Provider } from '../../types.js';
import { fileSha256, resolveModelFile } from './resolve-file.js';
import { getRuntime, nodeLlamaCpp } from './runtime.js';
import { SequencePool } from './sequences.js';

type Lib = typeof import('node-llama-cpp');
type LlamaModel = Awaited<ReturnType<Awaited<ReturnType<Lib['getLlama']>>['loadModel']>>;

/** One load per distinct file, shared by every model entry that names it. */
const models = new Map<string, Promise<LlamaModel>>();

interface Loaded {
  lib: Lib;
  path: string;
  model: LlamaModel;
  context: Awaited<ReturnType<LlamaModel['createContext']>>;
  pool: SequencePool<ReturnType<Awaited<ReturnType<LlamaModel['createContext']>>['getSequence']>>;
}

/**
 * A local GGUF model through llama.cpp. `logprob` scoring applies the chat
 * template, then reads each option letter's probability as the next token
 * after `{"answer": "` in one forward pass; `generate` writes a reply,
 * optionally constrained by a JSON-schema grammar. Up to `sequences` calls are
 * decoded together in one batch, and each reuses the prompt prefix already in
 * its sequence's KV cache (`reusePrefix`, default on; see sequences.ts).
 */
export function llamaCppProvider(m: LlamaCppModelConfig, env: NodeJS.ProcessEnv): Provider {
  const threads = m.threads ?? availableParallelism();
  const sequences = m.sequences ?? 1;
  const scoring = m.scoring ?? 'logprob';
  let loaded: Promise<Loaded> | undefined;

  const load = () =>
    (loaded ??= (async () => {
      const lib = await nodeLlamaCpp();
      const llama = await getRuntime();
      const path = await resolveModelFile(m.model, { env, sha256: m.sha256, field: `models[id=${m.id}].model` });
      let modelP = models.get(path);
      if (!modelP) models.set(path, (modelP = llama.loadModel({ modelPath: path })));
      const model = await modelP;
      const contextSize = Math.min(m.contextSize ?? 4096, model.trainContextSize);
      // Unset stays unset: node-llama-cpp's own default (see llamacpp.ts), so existing runs do not move.
      const context = await model.createContext({
        contextSize,
        threads,
        sequences,
        ...(m.flashAttention !== undefined && { flashAttention: m.flashAttention }),
      });
      // Recurrent states cannot be cut back to a prefix, and sliding-window caches drop early cells.
      const reuse = (m.reusePrefix ?? true) && !model.fileInsights.isRecurrent && !model.fileInsights.swaSize;
      const pool = new SequencePool(
        Array.from({ length: sequences }, () => context.getSequence()),
        reuse,
      );
      return { lib, path, model, context, pool } as Loaded;
    })());

  return {
    id: m.id,
    maxConcurrency: sequences,
    async complete(req: ChatRequest): Promise<ChatResponse> {
      const l = await load();
      const wrapper = l.lib.resolveChatWrapper(l.model);
      const system = req.messages
        .filter((x) => x.role === 'system')
        .map((x) => x.content)
        .join('\n\n');
      const user = req.messages
        .filter((x) => x.role === 'user')
        .map((x) => x.content)
        .join('\n\n');
      const history = [...(system ? [{ type: 'system' as const, text: system }] : []), { type: 'user' as const, text: user }];
      if (scoring === 'logprob') {
        const letters = req.choices?.length ? req.choices : ['A', 'B', 'C', 'D'];
        const { contextText } = wrapper.generateContextState({ chatHistory: [...history, { type: 'model', response: [] }] });
        const prefixText = l.lib.LlamaText([contextText, '{"answer": "']);
        const base = prefixText.tokenize(l.model.tokenizer);
        // The token each letter becomes in this exact position.
        const letterToken = letters.map((letter) => l.lib.LlamaText([contextText, `{"answer": "${letter}`]).tokenize(l.model.tokenizer)[base.length]);
        const probs = await l.pool.with(base, async (seq, kept) => {
          const last = base.length - 1 - kept;
          const out = await seq.controlledEvaluate(base.slice(kept).map((t, i) => (i === last ? [t, { generateNext: { probabilities: true } }] : t)));
          return out[last]?.next?.probabilities;
        });
        const raw = letters.map((_, i) => probs?.get(letterToken[i]) ?? 0);
        const mass = raw.reduce((a, b) => a + b, 0);
        const letterProbs = Object.fromEntries(letters.map((letter, i) => [letter, mass > 0 ? raw[i] / mass : 1 / letters.length]));
        const best = letters.reduce((a, b, i) => (raw[i] > raw[letters.indexOf(a)] ? b : a), letters[0]);
        return {
          text: JSON.stringify({ answer: best, key_findings: [] }),
          inputTokens: base.length,
          outputTokens: 1,
          finishReason: 'logprob',
          truncated: false,
          letterProbs,
        };
      }
      const grammar =
        m.grammar === false
          ? undefined
          : await (await getRuntime()).createGrammarForJsonSchema({
              type: 'object',
              properties: {
                answer: { enum: req.choices?.length ? req.choices : ['A', 'B', 'C', 'D'] },
                key_findings: { type: 'array', items: { type: 'string' } },
              },
            });
      // LlamaChat evaluates only what differs from the sequence's state, so the prefix the pool kept is reused.
      const prompt = wrapper.generateContextState({ chatHistory: [...history, { type: 'model', response: [] }] }).contextText.tokenize(l.model.tokenizer);
      return l.pool.with(prompt, async (seq) => {
        const chat = new l.lib.LlamaChat({ contextSequence: seq, chatWrapper: wrapper, autoDisposeSequence: false });
        try {
          const res = await chat.generateResponse([...history, { type: 'model', response: [] }], {
            maxTokens: req.maxTokens,
            temperature: req.temperature,
            grammar,
            signal: req.signal,
          });
          return {
            text: res.response,
            inputTokens: null,
            outputTokens: null,
            finishReason: res.metadata.stopReason,
            truncated: res.metadata.stopReason === 'maxTokens',
          };
        } finally {
          chat.dispose({ disposeSequence: false });
        }
      });
    },
    async describe() {
      const l = await load();
      const md = l.model.fileInfo.metadata as { general?: { name?: string; file_type?: number } };
      const fileType = md.general?.file_type;
      const parameters = l.model.fileInfo.fullTensorInfo?.reduce((a, t) => a + t.dimensions.reduce((x: number, d) => x * Number(d), 1), 0) ?? null;
      return {
        file: l.path,
        sha256: await fileSha256(l.path),
        quantization: fileType !== undefined ? (l.lib.GgufFileType[fileType] ?? String(fileType)) : majorityTensorType(l),
        parameters,
        contextSize: l.context.contextSize,
        trainContextSize: l.model.trainContextSize,
        threads,
        sequences,
        // What node-llama-cpp handed llama.cpp: auto, or forced on/off (off rounds differently).
        flashAttention: l.context.flashAttention,
        scoring,
        family: m.family ?? md.general?.name ?? null,
      };
    },
    async close() {
      // Shared models stay loaded for other entries; only this entry's context goes.
      if (!loaded) return;
      const l = await loaded;
      await l.context.dispose();
    },
  };
}

/** Files without general.file_type (older F32 exports): the most common tensor type by weight count. */
function majorityTensorType(l: Loaded): string | null {
  const counts = new Map<string, number>();
  for (const t of l.model.fileInfo.fullTensorInfo ?? []) {
    const name = l.lib.GgmlType[t.ggmlType] ?? String(t.ggmlType);
    counts.set(name, (counts.get(name) ?? 0) + t.dimensions.reduce((x: number, d) => x * Number(d), 1));
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return top ? top[0] : null;
}
