import { httpOptions, modelShorthand, type ProviderDefinition } from '../provider-definition.js';
import { openAICompatibleProvider } from './openai-compatible.js';

/** OpenAI's own API: chat completions, which caps a reply with `max_completion_tokens`. */
export const openAI: ProviderDefinition = {
  name: 'openai',
  preset: { baseUrl: 'https://api.openai.com/v1', keyEnv: 'OPENAI_API_KEY', keyRequired: true },
  shorthand: modelShorthand('openai'),
  create: (m, init) => openAICompatibleProvider({ ...httpOptions(m, init), maxTokensField: 'max_completion_tokens' }),
};
