import type { Case } from '../types.js';

/** One record of an input file: a case, or what is wrong with it. */
export type RecordResult = { ok: true; case: Case } | { ok: false; line: number; reason: string };
