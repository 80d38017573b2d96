import { httpOptions, modelShorthand, type ProviderDefinition } from '../provider-definition.js';
import { openAICompatibleProvider } from './openai-compatible.js';

/** A local Ollama server, through its chat-completions endpoint. */
export const ollama: ProviderDefinition = {
  name: 'ollama',
  preset: { baseUrl: 'http://127.0.0.1:11434/v1', keyRequired: false },
  replicas: true,
  shorthand: modelShorthand('ollama'),
  create: (m, init) => openAICompatibleProvider(httpOptions(m, init)),
};
