import type { Case } from './types.js';

export interface CaseStats {
  total: number;
  bySpecialty: { specialty: string; cases: number; critical: number; reviewed: number; questionTypes: Record<string, number> }[];
  letters: Record<string, { count: number; share: number; deviation: number }>;
  critical: number;
  reviewed: number;
}

/** Coverage of a case set; letter deviation is in percentage points from uniform over the letters used. */
export function caseStats(cases: readonly Case[]): CaseStats {
  const bySpec = new Map<string, CaseStats['bySpecialty'][number]>();
  const letterCounts: Record<string, number> = {};
  for (const c of cases) {
    const s = bySpec.get(c.specialty) ?? { specialty: c.specialty, cases: 0, critical: 0, reviewed: 0, questionTypes: {} };
    s.cases++;
    if (c.criticalVariant) s.critical++;
    if (c.reviewed) s.reviewed++;
    const qt = c.questionType ?? 'unspecified';
    s.questionTypes[qt] = (s.questionTypes[qt] ?? 0) + 1;
    bySpec.set(c.specialty, s);
    letterCounts[c.answer] = (letterCounts[c.answer] ?? 0) + 1;
  }
  const maxOptions = Math.max(...cases.map((c) => Object.keys(c.options).length));
  const letters: CaseStats['letters'] = {};
  for (const l of 'ABCDEFGHIJ'.slice(0, maxOptions)) {
    const count = letterCounts[l] ?? 0;
    const share = count / cases.length;
    letters[l] = { count, share, deviation: (share - 1 / maxOptions) * 100 };
  }
  return {
    total: cases.length,
    bySpecialty: [...bySpec.values()],
    letters,
    critical: cases.filter((c) => c.criticalVariant).length,
    reviewed: cases.filter((c) => c.reviewed).length,
  };
}
