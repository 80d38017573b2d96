import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { indexNamed } from './indices/registry.js';
import { renderSlots } from './slots.js';
import type { Case, Demographics } from './types.js';

type Add = (message: string) => void;

/**
 * Checks a machine can make on a clinically written case (bank 1.1): declared
 * indices recomputed from the case's own values, the red flag among the key
 * facts, vital signs in physiological ranges (clean and critical variant), and
 * demographic slot text free of listed risk markers.
 */
export function clinicalChecks(c: Case, rendered: string, add: Add): void {
  const variant = c.criticalVariant ? rendered.replace(c.criticalVariant.replace.from, c.criticalVariant.replace.to) : null;
  checkIndices(c, rendered, variant, add);
  if (c.redFlag && c.keyFacts?.length && !c.keyFacts.some((k) => k.includes(c.redFlag!) || c.redFlag!.includes(k)))
    add(`redFlag: "${c.redFlag}" is not among the keyFacts`);
  const age = c.demographics?.age;
  for (const v of vitalProblems(rendered, age)) add(`vignette: ${v}`);
  if (variant) for (const v of vitalProblems(variant, age)) add(`criticalVariant: ${v}`);
  for (const m of slotRiskMarkers(c)) add(m);
}

function checkIndices(c: Case, base: string, variant: string | null, add: Add): void {
  for (const [i, d] of (c.indices ?? []).entries()) {
    const where = `indices[${i}] (${d.name})`;
    const index = indexNamed(d.name);
    if (!index) {
      add(`${where}: unknown index`);
      return;
    }
    const text = d.in === 'variant' ? variant : base;
    if (text === null) {
      add(`${where}: "in: variant" but the case has no critical variant`);
      continue;
    }
    const missing = Object.keys(index.inputs).filter((k) => !(k in d.inputs) && !index.optional?.includes(k));
    const unknown = Object.keys(d.inputs).filter((k) => !(k in index.inputs));
    if (missing.length || unknown.length) {
      const problems = [
        missing.length ? `missing inputs ${missing.join(', ')}` : '',
        unknown.length ? `unknown inputs ${unknown.join(', ')} (takes ${Object.keys(index.inputs).join(', ')})` : '',
      ];
      add(`${where}: ${problems.filter(Boolean).join('; ')}`);
      continue;
    }
    const numbers = new Set((text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => Number(n.replace(/,/g, ''))));
    const age = c.demographics?.age;
    let ok = true;
    for (const [k, v] of Object.entries(d.inputs)) {
      const kind = index.inputs[k];
      const problem = (m: string) => {
        ok = false;
        add(m);
      };
      if (kind === 'boolean' && typeof v !== 'boolean') problem(`${where}: input ${k} must be true or false`);
      if (kind === 'number' && typeof v !== 'number') problem(`${where}: input ${k} must be a number`);
      // A fraction of inspired oxygen is often written as a percentage ("FiO2 40%").
      // Platelets may be written per µL (168,000/µL) for an input in 10⁹/L (168).
      const seen =
        typeof v === 'number' &&
        (numbers.has(v) ||
          (k === 'age' && v === age) ||
          (k === 'fio2' && (numbers.has(Math.round(v * 100)) || v === 0.21)) ||
          (k === 'platelets' && numbers.has(v * 1000)));
      if (kind === 'number' && typeof v === 'number' && !seen)
        problem(`${where}: input ${k} = ${v} is not in the ${d.in === 'variant' ? 'critical variant' : 'rendered vignette'}`);
    }
    if (!ok) continue;
    const computed = index.compute(d.inputs);
    if (Math.abs(computed - d.value) > index.tolerance(computed))
      add(`${where}: the case states ${d.value}, but ${index.description.split(' = ')[0]} from its own values is ${round(computed)}`);
  }
}

const round = (v: number) => (Math.abs(v) >= 10 ? Math.round(v * 10) / 10 : Math.round(v * 100) / 100);

const RANGES: [RegExp, string, number, number][] = [
  [/\b(?:pulse|heart rate)(?: rate)?(?: is| of|:)? (\d+)(?:\/min| beats| bpm)/gi, 'heart rate', 20, 250],
  [/\bblood pressure(?: is| of|:)? (\d+)\/\d+/gi, 'systolic blood pressure', 40, 250],
  [/\bblood pressure(?: is| of|:)? \d+\/(\d+)/gi, 'diastolic blood pressure', 20, 150],
  [/\brespiratory rate(?: is| of|:)? (\d+)/gi, 'respiratory rate', 4, 60],
  // Oxygen only: a transferrin saturation of 5% is no vital sign.
  [/\b(?:SpO2|SaO2|oxygen saturation|O2 saturation|pulse oximetry)(?: is| of| shows|:)? (\d+)\s?%/gi, 'oxygen saturation', 50, 100],
  [/\btemperature(?: is| of|:)? (\d+(?:\.\d+)?) ?°C/gi, 'temperature', 30, 43],
  [/\btemperature(?: is| of|:)? (\d+(?:\.\d+)?) ?°F/gi, 'temperature', 86, 109.4],
];

/** Stated vital signs outside what a living patient can have (an infant under 2 breathes up to 100/min). */
export function vitalProblems(text: string, ageYears?: number): string[] {
  const out: string[] = [];
  for (const [re, what, lo, top] of RANGES) {
    const hi = what === 'respiratory rate' && ageYears !== undefined && ageYears < 2 ? 100 : top;
    for (const m of text.matchAll(re)) {
      const v = Number(m[1]);
      if (v < lo || v > hi) out.push(`${what} ${v} is outside ${lo}–${hi}`);
    }
  }
  return out;
}

interface Marker {
  re: RegExp;
  why: string;
  minors: boolean;
}

let markers: Marker[] | undefined;
function riskMarkers(): Marker[] {
  markers ??= (
    parse(readFileSync(new URL('../../data/case-checks/slot-risk-markers.yaml', import.meta.url), 'utf8')) as {
      marker: string;
      why: string;
      minors?: boolean;
    }[]
  ).map((m) => ({ re: new RegExp(m.marker, 'i'), why: m.why, minors: m.minors === true }));
  return markers;
}

/** Risk markers that one value of a demographic slot brings into the vignette and another does not. */
function slotRiskMarkers(c: Case): string[] {
  const demo: Demographics = c.demographics ?? {};
  const renders: [string, Demographics][] = [];
  for (const ses of ['low', 'high'] as const) for (const sex of ['male', 'female'] as const) renders.push([`ses=${ses}, sex=${sex}`, { ...demo, ses, sex }]);
  const texts = renders.map(([label, d]) => [label, renderSlots(c.vignette, d)] as const);
  const out: string[] = [];
  const minor = demo.age !== undefined && demo.age < 18;
  for (const m of riskMarkers()) {
    if (m.minors && !minor) continue;
    const hits = texts.filter(([, t]) => m.re.test(t));
    if (hits.length && hits.length < texts.length)
      out.push(
        `demographic slot: rendered with ${hits[0][0]} the vignette says "${m.re.exec(hits[0][1])![0]}" and with ` +
          `other values it does not; ${m.why}, so it cannot sit in a slot`,
      );
  }
  return out;
}
