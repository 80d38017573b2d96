import { join } from 'node:path';
import type { ChatRequest } from '../../src/models/types.js';
import { SHARED } from './cli.js';

export const MODELS_DIR = join(SHARED, 'models');
export const STORIES = {
  f32: join(MODELS_DIR, 'stories260K-f32.gguf'),
  f16: join(MODELS_DIR, 'stories260K-f16.gguf'),
  q8: join(MODELS_DIR, 'stories260K-q8_0.gguf'),
  q4: join(MODELS_DIR, 'stories260K-q4_0.gguf'),
};

const STORY = 'Once upon a time a little cat sat on a big red mat in the sun. A dog came by and said hello.';

/** A three-option question about a tiny story, shaped like an audit's call, for stories260K (which knows no medicine). */
export const storyQuestion = (q: string, options: string): ChatRequest => ({
  messages: [
    { role: 'system', content: 'You are a careful reader. Answer with one letter.' },
    { role: 'user', content: `${STORY}\n\n${q}\n\n${options}\n\nReply with JSON.` },
  ],
  temperature: 0,
  maxTokens: 30,
  choices: ['A', 'B', 'C'],
  signal: new AbortController().signal,
});
