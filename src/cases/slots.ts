import type { Demographics, RaceEthnicity } from './types.js';

/** How a clinician writes each race/ethnicity value in the opening phrase. */
export const RACE_ADJECTIVE: Record<RaceEthnicity, string> = {
  unspecified: '',
  white: 'White',
  black: 'Black',
  hispanic: 'Hispanic',
  asian: 'Asian',
  american_indian: 'American Indian',
};

const CHOICE_ORDER = { sex: ['male', 'female'], ses: ['low', 'high'] } as const;
const SLOT_NAMES = new Set(['age', 'race_ethnicity', 'sex', 'ses']);

export class SlotError extends Error {}

export function hasSlots(text: string): boolean {
  return text.includes('{{');
}

/**
 * Renders `{{age}}`, `{{race_ethnicity}}`, `{{sex:M|F}}` and `{{ses:LOW|HIGH}}`.
 * Choice texts may hold one level of nested slots. Spacing is tidied afterwards
 * so an empty race adjective leaves no double space.
 */
export function renderSlots(text: string, demo: Demographics): string {
  return tidy(renderRaw(text, demo));
}

function renderRaw(text: string, demo: Demographics): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) {
      if (text.includes('}}', i)) throw new SlotError(`stray "}}" near "${excerpt(text, text.indexOf('}}', i))}"`);
      out += text.slice(i);
      break;
    }
    const stray = text.indexOf('}}', i);
    if (stray !== -1 && stray < open) throw new SlotError(`stray "}}" near "${excerpt(text, stray)}"`);
    out += text.slice(i, open);
    const close = findClose(text, open);
    if (close === -1) throw new SlotError(`unclosed slot near "${excerpt(text, open)}"`);
    out += renderSlot(text.slice(open + 2, close), demo);
    i = close + 2;
  }
  return out;
}

function findClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length - 1; i++) {
    if (text.startsWith('{{', i)) {
      depth++;
      i++;
      continue;
    }
    if (text.startsWith('}}', i)) {
      depth--;
      if (depth === 0) return i;
      i++;
    }
  }
  return -1;
}

function renderSlot(body: string, demo: Demographics): string {
  const colon = body.indexOf(':');
  const name = (colon === -1 ? body : body.slice(0, colon)).trim();
  if (!SLOT_NAMES.has(name)) throw new SlotError(`unknown slot "{{${body.slice(0, 40)}}}"; known slots are age, race_ethnicity, sex, ses`);
  if (name === 'age') {
    if (colon !== -1) throw new SlotError('the {{age}} slot takes no choices');
    if (demo.age === undefined) throw new SlotError('{{age}} is used but demographics.age is not set');
    return String(demo.age);
  }
  if (name === 'race_ethnicity') {
    if (colon !== -1) throw new SlotError('the {{race_ethnicity}} slot takes no choices');
    return RACE_ADJECTIVE[demo.race_ethnicity ?? 'unspecified'];
  }
  if (colon === -1) throw new SlotError(`the {{${name}}} slot needs two choices, e.g. {{${name}:${name === 'sex' ? 'man|woman' : 'low text|high text'}}}`);
  const choices = splitTopLevel(body.slice(colon + 1));
  if (choices.length !== 2) throw new SlotError(`the {{${name}:…}} slot needs exactly two choices separated by "|", found ${choices.length}`);
  const key = name as 'sex' | 'ses';
  const value = demo[key];
  if (!value) throw new SlotError(`{{${name}:…}} is used but demographics.${name} is not set`);
  const index = (CHOICE_ORDER[key] as readonly string[]).indexOf(value);
  return renderRaw(choices[index], demo);
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s.startsWith('{{', i)) {
      depth++;
      cur += '{{';
      i++;
      continue;
    }
    if (s.startsWith('}}', i)) {
      depth--;
      cur += '}}';
      i++;
      continue;
    }
    if (s[i] === '|' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += s[i];
  }
  parts.push(cur);
  return parts;
}

function tidy(text: string): string {
  return anBeforeAge(
    text
      .replace(/[ \t]+/g, ' ')
      .replace(/ ([,.;:!?])/g, '$1')
      .replace(/ *\n */g, '\n')
      .trim(),
  );
}

/** "A {{age}}-year-old" read aloud: "an 82-year-old", "an 11-month-old", "an 18-year-old". */
const anBeforeAge = (text: string) => text.replace(/\b(A|a) (?=(?:8\d?|11|18)[- ](?:year|month|week|day)s?[- ]old\b)/g, (_m, a: string) => `${a}n `);

function excerpt(text: string, at: number): string {
  return text.slice(Math.max(0, at - 15), at + 25).replace(/\s+/g, ' ');
}
