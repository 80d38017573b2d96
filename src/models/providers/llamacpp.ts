import { z } from 'zod';
import type { ProviderDefinition, ProviderModel } from '../provider-definition.js';
import { llamaCppProvider } from './llamacpp/provider.js';

/** The keys only llamacpp models take. */
const LLAMACPP_OPTIONS = {
  /** CPU threads (default: the machine's cores; always passed to llama.cpp explicitly). */
  threads: z.number().int().positive().max(256).optional(),
  /** Context window in tokens. */
  contextSize: z.number().int().min(256).max(1_048_576).optional(),
  /** `logprob` reads the option letters' probabilities in one forward pass; `generate` writes a reply. */
  scoring: z.enum(['logprob', 'generate']).optional(),
  /** The same weights at other quantizations share a family (a quantization ladder). */
  family: z.string().min(1).optional(),
  /** Parallel sequences in the model's context (its concurrency); calls in flight are decoded in one batch. */
  sequences: z.number().int().min(1).max(64).optional(),
  /** Keep each sequence's KV cache between calls and evaluate only what differs from the cached prompt (default true). */
  reusePrefix: z.boolean().optional(),
  /**
   * llama.cpp's flash attention: `auto` (the default, what node-llama-cpp does when unset: on where the
   * model and backend support it, so on for the CPU build) or forced on/off. Off is faster on
   * tiny heads but rounds differently, so it moves letter probabilities slightly (README).
   */
  flashAttention: z.union([z.literal('auto'), z.boolean()], { error: 'expected auto, true or false' }).optional(),
  /** Expected sha256 of the GGUF file, checked before use. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'a sha256 is 64 hex digits')
    .optional(),
  /** generate: constrain the reply to the answer JSON with a grammar (default true). */
  grammar: z.boolean().optional(),
};

export type LlamaCppModelConfig = ProviderModel<typeof LLAMACPP_OPTIONS>;

/** A local GGUF file run in-process by llama.cpp; `model` is the file's path (no `--model` shorthand). */
export const llamaCpp: ProviderDefinition<typeof LLAMACPP_OPTIONS> = {
  name: 'llamacpp',
  preset: { keyRequired: false },
  options: LLAMACPP_OPTIONS,
  create: (m, init) => llamaCppProvider(m, init.env),
  scoresByLogprob: (m) => (m.scoring ?? 'logprob') === 'logprob',
  // Settings that shape answers, only where set away from the default, so the fingerprints of earlier runs stay as they were:
  // forced flash attention, generated rather than scored answers, and a context size (which decides what is cut off).
  fingerprint: (m) => ({
    ...(m.flashAttention !== undefined && m.flashAttention !== 'auto' ? { flashAttention: m.flashAttention } : {}),
    ...(m.scoring === 'generate' ? { scoring: m.scoring } : {}),
    ...(m.contextSize !== undefined ? { contextSize: m.contextSize } : {}),
  }),
  ladders: true,
};
