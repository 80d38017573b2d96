import type { Case } from '../../../src/cases/types.js';
import { patientProfile } from '../../../src/probes/profile.js';
import type { CheckInput, Defect } from '../../../src/variants/check/types.js';
import { getLint } from '../../../src/variants/check/registry.js';
import { variantId, type Counterfactual, type Variant } from '../../../src/variants/types.js';

/** A small original case; every text here is made up for the checker's own tests. */
export function makeCase(vignette: string, extra: Partial<Case> = {}): Case {
  return {
    id: 't-1',
    specialty: 'test',
    vignette,
    question: 'Which of the following is the most appropriate next step?',
    options: { A: 'Oral fluids', B: 'Intravenous fluids', C: 'Observation', D: 'Discharge home' },
    answer: 'B',
    source: { file: 'test', line: 1, format: 'masld' },
    ...extra,
  };
}

export function makeVariant(c: Case, condition: string, narrative: string, over: Partial<Variant> = {}, cf: Counterfactual | null = null): Variant {
  return {
    id: variantId(c.id, condition, cf),
    caseId: c.id,
    condition,
    counterfactual: cf,
    narrative,
    question: c.question,
    options: { ...c.options },
    answer: c.answer,
    provenance: {},
    ...over,
  };
}

/** Runs one lint on a variant of `base` text told as `narrative` by `condition`. */
export function lint(
  name: string,
  base: string,
  narrative: string,
  condition = 'distractor',
  opts: { case?: Partial<Case>; variant?: Partial<Variant>; cf?: Counterfactual | null; baseVariant?: Partial<Variant> } = {},
): Defect[] {
  const l = getLint(name);
  if (!l) throw new Error(`no lint ${name}`);
  const c = makeCase(base, opts.case);
  const cf = opts.cf ?? null;
  const baseV = makeVariant(c, 'clean', base, opts.baseVariant, condition === 'clean' ? null : cf);
  const v = makeVariant(c, condition, narrative, opts.variant, cf);
  const input: CheckInput = { case: c, variant: v, base: baseV, profile: patientProfile(c, base) };
  if (!l.applies(v)) return [];
  return l.check(input);
}
