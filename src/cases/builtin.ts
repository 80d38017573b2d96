import { fileURLToPath } from 'node:url';

/** The shipped bank's version: bumped with every entry in data/cases/ERRATA.md, recorded in results.json beside the case-set hash. */
export const BANK_VERSION = '1.1';

/** The shipped bank, `data/cases/` at the package root (same depth from src/ and dist/). */
export const BUILTIN_CASES_DIR = fileURLToPath(new URL('../../data/cases/', import.meta.url));
