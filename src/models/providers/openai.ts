import { httpOptions, modelShorthand, type ProviderDefinition } from '../provider-definition.js';
import { openAICompatibleProvider } from './openai-compatible.js';
import { BATCH_OPTIONS, DEFAULT_BATCH } from '../batch.js';
import { openAIBatchClient } from './openai-batch.js';

/** OpenAI's own API: chat completions, which caps a reply with `max_completion_tokens`. */
export const openAI: ProviderDefinition<typeof BATCH_OPTIONS> = {
  name: 'openai',
  preset: { baseUrl: 'https://api.openai.com/v1', keyEnv: 'OPENAI_API_KEY', keyRequired: true },
  options: BATCH_OPTIONS,
  replicas: true,
  shorthand: modelShorthand('openai'),
  batch: {
    price: { multiplier: 0.5, date: '2026-11-30', source: 'https://platform.openai.com/docs/guides/batch (50% off input and output)' },
    mode: (m) => m.mode ?? 'live',
  },
  create(m, init) {
    const live = openAICompatibleProvider({ ...httpOptions(m, init), maxTokensField: 'max_completion_tokens' });
    return m.mode === 'batch' ? { ...live, batch: openAIBatchClient(httpOptions(m, init)), batchSettings: { ...DEFAULT_BATCH, ...m.batch } } : live;
  },
};
