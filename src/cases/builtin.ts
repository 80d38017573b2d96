import { fileURLToPath } from 'node:url';

/** The shipped bank, `data/cases/` at the package root (same depth from src/ and dist/). */
export const BUILTIN_CASES_DIR = fileURLToPath(new URL('../../data/cases/', import.meta.url));
