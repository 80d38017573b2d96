import type { Case } from '../../src/cases/types.js';

/** A builder of small original cases for probe tests, each recording the test file that wrote it. */
export const storyIn =
  (file: string) =>
  (id: string, vignette: string, question: string, options: Record<string, string>, answer = 'A'): Case => ({
    id,
    specialty: 'test',
    vignette,
    question,
    options,
    answer,
    source: { file, line: 1, format: 'masld' },
  });
