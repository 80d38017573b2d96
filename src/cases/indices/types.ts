/** A clinical index a case may state or rely on, recomputed by `masld cases validate` from the case's own values. */
export interface ClinicalIndex {
  name: string;
  /** What it is and the formula's source, for error messages and the docs. */
  description: string;
  /** Input name → kind; numbers must appear in the rendered text, booleans are the case author's reading of it. */
  inputs: Record<string, 'number' | 'boolean'>;
  optional?: readonly string[];
  compute(x: Record<string, number | boolean>): number;
  /** How far a stated value may sit from the computed one (rounding as vignettes state it). */
  tolerance(computed: number): number;
}

export const num = (x: Record<string, number | boolean>, k: string): number => Number(x[k] ?? 0);
export const flag = (x: Record<string, number | boolean>, k: string): number => (x[k] === true ? 1 : 0);
/** Relative tolerance with a floor: 5 % or the given absolute amount, whichever is larger. */
export const relative = (fraction: number, floor: number) => (v: number) => Math.max(Math.abs(v) * fraction, floor);
