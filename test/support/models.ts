import { join } from 'node:path';
import { SHARED } from './cli.js';

export const MODELS_DIR = join(SHARED, 'models');
export const STORIES = {
  f32: join(MODELS_DIR, 'stories260K-f32.gguf'),
  f16: join(MODELS_DIR, 'stories260K-f16.gguf'),
  q8: join(MODELS_DIR, 'stories260K-q8_0.gguf'),
  q4: join(MODELS_DIR, 'stories260K-q4_0.gguf'),
};
